package io.dikast.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dikast.crds.v1beta1.GrafeasConnection;
import io.dikast.crds.v1beta1.KritisConfig;
import io.dikast.crds.v1beta1.KritisConfigSpec;
import io.dikast.crds.v1beta1.KritisConfigStatus;
import io.dikast.operator.validation.ValidationSchedule;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KritisConfig against the Fabric8 mock API server: the interval, superseded fields, a second. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class KritisConfigReconcilerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Inject KubernetesClient client;
  @Inject ValidationSchedule schedule;

  @BeforeEach
  void installCrd() throws Exception {
    try (InputStream crd =
        getClass().getResourceAsStream("/crds/kritisconfigs.kritis.grafeas.io-v1.yml")) {
      client
          .resource(new KubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .createOr(c -> c.update());
    }
  }

  @AfterEach
  void deleteConfigs() {
    client.resources(KritisConfig.class).delete();
    schedule.override(Optional.empty());
  }

  @Test
  void setsTheValidationIntervalAndReportsSupersededSettings() {
    KritisConfigSpec spec = new KritisConfigSpec();
    spec.setCronInterval("30m");
    spec.setMetadataBackend("grafeas");
    GrafeasConnection grafeas = new GrafeasConnection();
    grafeas.setAddr("grafeas-server:443");
    spec.setGrafeas(grafeas);
    create("kritis-config", spec);

    KritisConfigStatus status = awaitReady("kritis-config", "True");

    assertThat(schedule.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(status.getValidationInterval()).isEqualTo("30m");
    assertThat(status.getSupersededFields()).containsExactly("metadataBackend", "grafeas.addr");
    assertThat(ready(status).getReason()).isEqualTo("InEffect");
    assertThat(ready(status).getMessage()).isEqualTo("continuous validation runs every 30m");
  }

  @Test
  void aSecondKritisConfigIsNotReadyAndChangesNothing() {
    KritisConfigSpec first = new KritisConfigSpec();
    first.setCronInterval("2h");
    create("kritis-config", first);
    awaitReady("kritis-config", "True");
    KritisConfigSpec second = new KritisConfigSpec();
    second.setCronInterval("1m");
    create("second-config", second);

    KritisConfigStatus status = awaitReady("second-config", "False");

    assertThat(ready(status).getReason()).isEqualTo("DuplicateKritisConfig");
    assertThat(ready(status).getMessage())
        .isEqualTo(
            "KritisConfig kritis-config is in effect; a cluster has one KritisConfig and this one"
                + " is ignored");
    assertThat(status.getValidationInterval()).isNull();
    assertThat(schedule.interval()).isEqualTo(Duration.ofHours(2));
  }

  private void create(String name, KritisConfigSpec spec) {
    KritisConfig config = new KritisConfig();
    config.getMetadata().setName(name);
    config.setSpec(spec);
    client.resource(config).create();
  }

  private KritisConfigStatus awaitReady(String name, String readyStatus) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> {
              KritisConfig config = client.resources(KritisConfig.class).withName(name).get();
              return config == null ? null : config.getStatus();
            },
            status ->
                status != null
                    && Conditions.ready(status)
                        .map(Condition::getStatus)
                        .orElse("")
                        .equals(readyStatus));
  }

  private static Condition ready(KritisConfigStatus status) {
    return Conditions.ready(status).orElseThrow();
  }
}
