package io.dikast.engine.signing;

import io.dikast.engine.key.TrustedKey;

/** A private key, ready to sign payloads. */
public interface SigningKey {

  /** The id the occurrence's signature names, which the authority's key must match. */
  String publicKeyId();

  /** The public half as the engine parses it, to check a signature before it is uploaded. */
  TrustedKey trustedKey();

  byte[] sign(byte[] payload);
}
