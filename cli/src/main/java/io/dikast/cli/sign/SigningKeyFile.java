package io.dikast.cli.sign;

import io.dikast.cli.CliException;
import io.dikast.cli.InputFiles;
import io.dikast.engine.key.KeyType;
import io.dikast.engine.key.SignatureAlgorithm;
import io.dikast.engine.signing.SigningKey;
import io.dikast.engine.signing.SigningKeyException;
import io.dikast.engine.signing.SigningKeys;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the {@code --key} file and hands its bytes to the engine's signing keys. */
final class SigningKeyFile {

  private SigningKeyFile() {}

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
    KeyType effective = type == null ? SigningKeys.detect(content) : type;
    SignatureAlgorithm pkixAlgorithm = effective == KeyType.PKIX ? algorithm(algorithm) : null;
    try {
      return SigningKeys.load(
          content, "key file " + file, effective, pkixAlgorithm, keyId, passphrase, attached);
    } catch (SigningKeyException e) {
      throw CliException.usage(e.getMessage() + hint(e.problem()), e);
    }
  }

  static byte[] sign(SigningKey key, byte[] payload) {
    try {
      return key.sign(payload);
    } catch (SigningKeyException e) {
      throw CliException.usage(e.getMessage(), e);
    }
  }

  private static String hint(SigningKeyException.Problem problem) {
    return switch (problem) {
      case PASSPHRASE_REQUIRED -> "; give it with --passphrase-file";
      case SEVERAL_KEYS -> "; choose one with --key-id FINGERPRINT";
      case INVALID -> "";
    };
  }

  private static SignatureAlgorithm algorithm(String name) {
    if (name == null) {
      throw CliException.usage("a PKIX key needs --algorithm, one of " + algorithmNames());
    }
    return SignatureAlgorithm.fromName(name)
        .orElseThrow(
            () ->
                CliException.usage(
                    "--algorithm " + name + " is not supported; use one of " + algorithmNames()));
  }

  private static String algorithmNames() {
    return Arrays.stream(SignatureAlgorithm.values())
        .map(SignatureAlgorithm::name)
        .collect(Collectors.joining(", "));
  }
}
