package io.dikast.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The operator as it ships, {@code java -jar quarkus-run.jar}, talking to the API server through
 * the kubeconfig it is given. Its output goes to a log file beside the suite's other files.
 */
final class OperatorProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final Process process;
  private final Path log;
  private final HttpClient http;
  private final HttpRequest ready;

  private OperatorProcess(Process process, Path log, String readyUrl, SSLContext trust) {
    this.process = process;
    this.log = log;
    this.http = HttpClient.newBuilder().sslContext(trust).build();
    this.ready =
        HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(5)).build();
  }

  static OperatorProcess start(Path jar, Path kubeconfig, Path workDir) {
    return start(jar, kubeconfig, workDir, WebhookEndpoint.create(workDir), Map.of());
  }

  /** Serves HTTPS on the endpoint, with extra system properties such as the Grafeas address. */
  static OperatorProcess start(
      Path jar,
      Path kubeconfig,
      Path workDir,
      WebhookEndpoint endpoint,
      Map<String, String> properties) {
    OperatorProcess operator = launch(jar, kubeconfig, workDir, endpoint, properties);
    operator.awaitReady();
    return operator;
  }

  /**
   * As {@link #start(Path, Path, Path, WebhookEndpoint, Map)}, without waiting until it is ready.
   */
  static OperatorProcess launch(
      Path jar,
      Path kubeconfig,
      Path workDir,
      WebhookEndpoint endpoint,
      Map<String, String> properties) {
    Map<String, String> serving = new LinkedHashMap<>(properties);
    serving.put(
        "dikast.webhook.serving.certificate-file", endpoint.certificate().certificate().toString());
    serving.put("dikast.webhook.serving.key-file", endpoint.certificate().key().toString());
    return launch(
        jar,
        kubeconfig,
        workDir,
        endpoint.port(),
        endpoint.url("/q/health/ready"),
        endpoint.certificate().trustingContext(),
        Map.of(),
        serving);
  }

  /**
   * Serves HTTPS on {@code port} with the certificate its environment names, as a pod's container
   * would, and is ready once {@code readyUrl} answers 200 to a client trusting {@code trust}.
   */
  static OperatorProcess start(
      Path jar,
      Path kubeconfig,
      Path workDir,
      int port,
      String readyUrl,
      SSLContext trust,
      Map<String, String> environment,
      Map<String, String> properties) {
    OperatorProcess operator =
        launch(jar, kubeconfig, workDir, port, readyUrl, trust, environment, properties);
    operator.awaitReady();
    return operator;
  }

  private static OperatorProcess launch(
      Path jar,
      Path kubeconfig,
      Path workDir,
      int port,
      String readyUrl,
      SSLContext trust,
      Map<String, String> environment,
      Map<String, String> properties) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the operator module first");
    }
    try {
      Files.createDirectories(workDir);
      Path log = workDir.resolve("operator-" + port + ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dquarkus.http.host=127.0.0.1",
                  // Plain HTTP stays off, as in production: everything goes through HTTPS.
                  "-Dquarkus.http.port=" + WebhookEndpoint.freePort(),
                  "-Dquarkus.http.ssl-port=" + port));
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Process process = builder.start();
      // A JVM ended before the test closes the operator (a failsafe timeout) must not leave it
      // running.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      return new OperatorProcess(process, log, readyUrl, trust);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void awaitReady() {
    try {
      await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .failFast("the operator exited, see " + log, () -> !process.isAlive())
          .until(() -> readinessStatus() == 200);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTTP status of the readiness endpoint right now. */
  int readinessStatus() throws IOException, InterruptedException {
    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Posts an AdmissionReview to this replica's webhook path itself, as the API server would through
   * the Service; returns the AdmissionReview it answered.
   */
  AdmissionReview review(AdmissionReview review, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(ready.uri().resolve("/validate"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.asJson(review)))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the webhook answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.unmarshal(response.body(), AdmissionReview.class);
  }

  /** SIGTERM, as the kubelet stops a pod, without waiting for the process to end. */
  void terminate() {
    process.destroy();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crashed or evicted pod ends: no shutdown hooks, no graceful stop. */
  void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
