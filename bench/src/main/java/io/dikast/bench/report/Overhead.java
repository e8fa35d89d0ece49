package io.dikast.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code engine} time over the {@code bare} time with the same params, with the half-width of
 * the ratio from both 99.9 % half-widths added in quadrature on the relative scale (first-order
 * propagation for a quotient of independent measurements).
 *
 * @param ratio engine over bare
 * @param error the half-width of the ratio, NaN when either side has none
 */
record Overhead(double ratio, double error) {

  static Optional<Overhead> of(BenchmarkRow row, List<BenchmarkRow> all) {
    if (!row.benchmark().endsWith(".engine")) {
      return Optional.empty();
    }
    String bare = row.benchmark().replaceFirst("\\.engine$", ".bare");
    return all.stream()
        .filter(other -> other.benchmark().equals(bare) && other.params().equals(row.params()))
        .findFirst()
        .map(other -> between(row, other));
  }

  private static Overhead between(BenchmarkRow engine, BenchmarkRow bare) {
    double ratio = engine.micros() / bare.micros();
    double relative = Math.hypot(engine.error() / engine.micros(), bare.error() / bare.micros());
    return new Overhead(ratio, ratio * relative);
  }

  /** {@code 1.25 ± 0.04}, or the ratio alone when it has no error. */
  String text() {
    String value = String.format(Locale.ROOT, "%.2f", ratio);
    return Double.isNaN(error) ? value : value + String.format(Locale.ROOT, " ± %.2f", error);
  }
}
