package io.dikast.engine.policy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one kind of evidence (attestations, vulnerabilities) lacks for an image to pass a policy.
 *
 * @param reason the reason part of the message line, see {@link DecisionMessages}
 * @param outage whether the evidence is only missing because the backend did not answer
 */
record Shortfall(String reason, boolean outage) {

  /**
   * The violation for all of an image's shortfalls under one policy, one message line in all. It is
   * an outage only when every shortfall is, so a real failure is never excused by an outage mode.
   */
  static Optional<Violation> violation(String image, Policy policy, List<Shortfall> shortfalls) {
    if (shortfalls.isEmpty()) {
      return Optional.empty();
    }
    String reason = shortfalls.stream().map(Shortfall::reason).collect(Collectors.joining("; "));
    boolean outage = shortfalls.stream().allMatch(Shortfall::outage);
    return Optional.of(Violation.ofImage(image, policy, reason, outage));
  }
}
