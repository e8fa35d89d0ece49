package io.dikast.e2e;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart as the helm module assembled it, rendered by helm-java as {@code helm template} would
 * for a release, and its CRDs as {@code helm install} applies them from {@code crds/}.
 */
final class RenderedChart {

  /** The kube version Helm renders for: the chart's PodDisruptionBudget needs policy/v1. */
  private static final String KUBE_VERSION = "1.30.0";

  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Path directory;
  private final String namespace;
  private final List<HasMetadata> objects;

  private RenderedChart(Path directory, String namespace, List<HasMetadata> objects) {
    this.directory = directory;
    this.namespace = namespace;
    this.objects = objects;
  }

  /** Renders release {@code release} into {@code namespace} with {@code values} set. */
  static RenderedChart render(String release, String namespace, Map<String, String> values) {
    Path directory =
        Path.of(System.getProperty("dikast.chart.directory", "../helm/target/chart/dikast"))
            .toAbsolutePath();
    if (!Files.isRegularFile(directory.resolve("Chart.yaml"))) {
      throw new IllegalStateException(directory + " holds no chart: build the helm module first");
    }
    var template =
        new Helm(directory)
            .template()
            .withName(release)
            .withNamespace(namespace)
            .withKubeVersion(KUBE_VERSION);
    for (Map.Entry<String, String> value : values.entrySet()) {
      template = template.set(value.getKey(), value.getValue());
    }
    return new RenderedChart(directory, namespace, parse(template.call()));
  }

  String namespace() {
    return namespace;
  }

  <T extends HasMetadata> T one(Class<T> type) {
    return only(type, all(type));
  }

  /** The one object of the type that the chart labels as part of {@code component}. */
  <T extends HasMetadata> T one(Class<T> type, String component) {
    return only(
        type,
        all(type).stream()
            .filter(o -> component.equals(o.getMetadata().getLabels().get(COMPONENT)))
            .toList());
  }

  private static <T> T only(Class<T> type, List<T> matches) {
    if (matches.size() != 1) {
      throw new IllegalStateException("expected one " + type.getSimpleName() + ": " + matches);
    }
    return matches.get(0);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The CustomResourceDefinitions under the chart's {@code crds/}. */
  List<HasMetadata> crds() {
    try (Stream<Path> files = Files.list(directory.resolve("crds"))) {
      List<HasMetadata> crds = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        crds.addAll(parse(Files.readString(file)));
      }
      return crds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The container {@code name} of the operator Deployment, or of its init containers. */
  Container operatorContainer(String name) {
    var pod = one(Deployment.class, "operator").getSpec().getTemplate().getSpec();
    return Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream())
        .filter(container -> container.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no container " + name));
  }

  /**
   * The container's environment with literal values, in order; a value from the Downward API (only
   * the pod's namespace) takes the release namespace, as the kubelet would fill it in.
   */
  Map<String, String> environment(Container container) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (EnvVar variable : container.getEnv()) {
      if (variable.getValue() != null) {
        environment.put(variable.getName(), variable.getValue());
      } else if (variable.getValueFrom().getFieldRef() != null
          && "metadata.namespace".equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
        environment.put(variable.getName(), namespace);
      }
    }
    return environment;
  }

  private static List<HasMetadata> parse(String manifest) {
    List<HasMetadata> parsed = new ArrayList<>();
    for (String document : manifest.split("(?m)^---\\s*$")) {
      if (!document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
        parsed.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
      }
    }
    return parsed;
  }
}
