package io.dikast.engine.signing;

import io.dikast.engine.key.TrustedKey;

/** A private key, ready to sign payloads. */
public interface SigningKey {

  /** The public half as the engine parses it, to check a signature before it is uploaded. */
  TrustedKey trustedKey();

  /** The id the occurrence's signature names, which the authority's key must match. */
  default String publicKeyId() {
    return trustedKey().keyId();
  }

  byte[] sign(byte[] payload);
}
