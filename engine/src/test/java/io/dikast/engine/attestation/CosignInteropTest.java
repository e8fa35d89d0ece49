package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signatures other sigstore projects publish as test data, checked unchanged: they were made by
 * cosign's signing code (or its Rust port), not by this project, so they pin the format.
 */
class CosignInteropTest {

  // sigstore/sigstore-rs, src/cosign/signature_layers.rs,
  // build_correct_signature_layer_without_bundle.
  private static final String RS_KEY =
      """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENptdY/l3nB0yqkXLBWkZWQwo6+cu
      OSWS1X9vPavpiQOoTTGC0xX57OojUadxF1cdQmrsiReWg2Wn4FneJfa8xw==
      -----END PUBLIC KEY-----
      """;
  private static final String RS_SIGNATURE =
      "MEUCIQD6q/COgzOyW0YH1Dk+CCYSt4uAhm3FDHUwvPI55zwnlwIgE0ZK58ZOWpZw8YVmBapJhBqCfdPekIknimuO0xH8Jh8=";
  private static final String RS_PAYLOAD =
      "{\"critical\":{\"identity\":{\"docker-reference\":\"registry-testing.svc.lan/busybox\"},"
          + "\"image\":{\"docker-manifest-digest\":"
          + "\"sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}";

  // containers/image, signature/internal/testdata/rekor-payload and rekor-sig (made by cosign); the
  // key is that of signature/fixtures/fulcio-cert.
  private static final String CI_KEY =
      """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJBurkhSRmHukHVh3VA8nYuSWqZ4l
      tafDwyWlc3c9NaLovmu+NC4NiUtMLifL/P3nqedbnctKBuYmfISGiZlVyA==
      -----END PUBLIC KEY-----
      """;
  private static final String CI_SIGNATURE =
      "MEQCIEJc96e041VAhKA03SvfCYbWodIMIQPyAtWyDP4FnPqpAiAaIS60EjhRDhSanoFsoIy8fKqqKeW5ps/tLXSGpayi2g==";
  private static final String CI_PAYLOAD =
      "{\"critical\":{\"identity\":{\"docker-reference\":"
          + "\"192.168.64.2:5000/test-repo-2100826901021538654/alpine\"},"
          + "\"image\":{\"docker-manifest-digest\":"
          + "\"sha256:fa93b01658e3a5a1686dc3ae55f170d8de487006fb53a28efcd12ab0710a2e5f\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}";

  // containers/image, signature/fixtures/cosign.pub with sigstore_payload_test.go's signature of
  // "{}".
  private static final String CI_COSIGN_KEY =
      """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFNLqFhf4fiN6o/glAuYnq2jYUeL0
      vRuLu/z39pmbVwS9ff5AYnlwaP9sxREajdLY9ynM6G1sy6AAmb7Z63TsLg==
      -----END PUBLIC KEY-----
      """;
  private static final String EMPTY_OBJECT_SIGNATURE =
      "MEUCIQDkySOBGxastVP0+koTA33NH5hXjwosFau4rxTPN6g48QIgb7eWKkGqfEpHMM3aT4xiqyP/170jEkdFuciuwN4mux4=";

  private static TrustedKey key(String id, String pem) throws Exception {
    return KeyParser.parsePkix(id, pem, "ECDSA_P256_SHA256");
  }

  @Test
  void sigstoreRustsSignatureLayerVerifiesUnchanged() throws Exception {
    ImageReference image =
        ImageReference.parse(
            "registry-testing.svc.lan/busybox@sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");

    assertThat(
            CosignSignatureVerifier.verify(
                image,
                List.of(new CosignSignature(RS_PAYLOAD.getBytes(UTF_8), RS_SIGNATURE, null)),
                List.of(key("rs", RS_KEY))))
        .isEqualTo(Verification.verifiedBy("rs"));
  }

  @Test
  void aCosignMadeSignatureVerifiesWithItsKeyAndBindsOnlyItsImage() throws Exception {
    String repository = "192.168.64.2:5000/test-repo-2100826901021538654/alpine";
    String digest = "sha256:fa93b01658e3a5a1686dc3ae55f170d8de487006fb53a28efcd12ab0710a2e5f";
    List<CosignSignature> layer =
        List.of(new CosignSignature(CI_PAYLOAD.getBytes(UTF_8), CI_SIGNATURE, null));
    List<TrustedKey> keys = List.of(key("ci", CI_KEY));

    assertThat(
            CosignSignatureVerifier.verify(
                ImageReference.parse(repository + "@" + digest), layer, keys))
        .isEqualTo(Verification.verifiedBy("ci"));
    assertThat(
            CosignSignatureVerifier.verify(
                    ImageReference.parse(
                        repository
                            + "@sha256:0000000000000000000000000000000000000000000000000000000000000000"),
                    layer,
                    keys)
                .reason())
        .startsWith("cosign payload binds " + repository + "@" + digest + " not ");
    assertThat(
            CosignSignatureVerifier.verify(
                    ImageReference.parse(repository + "@" + digest),
                    layer,
                    List.of(key("other", CI_COSIGN_KEY)))
                .reason())
        .isEqualTo("cosign signature does not verify with any key of this authority");
  }

  @Test
  void aValidSignatureOverAPayloadWithoutCriticalDoesNotCount() throws Exception {
    ImageReference image =
        ImageReference.parse(
            "registry-testing.svc.lan/busybox@sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");

    assertThat(
            CosignSignatureVerifier.verify(
                    image,
                    List.of(
                        new CosignSignature("{}".getBytes(UTF_8), EMPTY_OBJECT_SIGNATURE, null)),
                    List.of(key("ci", CI_COSIGN_KEY)))
                .reason())
        .isEqualTo("cosign payload has no \"critical\" object");
  }
}
