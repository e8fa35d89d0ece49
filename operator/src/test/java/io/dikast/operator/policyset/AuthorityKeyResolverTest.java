package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.AttestationAuthoritySpec;
import io.dikast.crds.v1beta1.KeyType;
import io.dikast.crds.v1beta1.PublicKeySource;
import io.dikast.crds.v1beta1.SignatureAlgorithm;
import io.dikast.engine.testing.OpenSsl;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorityKeyResolverTest {

  @Test
  void reportsAMissingConfigMapAsKeySourceNotFound() {
    List<KeyOutcome> outcomes =
        AuthorityKeyResolver.resolve(
            spec(configMapSource("image-signature-webhook", null)), lookup(Map.of()));

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).reason()).isEqualTo("KeySourceNotFound");
    assertThat(outcomes.get(0).problem())
        .isEqualTo(
            "configmap/image-signature-webhook: ConfigMap image-signature-webhook not found");
  }

  @Test
  void reportsAMissingDataKeyNamingTheKeysThatExist() {
    List<KeyOutcome> outcomes =
        AuthorityKeyResolver.resolve(
            spec(configMapSource("signers", "qa.pub")),
            lookup(Map.of("signers", Map.of("release.pub", "x"))));

    assertThat(outcomes.get(0).reason()).isEqualTo("KeySourceKeyNotFound");
    assertThat(outcomes.get(0).problem())
        .isEqualTo(
            "configmap/signers/qa.pub: no data key qa.pub in configmap/signers; it has [release.pub]");
  }

  @Test
  void readsEveryPkixKeyOfASourceAndNamesItByItsNiUri() {
    try (OpenSsl openssl = OpenSsl.start()) {
      String pem = openssl.ecKey("P-256").publicKeyPem();
      PublicKeySource source = configMapSource("signers", null);
      source.setKeyType(KeyType.PKIX);
      source.setSignatureAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256);

      List<KeyOutcome> outcomes =
          AuthorityKeyResolver.resolve(
              spec(source), lookup(Map.of("signers", Map.of("ci.pem", pem, "broken.pem", "nope"))));

      assertThat(outcomes)
          .extracting(o -> o.status().getSource())
          .containsExactly("configmap/signers/broken.pem", "configmap/signers/ci.pem");
      assertThat(outcomes.get(0).reason()).isEqualTo("InvalidKey");
      assertThat(outcomes.get(1).valid()).isTrue();
      assertThat(outcomes.get(1).status().getKeyId()).startsWith("ni:///sha-256;");
      assertThat(outcomes.get(1).status().getAlgorithm())
          .isEqualTo(outcomes.get(1).key().algorithm());
    }
  }

  private static AttestationAuthoritySpec spec(PublicKeySource source) {
    AttestationAuthoritySpec spec = new AttestationAuthoritySpec();
    spec.setNoteReference("projects/image-signing/notes/qa");
    spec.setPublicKeysFrom(List.of(source));
    return spec;
  }

  private static PublicKeySource configMapSource(String name, String key) {
    PublicKeySource source = new PublicKeySource();
    source.setConfigMapName(name);
    source.setKey(key);
    return source;
  }

  private static KeySourceLookup lookup(Map<String, Map<String, String>> configMaps) {
    return new KeySourceLookup() {
      @Override
      public Optional<Map<String, String>> configMap(String name) {
        return Optional.ofNullable(configMaps.get(name));
      }

      @Override
      public Optional<Map<String, String>> secret(String name) {
        return Optional.empty();
      }
    };
  }
}
