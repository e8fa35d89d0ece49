package io.dikast.operator.webhooktls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One certificate chain and its private key as the HTTPS server presents them, under an alias of
 * their own: a handshake that chose this alias gets this chain and this key, even if the files
 * change in between.
 */
final class ServingKey {

  private static final byte[] PROBE =
      "dikast serving key check".getBytes(StandardCharsets.US_ASCII);

  private final String alias;
  private final PrivateKey key;
  private final X509Certificate[] chain;

  private ServingKey(String alias, PrivateKey key, X509Certificate[] chain) {
    this.alias = alias;
    this.key = key;
    this.chain = chain;
  }

  /**
   * Reads a PEM chain (leaf first) and key; refuses a key that does not belong to the leaf, which
   * is what a reader sees between the writes of a key and of its certificate.
   */
  static ServingKey read(String alias, String certificatePem, String keyPem) {
    List<X509Certificate> chain = Pem.readCertificates(certificatePem);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("No certificate in the PEM text");
    }
    PrivateKey key = Pem.readPrivateKey(keyPem);
    if (!pairs(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("The private key does not belong to the certificate");
    }
    return new ServingKey(alias, key, chain.toArray(X509Certificate[]::new));
  }

  String alias() {
    return alias;
  }

  String keyType() {
    return key.getAlgorithm();
  }

  PrivateKey key() {
    return key;
  }

  X509Certificate[] chain() {
    return chain.clone();
  }

  X509Certificate leaf() {
    return chain[0];
  }

  private static boolean pairs(PrivateKey key, PublicKey publicKey) {
    try {
      String algorithm =
          switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            // EdDSA, Ed25519 and Ed448 keys sign under their own names.
            default -> key.getAlgorithm();
          };
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
