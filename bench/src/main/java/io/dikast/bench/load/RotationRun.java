package io.dikast.bench.load;

import io.dikast.bench.review.AdmissionReviews;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Issue 15's rotation load test: admissions sent without pause, each over a new connection, while
 * the webhook's certificate files are replaced every 15 s, four times. The operator runs in
 * standalone mode as the load run's does, but serves the cluster's TLS configuration {@code
 * webhook} from those files with its default check interval, and the warm pool of attested images
 * keeps Grafeas out of the figure. Every request must be admitted, and every certificate served.
 */
public final class RotationRun {

  static final int ROTATIONS = 4;
  private static final Duration PERIOD = Duration.ofSeconds(15);
  private static final int SENDERS = 4;
  private static final int POOL = 100;
  private static final String NAMESPACE = "one";
  private static final String RELOADED = "Serving the new webhook certificate";

  private final Path checkout;

  public RotationRun(Path checkout) {
    this.checkout = checkout;
  }

  /** Runs the rotations under load; returns the report's section. */
  public String run() throws IOException, InterruptedException {
    try (Stack stack = new Stack()) {
      List<String> pool =
          LoadRun.attestedPool(
              stack, checkout, NAMESPACE, "registry.example.com/bench/rotation", POOL);
      RotatingFiles files = RotatingFiles.issue(stack.directory("webhook-tls"), ROTATIONS + 1);
      stack.startServingOperator(
          LoadRun.jar(checkout, "operator"), files.certificate(), files.key(), files.trustBundle());
      try (NewConnections load =
          NewConnections.start(
              SENDERS,
              stack.webhook().resolve("/validate"),
              files.trustBundle(),
              i ->
                  AdmissionReviews.podCreate(
                      NAMESPACE, "pod-" + i, List.of(pool.get((int) (i % POOL)))))) {
        for (int i = 0; i < ROTATIONS; i++) {
          TimeUnit.MILLISECONDS.sleep(PERIOD.toMillis());
          files.rotate();
        }
        TimeUnit.MILLISECONDS.sleep(PERIOD.toMillis());
        load.stop();
        long reloads =
            Files.readAllLines(stack.operatorLog()).stream()
                .filter(line -> line.contains(RELOADED))
                .count();
        String section = section(load, files.serials(), reloads);
        System.out.print(section);
        return section;
      }
    }
  }

  private static String section(NewConnections load, List<BigInteger> serials, long reloads) {
    Histogram latency = load.latency();
    long served = serials.stream().filter(load.servedSerials()::contains).count();
    StringBuilder out =
        new StringBuilder(
            "\n## Certificate rotation under load (a new connection per admission, ms)\n\n");
    out.append(
            "| rotations | senders | seconds | requests sent | failed | achieved/s | certificates"
                + " served | server reloads | p50 | p99 | max |\n")
        .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        .append(
            String.format(
                Locale.ROOT,
                "| %d | %d | %.0f | %d | %d | %.0f | %d of %d | %d | %.2f | %.2f | %.2f |\n",
                ROTATIONS,
                SENDERS,
                load.seconds(),
                load.sent(),
                load.failed(),
                load.sent() / load.seconds(),
                served,
                serials.size(),
                reloads,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6));
    load.failures().forEach(failure -> out.append("\n- failed: ").append(failure));
    return out.append('\n').toString();
  }
}
