package io.dikast.grafeas.api;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;

final class Timestamps {

  private Timestamps() {}

  static Timestamp of(Clock clock) {
    Instant now = clock.instant();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }
}
