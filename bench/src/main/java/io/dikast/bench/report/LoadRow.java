package io.dikast.bench.report;

/**
 * One load scenario at one arrival rate; latencies in milliseconds from the intended send time.
 *
 * @param scenario e.g. {@code warm 1c 1a}, {@code health}
 * @param rate the target arrival rate per second
 * @param achieved responses per second over the run
 * @param errors requests that failed, timed out or were not answered as expected
 */
public record LoadRow(
    String scenario,
    int rate,
    long requests,
    double achieved,
    long errors,
    double p50,
    double p90,
    double p99,
    double max) {}
