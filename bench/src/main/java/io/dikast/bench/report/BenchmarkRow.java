package io.dikast.bench.report;

/**
 * One JMH result.
 *
 * @param benchmark {@code Class.method}
 * @param params {@code name=value} pairs, comma separated; empty when none
 * @param micros average time per operation in microseconds
 * @param error the 99.9 % confidence half-width in microseconds (NaN with too few iterations)
 */
public record BenchmarkRow(String benchmark, String params, double micros, double error) {}
