package io.dikast.operator.verification;

/** Pool settings for tests, without a Quarkus config source. */
public record VerificationSettings(int threads, int queue) implements VerificationConfig {

  /** Fewer threads than a wide pod has images, and room for all of them to wait for Grafeas. */
  public static VerificationSettings defaults() {
    return new VerificationSettings(4, 252);
  }
}
