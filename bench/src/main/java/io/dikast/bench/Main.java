package io.dikast.bench;

import io.dikast.bench.jmh.JmhRun;
import io.dikast.bench.report.BenchmarkRow;
import io.dikast.bench.report.LoadRow;
import io.dikast.bench.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar bench/target/dikast-bench.jar jmh}: runs the JMH suite and writes {@code
 * bench/results/<date>/report.md}.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "jmh" : args[0];
    if (!command.equals("jmh")) {
      System.err.println("usage: java -jar dikast-bench.jar jmh");
      System.exit(2);
    }
    List<BenchmarkRow> benchmarks = JmhRun.run();
    Path report = write(ReportWriter.markdown(Machine.describe(), benchmarks, List.<LoadRow>of()));
    System.out.println("report: " + report);
  }

  private static Path write(String markdown) throws IOException {
    Path directory = Machine.resultsDirectory();
    Files.createDirectories(directory);
    return Files.writeString(directory.resolve("report.md"), markdown);
  }
}
