package io.dikast.bench.load;

import io.dikast.bench.Machine;
import io.dikast.bench.ServingCertificate;
import io.dikast.bench.report.LoadRow;
import io.dikast.bench.report.ReportWriter;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Issue 16's scale-out question: warm admission throughput with 1, 2 and 3 operator processes on
 * loopback, the load spread over them round-robin as a Service spreads the API server's calls. All
 * serve one certificate (as the chart's replicas share one Secret) and read one policy directory
 * and Grafeas server. The driver runs on the same machine, so past the machine's cores it competes
 * with the operators it measures: the table shows where throughput stops growing, not why.
 */
public final class ScaleOutRun {

  private static final List<Integer> RATES = List.of(1000, 2000, 3000, 4000);
  private static final int REPLICAS = 3;
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final int POOL = 100;
  private static final int PREBUILT = 3_000;
  private static final String NAMESPACE = "one";

  private final Path checkout;

  public ScaleOutRun(Path checkout) {
    this.checkout = checkout;
  }

  /** Runs each replica count at each rate; returns the report's section. */
  public String run() throws IOException, InterruptedException {
    List<LoadRow> rows = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    try (Stack stack = new Stack()) {
      List<String> pool =
          LoadRun.attestedPool(
              stack, checkout, NAMESPACE, "registry.example.com/bench/scale", POOL);
      ServingCertificate certificate = ServingCertificate.write(stack.directory("webhook-tls"));
      List<List<HttpRequest>> requests = new ArrayList<>();
      for (int replicas = 1; replicas <= REPLICAS; replicas++) {
        stack.startServingOperator(
            LoadRun.jar(checkout, "operator"),
            certificate.certificate(),
            certificate.key(),
            certificate.certificate());
        requests.add(
            LoadRun.prebuiltReviews(
                stack.webhooks().get(replicas - 1).resolve("/validate"),
                NAMESPACE,
                pool,
                PREBUILT));
        OpenLoop loop = new OpenLoop(stack.https());
        LongFunction<HttpRequest> spread = spread(requests);
        loop.run("warm-up", 500, WARM_UP, spread, LoadRun.ALLOWED);
        loop.run("warm-up", 1000 * replicas, WARM_UP, spread, LoadRun.ALLOWED);
        String before = Machine.oneMinuteLoad();
        for (int rate : RATES) {
          rows.add(
              loop.run(
                  replicas + (replicas == 1 ? " replica" : " replicas"),
                  rate,
                  STEP,
                  spread,
                  LoadRun.ALLOWED));
        }
        loads.add("%d: %s → %s".formatted(replicas, before, Machine.oneMinuteLoad()));
        System.out.println("scale-out: " + replicas + " of " + REPLICAS + " replicas done");
      }
    }
    String section =
        "\n## Scale-out: warm admissions over 1–3 operator processes (open loop, ms)\n\n"
            + "One container, one authority, 100 attested digests; requests round-robin over the"
            + " replicas, 10 s per rate. 1-minute load average before → after each replica count: "
            + String.join("; ", loads)
            + ".\n\n"
            + ReportWriter.loadTable(rows);
    System.out.print(section);
    return section;
  }

  // Request i goes to replica i mod n, as a Service's round-robin would send it.
  private static LongFunction<HttpRequest> spread(List<List<HttpRequest>> byReplica) {
    List<List<HttpRequest>> replicas = List.copyOf(byReplica);
    return i -> {
      List<HttpRequest> replica = replicas.get((int) (i % replicas.size()));
      return replica.get((int) ((i / replicas.size()) % PREBUILT));
    };
  }
}
