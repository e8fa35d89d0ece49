package io.dikast.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator in standalone mode decides admissions from its policy files and never dials the
 * Kubernetes API server; the same operator in its cluster profile does, so the listener would see
 * it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StandaloneOperatorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UNATTESTED =
      "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

  @TempDir Path directory;

  @Test
  void decidesFromItsPolicyFilesWithoutEverCallingTheApiServer() throws Exception {
    Path policies = Files.createDirectories(directory.resolve("policies"));
    Files.writeString(
        policies.resolve("policies.yaml"),
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: GenericAttestationPolicy
        metadata:
          name: signed
          namespace: payments
        spec:
          attestationAuthorityNames: [qa]
          admissionAllowlistPatterns:
            - namePattern: registry.k8s.io/**
        ---
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: qa
          namespace: payments
        spec:
          noteReference: projects/image-signing/notes/qa
        """);
    Path caFile = directory.resolve("ca.crt");
    int port = FreePort.find();
    Path log = directory.resolve("operator.log");

    try (ApiServerListener apiServer = new ApiServerListener();
        ChildProcess operator =
            ChildProcess.start(
                "operator",
                operatorCommand(
                    apiServer,
                    "-Dquarkus.profile=standalone",
                    "-Dquarkus.http.ssl-port=" + port,
                    "-Ddikast.standalone.policies=" + policies,
                    "-Ddikast.standalone.ca-file=" + caFile,
                    "-Ddikast.grafeas.address=127.0.0.1:" + FreePort.find()),
                log)) {
      operator.awaitReady(() -> Files.isRegularFile(caFile), Duration.ofSeconds(90));
      Webhook webhook = new Webhook(URI.create("https://127.0.0.1:" + port), caFile);
      operator.awaitReady(webhook::ready, Duration.ofSeconds(30));

      AdmissionAnswer allowlisted = webhook.create(pod("registry.k8s.io/pause:3.9"), "dev");
      AdmissionAnswer unattested = webhook.create(pod(UNATTESTED), "dev");
      AdmissionAnswer breakglass = webhook.create(breakglassPod(UNATTESTED), "oncall");

      assertThat(allowlisted.allowed()).as(allowlisted.toString()).isTrue();
      assertThat(unattested.allowed()).isFalse();
      assertThat(unattested.message())
          .startsWith(
              "image " + UNATTESTED + " denied by GenericAttestationPolicy payments/signed:");
      assertThat(breakglass.allowed()).isTrue();
      assertThat(breakglass.warnings())
          .singleElement()
          .asString()
          .startsWith(
              "image "
                  + UNATTESTED
                  + " admitted under break-glass despite GenericAttestationPolicy"
                  + " payments/signed:");
      assertThat(Files.readString(log))
          .contains("No Reconciler implementation was found so the Operator was not started.")
          .contains(
              "break-glass audit: Pod/payments/hotfix admitted by break-glass for user oncall: image "
                  + UNATTESTED
                  + " admitted under break-glass despite GenericAttestationPolicy payments/signed:");
      assertThat(apiServer.connections()).isZero();
    }
  }

  @Test
  void theListenerSeesTheOperatorOfTheClusterProfile() throws Exception {
    try (ApiServerListener apiServer = new ApiServerListener();
        ChildProcess operator =
            ChildProcess.start(
                "operator",
                operatorCommand(
                    apiServer,
                    // A profile of its own: no webhook certificate files needed, reconcilers on.
                    "-Dquarkus.profile=cluster",
                    "-Dquarkus.http.port=" + FreePort.find(),
                    "-Dquarkus.http.ssl-port=" + FreePort.find()),
                directory.resolve("operator.log"))) {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> apiServer.connections() > 0);
    }
  }

  private List<String> operatorCommand(ApiServerListener apiServer, String... options)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx384m");
    // Both ways the Kubernetes client finds its cluster point at the listener.
    command.add("-Dkubeconfig=" + apiServer.kubeconfig(directory));
    command.add("-Dkubernetes.master=" + apiServer.url());
    command.addAll(List.of(options));
    command.add("-jar");
    command.add(Jars.besideThisJar().operator().toString());
    return command;
  }

  private static JsonNode breakglassPod(String image) throws IOException {
    return JSON.readTree(
        """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "hotfix", "namespace": "payments",
                      "annotations": {"kritis.grafeas.io/breakglass": "true"}},
         "spec": {"containers": [{"name": "hotfix", "image": "%s"}]}}
        """
            .formatted(image));
  }

  private static JsonNode pod(String image) throws IOException {
    return JSON.readTree(
        """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "payment", "namespace": "payments"},
         "spec": {"containers": [{"name": "payment", "image": "%s"}]}}
        """
            .formatted(image));
  }
}
