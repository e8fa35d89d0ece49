package io.dikast.operator.verification;

/** Pool settings for tests, without a Quarkus config source. */
public record VerificationSettings(int threads, int queue) implements VerificationConfig {

  public static VerificationSettings defaults() {
    return new VerificationSettings(4, 64);
  }
}
