package io.dikast.cli.sign;

import io.dikast.engine.key.KeyType;
import io.dikast.engine.signing.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the commands that sign read their {@code --key} file; each declares {@code --key} itself. */
final class SigningKeyOptions {

  @Option(
      names = "--key-type",
      paramLabel = "pgp|pkix",
      description = "The key file's kind (default: told from the file).")
  private KeyType keyType;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      description = "PKIX signature algorithm, e.g. ECDSA_P256_SHA256 or RSA_PSS_2048_SHA256.")
  private String algorithm;

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      description =
          "PGP: fingerprint or long id of the key to sign with; PKIX: the id the authority declares.")
  private String keyId;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = "File whose first line unlocks a protected private key.")
  private Path passphraseFile;

  /** The key in {@code file}; {@code attached} asks a PGP key for attached signed messages. */
  SigningKey load(Path file, boolean attached) {
    return SigningKeyFile.load(file, keyType, algorithm, keyId, passphraseFile, attached);
  }
}
