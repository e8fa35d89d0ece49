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

/**
 * Runs the decision path short (one fork, few iterations): its figures are read as a scale, not a
 * target. The signature benchmarks carry the 1.5× target, so they get three forks of five
 * iterations: fork-to-fork differences (JIT, heap layout) dominate on 2 cores, and JMH's error bars
 * only see them with several forks. About four minutes together.
 */
public final class JmhRun {

  private JmhRun() {}

  public static List<BenchmarkRow> run() throws RunnerException {
    List<BenchmarkRow> rows = new ArrayList<>();
    rows.addAll(rows(new Runner(options(DecisionPathBench.class, 1, 2, 3)).run()));
    rows.addAll(rows(new Runner(options(SignatureBench.class, 3, 3, 5)).run()));
    return rows;
  }

  private static Options options(Class<?> benchmark, int forks, int warmups, int measurements) {
    return new OptionsBuilder()
        .include(benchmark.getName())
        .forks(forks)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(measurements)
        .measurementTime(TimeValue.seconds(1))
        .timeUnit(TimeUnit.MICROSECONDS)
        .jvmArgs("-Xmx512m")
        .build();
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
