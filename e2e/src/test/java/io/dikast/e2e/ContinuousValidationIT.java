package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Continuous validation on the real API server: a pod admitted with a valid attestation is marked
 * once the attestation occurrence is deleted from Grafeas and a run is asked for with the
 * annotation, {@code kubectl get isp} counts it, and the mark goes when the attestation is back.
 */
@ExtendWith(ClusterExtension.class)
class ContinuousValidationIT {

  private static final String PAYMENT = ArticleStory.PAYMENT;
  private static final String NOTE_ID = "qa-validation";
  private static final String MARK = "kritis.grafeas.io/invalidImageSecPolicy";
  private static final Duration PATIENCE = ArticleStory.DECIDED;

  private static TestCluster cluster;
  private static Kubectl kubectl;
  private static LocalOperator local;
  private static ArticleStory story;
  private static TestNamespace namespace;

  @BeforeAll
  static void startGrafeasAndOperator(TestCluster testCluster) {
    cluster = testCluster;
    kubectl = cluster.kubectl();
    local =
        LocalOperator.start(
            cluster,
            "dikast-e2e-validation",
            // A run sees a deletion once the cached fact expires: within 1 s here, 30 s by default.
            Map.of(
                "dikast.cache.positive-ttl",
                "1s",
                "dikast.cache.refresh-after",
                "1s",
                "dikast.cache.negative-ttl",
                "1s",
                "dikast.validation.poll-interval",
                "1s"));
    story = ArticleStory.start(cluster, local.grafeas());
  }

  @AfterAll
  static void stopAll() {
    Closeables.closeAll(namespace, local, story);
  }

  @Test
  void marksARunningPodWhoseAttestationWasDeletedAndClearsItOnceReUploaded() {
    namespace = story.policyNamespace("validation", NOTE_ID, WebhookRegistration.CHECKED);
    String occurrence = story.uploadClearSignedAttestation(NOTE_ID, PAYMENT);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        kubectl
                            .apply(namespace.name(), ArticleStory.pod("payment", PAYMENT))
                            .stdout())
                    .isEqualTo("pod/payment created\n"));

    story.deleteOccurrence(occurrence);

    awaitRunsUntil(() -> mark().equals("invalidImageSecPolicy"));
    assertThat(podAnnotation()).isEqualTo(ArticleStory.denial(namespace, PAYMENT));
    await().atMost(PATIENCE).until(() -> violationsColumn().equals("1"));
    assertThat(
            kubectl
                .run(
                    "get",
                    "pods",
                    "-n",
                    namespace.name(),
                    "-l",
                    MARK + "=invalidImageSecPolicy",
                    "-o",
                    "name")
                .stdout())
        .isEqualTo("pod/payment\n");

    story.uploadClearSignedAttestation(NOTE_ID, PAYMENT);

    awaitRunsUntil(() -> mark().isEmpty() && violationsColumn().equals("0"));
    assertThat(podAnnotation()).isEmpty();
    assertThat(cluster.admin().pods().inNamespace(namespace.name()).withName("payment").get())
        .isNotNull();
  }

  // A run that starts within the cache's second after the change still sees the old fact: ask
  // again until one does not.
  private static void awaitRunsUntil(Callable<Boolean> seen) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              if (seen.call()) {
                return true;
              }
              requestRun();
              return false;
            });
  }

  private static void requestRun() {
    Kubectl.Result annotated =
        kubectl.run(
            "annotate",
            "-n",
            namespace.name(),
            "--overwrite",
            "isp/qa-only",
            "kritis.grafeas.io/revalidate=now");
    assertThat(annotated.stderr()).isEmpty();
  }

  private static String mark() {
    Map<String, String> labels = pod().getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(MARK, "");
  }

  private static String podAnnotation() {
    Map<String, String> annotations = pod().getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(MARK, "");
  }

  private static Pod pod() {
    return cluster.admin().pods().inNamespace(namespace.name()).withName("payment").get();
  }

  /** The VIOLATIONS cell of {@code kubectl get isp qa-only}. */
  private static String violationsColumn() {
    List<PrinterTable> tables =
        PrinterTable.parse(kubectl.run("get", "-n", namespace.name(), "isp/qa-only").stdout());
    PrinterTable table = tables.get(0);
    return table.rows().get(0).get(table.headers().indexOf("VIOLATIONS"));
  }
}
