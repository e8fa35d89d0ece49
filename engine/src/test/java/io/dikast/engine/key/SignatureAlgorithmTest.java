package io.dikast.engine.key;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureAlgorithmTest {

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void findsEveryAlgorithmByItsOwnName(SignatureAlgorithm algorithm) {
    assertThat(SignatureAlgorithm.fromName(algorithm.name())).contains(algorithm);
  }

  @ParameterizedTest
  @CsvSource({
    "EC_SIGN_P256_SHA256, ECDSA_P256_SHA256",
    "EC_SIGN_P384_SHA384, ECDSA_P384_SHA384",
    "EC_SIGN_P521_SHA512, ECDSA_P521_SHA512",
    "RSA_SIGN_PSS_2048_SHA256, RSA_PSS_2048_SHA256",
    "RSA_SIGN_PSS_4096_SHA512, RSA_PSS_4096_SHA512",
    "' ecdsa_p256_sha256 ', ECDSA_P256_SHA256"
  })
  void findsAlgorithmByAlias(String alias, SignatureAlgorithm algorithm) {
    assertThat(SignatureAlgorithm.fromName(alias)).contains(algorithm);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "EC_SIGN_SECP256K1_SHA256", "ECDSA"})
  void findsNothingForUnknownName(String name) {
    assertThat(SignatureAlgorithm.fromName(name)).isEmpty();
  }
}
