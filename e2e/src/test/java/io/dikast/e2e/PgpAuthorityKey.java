package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dikast.engine.testing.Gpg;
import java.util.Base64;
import java.util.Map;

/** A QA key made by real gpg, and the Kritis AttestationAuthority manifest that trusts it. */
record PgpAuthorityKey(String fingerprint, String armoredPublicKey) {

  static PgpAuthorityKey generate() {
    try (Gpg gpg = Gpg.start()) {
      String fingerprint = gpg.generateKey("QA <qa@example.com>");
      return new PgpAuthorityKey(fingerprint, gpg.exportPublicKey(fingerprint));
    }
  }

  String authorityManifest() {
    return Manifests.read(
        "manifests/attestation-authority.yaml",
        Map.of(
            "FINGERPRINT",
            fingerprint,
            "BASE64_ARMORED_KEY",
            Base64.getEncoder().encodeToString(armoredPublicKey.getBytes(UTF_8))));
  }
}
