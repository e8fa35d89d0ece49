package io.dikast.engine.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** An in-process ECDSA P-256 key for tests that need many signatures quickly. */
public final class JcaEcSigner {

  private final KeyPair keyPair;

  private JcaEcSigner(KeyPair keyPair) {
    this.keyPair = keyPair;
  }

  public static JcaEcSigner generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new JcaEcSigner(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String publicKeyPem() {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII))
            .encodeToString(keyPair.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** SHA256withECDSA, DER-encoded, as Binary Authorization and openssl write it. */
  public byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(keyPair.getPrivate());
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
