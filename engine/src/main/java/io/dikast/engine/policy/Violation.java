package io.dikast.engine.policy;

/**
 * Why one image fails one policy, before the policy's modes decide whether that denies.
 *
 * @param image the image as written in the manifest
 * @param reason the reason part of the message line, see {@link DecisionMessages}
 * @param backendOutage whether only the backend outage stands between the image and a pass
 */
record Violation(String image, Policy policy, String reason, boolean backendOutage) {}
