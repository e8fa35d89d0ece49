package io.dikast.crds.v1beta1;

/** How a public key is encoded: an OpenPGP key, or an X.509 SubjectPublicKeyInfo in PEM. */
public enum KeyType {
  PGP,
  PKIX
}
