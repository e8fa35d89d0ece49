package io.dikast.engine.policy;

import java.util.List;
import java.util.Map;

/**
 * An image that passed a policy's attestation requirement only by counting attestations verified
 * before the backend became unavailable; the answer must say so.
 *
 * @param image the image as written in the manifest
 * @param attestations the counted verifications by authority, in policy order
 * @param outages the outages of the policy's unanswered checks
 */
record CachedFactsUse(
    String image,
    Policy policy,
    Map<String, LastVerified> attestations,
    List<AttestationFact.Unavailable> outages) {}
