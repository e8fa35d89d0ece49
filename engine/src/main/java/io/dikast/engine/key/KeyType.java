package io.dikast.engine.key;

/** The kinds of public key an attestation authority may trust, as Grafeas and Kritis name them. */
public enum KeyType {
  PGP,
  PKIX
}
