package io.dikast.cli.sign;

import io.dikast.cli.InputFiles;
import io.dikast.engine.key.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Loads the {@code --key} file as a PGP or PKIX signing key. */
final class SigningKeys {

  private SigningKeys() {}

  /**
   * @param type null to tell from the file: PEM blocks other than PGP armor are PKIX keys
   */
  static SigningKey load(
      Path file,
      KeyType type,
      String algorithm,
      String keyId,
      Path passphraseFile,
      boolean attached) {
    byte[] content = InputFiles.read(file, "key file");
    char[] passphrase = passphraseFile == null ? null : InputFiles.passphrase(passphraseFile);
    KeyType effective = type == null ? detect(content) : type;
    return effective == KeyType.PGP
        ? PgpSigningKey.load(content, file, keyId, passphrase, attached)
        : PkixSigningKey.load(content, file, algorithm, keyId, passphrase);
  }

  private static KeyType detect(byte[] content) {
    String text = new String(content, StandardCharsets.US_ASCII);
    return text.contains("-----BEGIN ") && !text.contains("-----BEGIN PGP")
        ? KeyType.PKIX
        : KeyType.PGP;
  }
}
