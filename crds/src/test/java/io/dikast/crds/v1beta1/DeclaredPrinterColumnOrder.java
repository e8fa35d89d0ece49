package io.dikast.crds.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts printer columns in the order the class declares them; the generator sorts them by JSON path,
 * which would show AGE first in {@code kubectl get}.
 */
final class DeclaredPrinterColumnOrder implements CRDPostProcessor {

  private final List<Class<? extends HasMetadata>> model;

  DeclaredPrinterColumnOrder(List<Class<? extends HasMetadata>> model) {
    this.model = model;
  }

  @Override
  public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
    CustomResourceDefinition definition = (CustomResourceDefinition) crd;
    Class<? extends HasMetadata> type = typeOf(definition.getMetadata().getName());
    List<String> declared =
        Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
      version
          .getAdditionalPrinterColumns()
          .sort(
              Comparator.comparingInt(
                  (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName())));
    }
    return crd;
  }

  private Class<? extends HasMetadata> typeOf(String crdName) {
    return model.stream()
        .filter(type -> HasMetadata.getFullResourceName(type).equals(crdName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model class for " + crdName));
  }
}
