package io.dikast.bench;

import io.dikast.bench.jmh.JmhRun;
import io.dikast.bench.load.LoadRun;
import io.dikast.bench.load.RotationRun;
import io.dikast.bench.load.ScaleOutRun;
import io.dikast.bench.load.WarmRun;
import io.dikast.bench.memory.MemoryScenario;
import io.dikast.bench.registry.CosignLookupRun;
import io.dikast.bench.report.BenchmarkRow;
import io.dikast.bench.report.LatencyChart;
import io.dikast.bench.report.LoadRow;
import io.dikast.bench.report.ReportWriter;
import io.dikast.bench.store.StoreRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar bench/target/dikast-bench.jar
 * all|jmh|load|warm|scaleout|rotation|store|memory|cosign}: runs the JMH suite, the webhook load
 * driver, the warm path beside the trivial endpoint five times, warm throughput over 1–3 operator
 * processes, the certificate rotation under load, the Grafeas server's store benchmark, the memory
 * scenario, cosign lookups against a local registry or all of them, and writes {@code
 * bench/results/<UTC date and minute>/report.md} and {@code latency.png}.
 */
public final class Main {

  private static final Set<String> COMMANDS =
      Set.of("all", "jmh", "load", "warm", "scaleout", "rotation", "store", "memory", "cosign");

  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "all" : args[0];
    if (!COMMANDS.contains(command)) {
      System.err.println(
          "usage: java -jar dikast-bench.jar"
              + " [all|jmh|load|warm|scaleout|rotation|store|memory|cosign]");
      System.exit(2);
    }
    Map<String, String> machine = Machine.describe();
    Path directory = Machine.resultsDirectory();
    boolean all = command.equals("all");
    List<BenchmarkRow> benchmarks = all || command.equals("jmh") ? JmhRun.run() : List.of();
    List<LoadRow> load = List.of();
    if (all || command.equals("load")) {
      LoadRun run = new LoadRun(Machine.checkout());
      load = run.run();
      machine.put("operator RSS after the load run (KiB)", Long.toString(run.operatorRssKib()));
    }
    Files.createDirectories(directory);
    String warm =
        all || command.equals("warm") ? new WarmRun(Machine.checkout()).run(directory) : "";
    String scaleOut =
        all || command.equals("scaleout") ? new ScaleOutRun(Machine.checkout()).run() : "";
    String rotation =
        all || command.equals("rotation") ? new RotationRun(Machine.checkout()).run() : "";
    String store = all || command.equals("store") ? new StoreRun(Machine.checkout()).run() : "";
    String memory =
        all || command.equals("memory")
            ? new MemoryScenario(Machine.checkout()).run(directory)
            : "";
    String cosign = all || command.equals("cosign") ? new CosignLookupRun().run() : "";
    machine.put("load average at end (1, 5, 15 min)", Machine.loadAverage());
    Files.writeString(
        directory.resolve("report.md"),
        ReportWriter.markdown(machine, benchmarks, load)
            + warm
            + scaleOut
            + rotation
            + store
            + memory
            + cosign);
    if (!load.isEmpty()) {
      LatencyChart.write(load, directory.resolve("latency.png"));
    }
    System.out.println("report: " + directory.resolve("report.md"));
  }
}
