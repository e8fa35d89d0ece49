package io.dikast.operator.breakglass;

import io.dikast.crds.v1beta1.Breakglass;
import io.dikast.crds.v1beta1.Denials;
import io.dikast.crds.v1beta1.PolicyStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What admission observed about one policy since the last status write: denials and break-glass
 * bypasses, counted and with the latest of each, plus the Warning Events still to emit. Immutable,
 * so concurrent admissions merge without locks.
 *
 * @param events messages of the BreakglassAdmission events to emit, at most {@link #MAX_EVENTS}
 */
record PolicyObservations(
    long denials,
    String lastDenialTime,
    String lastDenialMessage,
    long breakglasses,
    Breakglass lastBreakglass,
    List<String> events) {

  // A burst of break-glass admissions must not become a burst of API calls.
  static final int MAX_EVENTS = 10;

  PolicyObservations {
    events = List.copyOf(events);
  }

  static PolicyObservations denial(String time, String message) {
    return new PolicyObservations(1, time, message, 0, null, List.of());
  }

  static PolicyObservations breakglass(
      String time, String workload, String user, String eventMessage) {
    Breakglass last = new Breakglass();
    last.setTime(time);
    last.setWorkload(workload);
    last.setUser(user);
    return new PolicyObservations(0, null, null, 1, last, List.of(eventMessage));
  }

  /** Both observations, {@code later} winning for the "last" fields. */
  PolicyObservations plus(PolicyObservations later) {
    List<String> merged = new ArrayList<>(events);
    later.events.stream().limit(Math.max(0, MAX_EVENTS - merged.size())).forEach(merged::add);
    return new PolicyObservations(
        denials + later.denials,
        later.denials > 0 ? later.lastDenialTime : lastDenialTime,
        later.denials > 0 ? later.lastDenialMessage : lastDenialMessage,
        breakglasses + later.breakglasses,
        later.breakglasses > 0 ? later.lastBreakglass : lastBreakglass,
        merged);
  }

  /** {@code status} with these observations added to the counts it already holds. */
  PolicyStatus applyTo(PolicyStatus status) {
    if (denials > 0) {
      Denials previous = status.getDenials();
      Denials next = new Denials();
      next.setCount((previous == null ? 0 : previous.getCount()) + denials);
      next.setLastTime(lastDenialTime);
      next.setLastMessage(lastDenialMessage);
      status.setDenials(next);
    }
    if (breakglasses > 0) {
      Breakglass previous = status.getLastBreakglass();
      Breakglass next = new Breakglass();
      next.setTime(lastBreakglass.getTime());
      next.setWorkload(lastBreakglass.getWorkload());
      next.setUser(lastBreakglass.getUser());
      next.setCount((previous == null ? 0 : previous.getCount()) + breakglasses);
      status.setLastBreakglass(next);
    }
    return status;
  }
}
