package io.dikast.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChartLintTest {

  private final DikastChart chart = DikastChart.assembled();

  @ParameterizedTest(name = "values {0}")
  @NullSource
  @ValueSource(
      strings = {
        "external-grafeas.yaml",
        "postgresql.yaml",
        "cert-manager.yaml",
        "single-replica.yaml",
        "extra-rules.yaml"
      })
  void passesStrictLint(String valueSet, @TempDir Path scratch) {
    LintResult result = chart.lintStrict(valueSet, scratch);

    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
  }

  @Test
  void schemaRejectsAnUnknownFailurePolicy() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("webhook.failurePolicy", "Sometimes")
                    .call())
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("at '/webhook/failurePolicy': value must be one of 'Fail', 'Ignore'");
  }

  @Test
  void schemaRejectsAnExtraRuleWithoutResources() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("webhook.extraRules[0].apiGroups[0]", "argoproj.io")
                    .set("webhook.extraRules[0].apiVersions[0]", "v1alpha1")
                    .call())
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining("missing property 'resources'");
  }

  @Test
  void schemaRejectsAMisspeltKey() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("operator.replica", 3)
                    .call())
        .hasMessageContaining("additional properties 'replica' not allowed");
  }

  @Test
  void schemaRejectsAnImageDigestThatIsNotSha256() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("operator.image.digest", "latest")
                    .call())
        .hasMessageContaining(
            "at '/operator/image/digest': 'latest' does not match pattern"
                + " '^(sha256:[a-f0-9]{64})?$'");
  }

  @Test
  void refusesEmbeddedStorageWithMoreThanOneGrafeasReplica() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("grafeas.bundled.replicas", 2)
                    .call())
        .hasMessageContaining(
            "grafeas.bundled.replicas above 1 needs grafeas.bundled.storage.type postgresql");
  }

  @Test
  void requiresAnAddressForExternalGrafeas() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("grafeas.mode", "external")
                    .call())
        .hasMessageContaining("at '/grafeas/external/address': minLength: got 0, want 1");
  }

  @Test
  void refusesAShutdownDelayThatLeavesNoTimeToDrain() {
    assertThatThrownBy(
            () ->
                new Helm(chart.directory())
                    .template()
                    .withKubeVersion(DikastChart.KUBE_VERSION)
                    .set("operator.terminationGracePeriodSeconds", 20)
                    .set("operator.shutdownDelaySeconds", 15)
                    .call())
        .hasMessageContaining(
            "operator.terminationGracePeriodSeconds must exceed operator.shutdownDelaySeconds by"
                + " at least 10 s");
  }
}
