package io.dikast.e2e;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The chart's operator pod played by local processes: its init container's command, then the
 * operator jar, each with its container's rendered environment. Paths under the pod's mounts and
 * image map to local directories; {@code overrides} replace what a pod gets from the cluster's
 * network (the Grafeas address, the HTTPS port).
 */
final class ChartOperator {

  static final String TLS_MOUNT = "/etc/dikast/webhook-tls";
  private static final String IMAGE_APP_DIRECTORY = "/deployments";

  private ChartOperator() {}

  /**
   * Starts one replica: its TLS files live in {@code tlsDirectory}, it serves HTTPS on {@code port}
   * and is ready once its readiness endpoint answers through {@code localhost}, the name its
   * certificate carries, to a client trusting the CA bundle of its TLS directory as it is then.
   */
  static OperatorProcess start(
      RenderedChart chart,
      Path kubeconfig,
      Path workDir,
      Path tlsDirectory,
      int port,
      Map<String, String> overrides,
      Map<String, String> properties) {
    Path jar = SuiteSettings.fromEnvironment().operatorJar();
    Map<String, String> pod = new LinkedHashMap<>(overrides);
    pod.put("QUARKUS_HTTP_SSL_PORT", String.valueOf(port));
    bootstrap(chart, kubeconfig, workDir, tlsDirectory, jar.getParent(), pod);
    return OperatorProcess.start(
        jar,
        kubeconfig,
        workDir,
        port,
        "https://localhost:" + port + "/q/health/ready",
        CaBundleTrust.context(tlsDirectory.resolve("ca.crt")),
        environment(chart, chart.operatorContainer("operator"), tlsDirectory, pod),
        properties);
  }

  /** The init container: writes the first certificate files, creating the Secret if needed. */
  private static void bootstrap(
      RenderedChart chart,
      Path kubeconfig,
      Path workDir,
      Path tlsDirectory,
      Path appDirectory,
      Map<String, String> overrides) {
    Container init = chart.operatorContainer("webhook-tls");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    init.getCommand().stream()
        .skip(1)
        .map(argument -> argument.replace(IMAGE_APP_DIRECTORY, appDirectory.toString()))
        .forEach(command::add);
    try {
      Files.createDirectories(tlsDirectory);
      Path log = workDir.resolve("webhook-tls-" + tlsDirectory.getFileName() + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment(chart, init, tlsDirectory, overrides));
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      Process process = builder.start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the webhook-tls init container hung, see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("the webhook-tls init container failed, see " + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while bootstrapping the certificate", e);
    }
  }

  private static Map<String, String> environment(
      RenderedChart chart, Container container, Path tlsDirectory, Map<String, String> overrides) {
    Map<String, String> environment = new LinkedHashMap<>();
    chart
        .environment(container)
        .forEach(
            (name, value) ->
                environment.put(name, value.replace(TLS_MOUNT, tlsDirectory.toString())));
    environment.putAll(overrides);
    return environment;
  }
}
