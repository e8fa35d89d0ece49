package io.dikast.bench.memory;

import io.dikast.bench.Loopback;
import io.dikast.bench.ServingCertificate;
import io.dikast.quickstart.CaTrust;
import io.dikast.quickstart.ChildProcess;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator jar in cluster mode (the prod profile, a kubeconfig, HTTPS with a given
 * certificate), with the JVM options of the chart's container ({@link ChartSizing}). Native memory
 * tracking (summary) is on to tell where the RSS goes; it costs a few MB of its own.
 */
final class ClusterOperator implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(180);

  private final ChildProcess process;
  private final Path jcmd;
  private final URI webhook;
  private final HttpClient https;

  private ClusterOperator(ChildProcess process, Path jcmd, URI webhook, HttpClient https) {
    this.process = process;
    this.jcmd = jcmd;
    this.webhook = webhook;
    this.https = https;
  }

  static ClusterOperator start(
      Path jar,
      ChartSizing sizing,
      Path kubeconfig,
      List<String> properties,
      ServingCertificate certificate,
      int httpsPort,
      int httpPort,
      Path log) {
    Path javaHome = Path.of(System.getProperty("java.home"));
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
    command.addAll(sizing.jvmArguments());
    command.addAll(
        List.of(
            "-XX:NativeMemoryTracking=summary",
            "-Dkubeconfig=" + kubeconfig,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + httpPort,
            "-Dquarkus.http.ssl-port=" + httpsPort,
            "-Ddikast.webhook.serving.certificate-file=" + certificate.certificate(),
            "-Ddikast.webhook.serving.key-file=" + certificate.key()));
    command.addAll(properties);
    command.addAll(List.of("-jar", jar.toString()));
    URI webhook = URI.create("https://127.0.0.1:" + httpsPort);
    HttpClient https =
        HttpClient.newBuilder().sslContext(CaTrust.trusting(certificate.certificate())).build();
    ClusterOperator operator =
        new ClusterOperator(
            ChildProcess.start("operator", command, sizing.environment(), log),
            javaHome.resolve("bin/jcmd"),
            webhook,
            https);
    operator.process.awaitReady(
        () -> Loopback.answers(https, webhook.resolve("/q/health/ready")), STARTUP);
    return operator;
  }

  URI webhook() {
    return webhook;
  }

  HttpClient https() {
    return https;
  }

  /**
   * Runs a full GC, then reads the heap, the RSS and its peak; keeps NMT's summary in a file, and
   * the heap's class histogram (its first 40 lines) and the threads by name beside it.
   */
  MemoryPoint measure(String moment, Path nativeMemoryFile) {
    jcmd("GC.run");
    JvmMemory.Heap heap = JvmMemory.heap(jcmd("GC.heap_info"));
    try {
      Files.writeString(nativeMemoryFile, jcmd("VM.native_memory", "summary"));
      Files.write(
          nativeMemoryFile.resolveSibling(
              nativeMemoryFile.getFileName().toString().replace("nmt-", "histogram-")),
          jcmd("GC.class_histogram").lines().limit(40).toList());
      Files.write(
          nativeMemoryFile.resolveSibling(
              nativeMemoryFile.getFileName().toString().replace("nmt-", "threads-")),
          JvmMemory.threadGroups(jcmd("Thread.print")));
      String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
      return new MemoryPoint(
          moment,
          heap,
          JvmMemory.statusKib(status, "VmRSS"),
          JvmMemory.statusKib(status, "RssAnon"),
          JvmMemory.statusKib(status, "RssFile"),
          JvmMemory.statusKib(status, "VmHWM"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sum of a Prometheus metric's series on {@code /q/metrics}, 0 when it has none yet. */
  double metric(String name) {
    try {
      String text =
          https
              .send(
                  HttpRequest.newBuilder(webhook.resolve("/q/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      return text.lines()
          .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + name, e);
    }
  }

  private String jcmd(String... arguments) {
    List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(process.pid())));
    command.addAll(List.of(arguments));
    try {
      Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(run.getInputStream().readAllBytes());
      if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running jcmd", e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
