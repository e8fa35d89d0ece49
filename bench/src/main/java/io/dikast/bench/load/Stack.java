package io.dikast.bench.load;

import io.dikast.bench.Loopback;
import io.dikast.quickstart.CaTrust;
import io.dikast.quickstart.ChildProcess;
import io.dikast.quickstart.StoryFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Grafeas server and the operator in standalone mode, started as the quickstart starts them, in
 * one temporary directory removed on close.
 */
public final class Stack implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Path root;
  private final String java;
  private final List<ChildProcess> operators = new ArrayList<>();
  private final List<URI> webhooks = new ArrayList<>();
  private ChildProcess grafeas;
  private URI grafeasRest;
  private HttpClient https;

  public Stack() throws IOException {
    root = Files.createTempDirectory("dikast-bench-");
    java = ProcessHandle.current().info().command().orElse("java");
  }

  Path policies() throws IOException {
    return directory("policies");
  }

  /** A directory of this stack's, removed with it. */
  Path directory(String name) throws IOException {
    return Files.createDirectories(root.resolve(name));
  }

  /** The first operator's log. */
  Path operatorLog() {
    return operatorLog(0);
  }

  private Path operatorLog(int index) {
    return root.resolve(index == 0 ? "operator.log" : "operator-" + index + ".log");
  }

  public URI grafeasRest() {
    return grafeasRest;
  }

  /** The first operator's HTTPS address. */
  URI webhook() {
    return webhooks.get(0);
  }

  /** Every operator's HTTPS address, in the order they started. */
  List<URI> webhooks() {
    return List.copyOf(webhooks);
  }

  HttpClient https() {
    return https;
  }

  /** The Grafeas server on its embedded store, in this stack's directory. */
  public void startGrafeas(Path jar) throws IOException, InterruptedException {
    startGrafeas(
        jar,
        List.of(
            "-Ddikast.grafeas.storage.embedded.path="
                + Files.createDirectories(root.resolve("grafeas-data"))));
  }

  /** The Grafeas server with these {@code -Ddikast.grafeas.storage…} options. */
  public void startGrafeas(Path jar, List<String> storage)
      throws IOException, InterruptedException {
    int port = Loopback.freePort();
    grafeasRest = URI.create("http://127.0.0.1:" + port);
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.addAll(storage);
    command.addAll(List.of("-jar", jar.toString()));
    grafeas = ChildProcess.start("Grafeas server", command, root.resolve("grafeas-server.log"));
    HttpClient http = HttpClient.newHttpClient();
    grafeas.awaitReady(
        () -> Loopback.answers(http, grafeasRest.resolve("/q/health/ready")), STARTUP);
  }

  /** The operator in standalone mode with the certificate it issues itself. */
  void startOperator(Path jar) throws IOException, InterruptedException {
    Path caFile = root.resolve("webhook-ca.crt");
    startOperator(jar, List.of("-Ddikast.standalone.ca-file=" + caFile), caFile);
  }

  /**
   * An operator in standalone mode with extra {@code options}; ready once {@code caFile} exists and
   * the readiness endpoint answers a client that trusts the certificates in it. Called again, it
   * starts one more operator on the same policies and Grafeas server: every operator must then
   * serve a certificate {@code caFile} holds.
   */
  void startOperator(Path jar, List<String> options, Path caFile)
      throws IOException, InterruptedException {
    int port = Loopback.freePort();
    URI webhook = URI.create("https://127.0.0.1:" + port);
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-Dquarkus.profile=standalone",
                "-Dquarkus.http.ssl-port=" + port,
                "-Ddikast.standalone.policies=" + policies(),
                "-Ddikast.grafeas.address=" + grafeasRest.getAuthority()));
    command.addAll(options);
    command.addAll(List.of("-jar", jar.toString()));
    ChildProcess operator = ChildProcess.start("operator", command, operatorLog(operators.size()));
    operators.add(operator);
    operator.awaitReady(() -> Files.isRegularFile(caFile) && readyOver(caFile, webhook), STARTUP);
    webhooks.add(webhook);
  }

  /** The first operator's process id. */
  /**
   * An operator in standalone mode serving the cluster profile's TLS configuration from {@code
   * certificate} and {@code key}, as the chart's pods serve their Secret; ready once a client
   * trusting {@code trust} gets an answer.
   */
  void startServingOperator(Path jar, Path certificate, Path key, Path trust)
      throws IOException, InterruptedException {
    startOperator(
        jar,
        List.of(
            "-Dquarkus.http.tls-configuration-name=webhook",
            "-Ddikast.webhook.serving.certificate-file=" + certificate,
            "-Ddikast.webhook.serving.key-file=" + key),
        trust);
  }

  long operatorPid() {
    return operators.get(0).pid();
  }

  private boolean readyOver(Path caFile, URI webhook) {
    if (https == null) {
      try {
        https = HttpClient.newBuilder().sslContext(CaTrust.trusting(caFile)).build();
      } catch (StoryFailure e) {
        return false;
      }
    }
    return Loopback.answers(https, webhook.resolve("/q/health/ready"));
  }

  @Override
  public void close() throws InterruptedException {
    for (ChildProcess operator : operators) {
      operator.close();
    }
    if (grafeas != null) {
      grafeas.close();
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }
}
