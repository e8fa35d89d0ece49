package io.dikast.bench.jmh;

import io.dikast.bench.report.BenchmarkRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the benchmarks short (one fork, few iterations) so the whole suite fits a few minutes. */
public final class JmhRun {

  private JmhRun() {}

  public static List<BenchmarkRow> run() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(DecisionPathBench.class.getName())
            .include(SignatureBench.class.getName())
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(1))
            .timeUnit(TimeUnit.MICROSECONDS)
            .jvmArgs("-Xmx512m")
            .build();
    return rows(new Runner(options).run());
  }

  private static List<BenchmarkRow> rows(Collection<RunResult> results) {
    List<BenchmarkRow> rows = new ArrayList<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      String name = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
      String params =
          result.getParams().getParamsKeys().stream()
              .map(k -> k + "=" + result.getParams().getParam(k))
              .reduce((a, b) -> a + "," + b)
              .orElse("");
      rows.add(
          new BenchmarkRow(
              name,
              params,
              result.getPrimaryResult().getScore(),
              result.getPrimaryResult().getScoreError()));
    }
    return rows;
  }
}
