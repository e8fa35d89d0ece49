package io.dikast.operator.admission;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;

/** {@link AdmissionConfig} for tests that build the admission beans by hand. */
public record AdmissionSettings(Duration budget, Duration responseReserve, MemorySize maxBodySize)
    implements AdmissionConfig {

  /** The defaults of {@link AdmissionConfig}. */
  public static AdmissionSettings defaults() {
    return new AdmissionSettings(
        Duration.ofSeconds(8), Duration.ofMillis(250), new MemorySize(BigInteger.valueOf(6 << 20)));
  }
}
