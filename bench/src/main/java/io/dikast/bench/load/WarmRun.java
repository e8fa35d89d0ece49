package io.dikast.bench.load;

import io.dikast.bench.Machine;
import io.dikast.bench.report.LoadRow;
import io.dikast.bench.report.SideBySide;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Issue 16's warm-path target: the trivial endpoint and a warm one-container admission measured
 * side by side, at 500/s and 1,000/s, in five repeated runs against one operator process, each pair
 * measured twice: back to back, and interleaved (the two streams taking turns over the same 10 s).
 * The Grafeas server runs on its embedded store: a warm admission never waits for it (background
 * refreshes aside). With {@code -Ddikast.bench.jfr=true} the operator records a JFR profile ({@code
 * settings=profile}) into the results directory.
 */
public final class WarmRun {

  static final double TARGET = 1.5;
  private static final List<Integer> RATES = List.of(500, 1000);
  private static final Duration STEP = Duration.ofSeconds(10);
  private static final Duration WARM_UP = Duration.ofSeconds(5);
  private static final int POOL = 100;
  private static final int PREBUILT = 10_000;
  private static final String NAMESPACE = "one";

  private final Path checkout;
  private final int repeats;
  private final boolean jfr;

  public WarmRun(Path checkout) {
    this.checkout = checkout;
    this.repeats = Integer.getInteger("dikast.bench.repeats", 5);
    this.jfr = Boolean.getBoolean("dikast.bench.jfr");
  }

  /** Runs the repetitions; returns the report's section. */
  public String run(Path results) throws IOException, InterruptedException {
    try (Stack stack = new Stack()) {
      List<String> pool =
          LoadRun.attestedPool(stack, checkout, NAMESPACE, "registry.example.com/bench/warm", POOL);
      Path caFile = stack.directory("tls").resolve("webhook-ca.crt");
      List<String> options = new ArrayList<>(List.of("-Ddikast.standalone.ca-file=" + caFile));
      String extra = System.getProperty("dikast.bench.operator-options", "").strip();
      if (!extra.isEmpty()) {
        options.addAll(List.of(extra.split("\\s+")));
      }
      if (jfr) {
        options.add(
            "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + results.resolve("warm.jfr"));
      }
      stack.startOperator(LoadRun.jar(checkout, "operator"), options, caFile);
      OpenLoop loop = new OpenLoop(stack.https());
      HttpRequest health =
          HttpRequest.newBuilder(stack.webhook().resolve("/q/health/live")).build();
      LongFunction<HttpRequest> warm = warm(stack.webhook().resolve("/validate"), pool);
      for (int rate : List.of(200, 500, 1000)) {
        loop.run("warm-up", rate, WARM_UP, i -> health, LoadRun.OK);
        loop.run("warm-up", rate, WARM_UP, warm, LoadRun.ALLOWED);
      }
      List<OpenLoop.Stream> together =
          List.of(
              new OpenLoop.Stream("health", i -> health, LoadRun.OK),
              new OpenLoop.Stream("warm", warm, LoadRun.ALLOWED));
      List<SideBySide.Run> backToBack = new ArrayList<>();
      List<SideBySide.Run> interleaved = new ArrayList<>();
      for (int n = 1; n <= repeats; n++) {
        String before = Machine.oneMinuteLoad();
        List<SideBySide.Pair> pairs = new ArrayList<>();
        for (int rate : RATES) {
          LoadRow baseline = loop.run("health", rate, STEP, i -> health, LoadRun.OK);
          pairs.add(
              new SideBySide.Pair(baseline, loop.run("warm", rate, STEP, warm, LoadRun.ALLOWED)));
        }
        String between = Machine.oneMinuteLoad();
        backToBack.add(new SideBySide.Run(n, before, between, pairs));
        List<SideBySide.Pair> mixed = new ArrayList<>();
        for (int rate : RATES) {
          List<LoadRow> rows = loop.interleaved(rate, STEP, together);
          mixed.add(new SideBySide.Pair(rows.get(0), rows.get(1)));
        }
        interleaved.add(new SideBySide.Run(n, between, Machine.oneMinuteLoad(), mixed));
        System.out.println("warm run " + n + " of " + repeats + " done");
      }
      Files.copy(stack.operatorLog(), results.resolve("operator.log"));
      String section =
          "\n## Warm admission beside the trivial endpoint (open loop, ms)\n\n"
              + "One container, one required authority, 100 attested digests reviewed again and"
              + " again. Back to back: each rate's health and warm runs are 10 s each, one after"
              + " the other.\n\n"
              + new SideBySide("warm 1c 1a", TARGET, backToBack).markdown()
              + "\nInterleaved: then, in the same run, 10 s in which health and warm requests"
              + " take turns, each stream at the rate shown (twice that in all), so both see"
              + " the same stalls.\n\n"
              + new SideBySide("warm 1c 1a", TARGET, interleaved).markdown();
      System.out.print(section);
      return section;
    }
  }

  private static LongFunction<HttpRequest> warm(URI validate, List<String> pool) {
    List<HttpRequest> requests = LoadRun.prebuiltReviews(validate, NAMESPACE, pool, PREBUILT);
    return i -> requests.get((int) (i % PREBUILT));
  }
}
