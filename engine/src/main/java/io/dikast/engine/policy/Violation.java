package io.dikast.engine.policy;

/**
 * Why one image, or the object itself, fails one policy, before the policy's modes decide whether
 * that denies.
 *
 * @param subject what fails, as message lines start: {@code image <ref>} with the image as written
 *     in the manifest, or {@code <Kind> <namespace>/<name>} for the object
 * @param reason the reason part of the message line, see {@link DecisionMessages}
 * @param backendOutage whether only the backend outage stands between the subject and a pass
 */
record Violation(String subject, Policy policy, String reason, boolean backendOutage) {

  static Violation ofImage(String image, Policy policy, String reason, boolean backendOutage) {
    return new Violation("image " + image, policy, reason, backendOutage);
  }
}
