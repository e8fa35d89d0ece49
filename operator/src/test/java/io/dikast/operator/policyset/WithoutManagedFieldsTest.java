package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class WithoutManagedFieldsTest {

  @Test
  void storesObjectsWithoutTheirManagedFieldsAndKeepsTheRestOfTheMetadata() {
    ImageSecurityPolicy policy = new ImageSecurityPolicy();
    policy.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("payments")
            .withName("qa-only")
            .withResourceVersion("42")
            .withManagedFields(
                List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()))
            .build());
    WithoutManagedFields<ImageSecurityPolicy> store = new WithoutManagedFields<>();

    store.put(store.getKey(policy), policy);

    ImageSecurityPolicy cached = store.get("payments/qa-only");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
  }
}
