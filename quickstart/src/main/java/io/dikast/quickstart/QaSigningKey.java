package io.dikast.quickstart;

import io.dikast.engine.signing.GeneratedPgpKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;

/**
 * The QA engineer's signing key, made fresh for each run as {@code gpg --quick-generate-key} would:
 * an RSA 3072 OpenPGP key that may sign and certify, with no passphrase.
 */
public final class QaSigningKey {

  private QaSigningKey() {}

  public static GeneratedPgpKey generate(String userId) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072);
      return GeneratedPgpKey.of(
          userId, generator.generateKeyPair(), PublicKeyAlgorithmTags.RSA_GENERAL);
    } catch (GeneralSecurityException | PGPException | IOException e) {
      throw new StoryFailure("cannot generate the QA engineer's PGP key: " + e.getMessage(), e);
    }
  }
}
