package io.dikast.verifier.registry;

import static io.dikast.verifier.testing.CosignImages.descriptor;
import static io.dikast.verifier.testing.CosignImages.manifest;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.testing.OpenSsl;
import io.dikast.verifier.attestation.CosignFacts;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import io.grpc.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JibCosignSignatureSourceTest {

  private static final String USER = "alice";
  private static final String PASSWORD = "s3cret-Pa55";
  private static final RegistryCredential RIGHT =
      new RegistryCredential(USER, PASSWORD, "Secret a/right");
  private static final RegistryCredential WRONG =
      new RegistryCredential(USER, "not-" + PASSWORD, "Secret a/wrong");
  private static final RegistryAccess PLAIN_HTTP =
      new RegistryAccess(List.of(), Optional.empty(), true);

  // cosign interop fixture F1 (sigstore-rs signature_layers.rs): a payload and its signature.
  private static final String F1_PAYLOAD =
      "{\"critical\":{\"identity\":{\"docker-reference\":\"registry-testing.svc.lan/busybox\"},"
          + "\"image\":{\"docker-manifest-digest\":\"sha256:f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b\"},"
          + "\"type\":\"cosign container image signature\"},\"optional\":null}";
  private static final String F1_SIGNATURE =
      "MEUCIQD6q/COgzOyW0YH1Dk+CCYSt4uAhm3FDHUwvPI55zwnlwIgE0ZK58ZOWpZw8YVmBapJhBqCfdPekIknimuO0xH8Jh8=";

  private static final String F1_PUBLIC_KEY =
      "-----BEGIN PUBLIC KEY-----\n"
          + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAENptdY/l3nB0yqkXLBWkZWQwo6+cu\n"
          + "OSWS1X9vPavpiQOoTTGC0xX57OojUadxF1cdQmrsiReWg2Wn4FneJfa8xw==\n"
          + "-----END PUBLIC KEY-----\n";

  private static LocalRegistry open;
  private static LocalRegistry withPassword;
  private static LocalRegistry tls;
  private static OpenSsl openssl;
  private static OpenSsl.Key key;
  private static JibCosignSignatureSource source;

  @BeforeAll
  static void start() {
    open = LocalRegistry.open();
    withPassword = LocalRegistry.withPassword(USER, PASSWORD);
    tls = LocalRegistry.tlsWithPassword(USER, PASSWORD);
    openssl = OpenSsl.start();
    key = openssl.ecKey("P-256");
    source = new JibCosignSignatureSource();
  }

  @AfterAll
  static void stop() {
    source.close();
    openssl.close();
    tls.close();
    withPassword.close();
    open.close();
  }

  private static String digest(ImageReference image) {
    return image.digest().orElseThrow();
  }

  private static CosignImages.Layer signedLayer(ImageReference image) {
    return CosignImages.signed(
        openssl, key, CosignImages.payload(image.repository(), digest(image)));
  }

  private static void sign(
      LocalRegistry registry, ImageReference image, CosignImages.Layer... layers) {
    CosignImages.pushSignatures(registry, CosignImages.path(image), digest(image), List.of(layers));
  }

  private static List<CosignSignature> signatures(ImageReference image, RegistryAccess access)
      throws Exception {
    return source.signatures(
        new CosignLookup(image, Optional.empty(), access), Deadline.after(10, TimeUnit.SECONDS));
  }

  private static RegistryAccess tlsAccess(RegistryCredential... credentials) {
    return new RegistryAccess(List.of(credentials), tls.caPem(), false);
  }

  private static RegistryAccess httpAccess(RegistryCredential... credentials) {
    return new RegistryAccess(List.of(credentials), Optional.empty(), true);
  }

  @Test
  void returnsTheSimpleSigningLayerOfASignedImage() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.Layer layer = signedLayer(image);
    sign(open, image, layer);

    List<CosignSignature> signatures = signatures(image, PLAIN_HTTP);

    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0).payload()).isEqualTo(layer.payload());
    assertThat(signatures.get(0).signature())
        .isEqualTo(layer.annotations().get(CosignImages.SIGNATURE_ANNOTATION));
    assertThat(signatures.get(0).certificate()).isNull();
  }

  @Test
  void returnsNothingForAnUnsignedImage() throws Exception {
    assertThat(signatures(CosignImages.freshImage(open), PLAIN_HTTP)).isEmpty();
  }

  @Test
  void returnsEverySignatureInLayerOrderWithItsCertificate() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.Layer first = signedLayer(image);
    byte[] otherPayload = CosignImages.payload("elsewhere.example/app", digest(image));
    CosignImages.Layer second =
        new CosignImages.Layer(
            CosignImages.SIMPLE_SIGNING,
            otherPayload,
            Map.of(
                CosignImages.SIGNATURE_ANNOTATION, "MEUCIQ==",
                CosignImages.CERTIFICATE_ANNOTATION,
                    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"));
    sign(open, image, first, second);

    List<CosignSignature> signatures = signatures(image, PLAIN_HTTP);

    assertThat(signatures)
        .extracting(CosignSignature::payload)
        .containsExactly(first.payload(), otherPayload);
    assertThat(signatures)
        .extracting(CosignSignature::signature)
        .containsExactly(first.annotations().get(CosignImages.SIGNATURE_ANNOTATION), "MEUCIQ==");
    assertThat(signatures.get(1).certificate()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void returnsCosignsInteropSignatureByteForByte() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    sign(open, image, CosignImages.signature(F1_PAYLOAD.getBytes(UTF_8), F1_SIGNATURE));

    List<CosignSignature> signatures = signatures(image, PLAIN_HTTP);

    assertThat(signatures).hasSize(1);
    assertThat(signatures.get(0).payload()).isEqualTo(F1_PAYLOAD.getBytes(UTF_8));
    assertThat(LocalRegistry.sha256(signatures.get(0).payload()))
        .isEqualTo("sha256:3af4414d20c9e1cb76ccc72aae8b242166dabe6af531a4a790db8e2f0e5ee7c9");
    assertThat(signatures.get(0).signature()).isEqualTo(F1_SIGNATURE);
  }

  @Test
  void cosignsInteropSignatureKeptInASignatureRepositoryVerifiesWithItsKey() throws Exception {
    ImageReference signed =
        ImageReference.parse(
            "registry-testing.svc.lan/busybox@sha256:"
                + "f3cfc9d0dbf931d3db4685ec659b7ac68e2a578219da4aae65427886e649b06b");
    CosignImages.pushSignatures(
        open,
        "mirror/busybox",
        digest(signed),
        List.of(CosignImages.signature(F1_PAYLOAD.getBytes(UTF_8), F1_SIGNATURE)));
    CosignLookup lookup =
        new CosignLookup(signed, Optional.of(open.repository("mirror/busybox")), PLAIN_HTTP);

    AttestationFact fact =
        CosignFacts.find(
            source,
            lookup,
            List.of(KeyParser.parsePkix("f1", F1_PUBLIC_KEY, "ECDSA_P256_SHA256")),
            Deadline.after(10, TimeUnit.SECONDS));

    assertThat(fact).isEqualTo(new AttestationFact.Verified("f1"));
  }

  @Test
  void readsADockerSchema2SignatureManifestAsEarlyCosignWroteIt() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.Layer layer = signedLayer(image);
    CosignImages.pushSignatures(
        open,
        CosignImages.path(image),
        digest(image),
        CosignImages.DOCKER_MANIFEST,
        List.of(layer));

    assertThat(signatures(image, PLAIN_HTTP))
        .extracting(CosignSignature::payload)
        .containsExactly(layer.payload());
  }

  @Test
  void ignoresLayersOfOtherMediaTypesBesideSimpleSigningOnes() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.Layer layer = signedLayer(image);
    CosignImages.Layer other =
        new CosignImages.Layer("application/vnd.example.other", "x".getBytes(UTF_8), Map.of());
    sign(open, image, other, layer);

    assertThat(signatures(image, PLAIN_HTTP))
        .extracting(CosignSignature::payload)
        .containsExactly(layer.payload());
  }

  @Test
  void readsAnotherRepositoryWhenTheLookupNamesOne() throws Exception {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.Layer layer = signedLayer(image);
    CosignImages.pushSignatures(open, "signatures/store", digest(image), List.of(layer));

    List<CosignSignature> signatures =
        source.signatures(
            new CosignLookup(image, Optional.of(open.repository("signatures/store")), PLAIN_HTTP),
            Deadline.after(10, TimeUnit.SECONDS));

    assertThat(signatures).extracting(CosignSignature::payload).containsExactly(layer.payload());
  }

  @Test
  void readsWithTheRightPassword() throws Exception {
    ImageReference image = CosignImages.freshImage(withPassword);
    CosignImages.Layer layer = signedLayer(image);
    sign(withPassword, image, layer);

    assertThat(signatures(image, httpAccess(RIGHT)))
        .extracting(CosignSignature::payload)
        .containsExactly(layer.payload());
  }

  @Test
  void triesTheNextCredentialWhenTheRegistryRefusesOne() throws Exception {
    ImageReference image = CosignImages.freshImage(withPassword);
    CosignImages.Layer layer = signedLayer(image);
    sign(withPassword, image, layer);

    assertThat(signatures(image, httpAccess(WRONG, RIGHT)))
        .extracting(CosignSignature::payload)
        .containsExactly(layer.payload());
  }

  @Test
  void isUnavailableWhenTheRegistryRefusesTheCredentialsAndNeverSaysThePassword() {
    ImageReference image = CosignImages.freshImage(withPassword);

    assertThatThrownBy(() -> signatures(image, httpAccess(WRONG)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("registry " + withPassword.host() + " refused the credentials (Secret a/wrong)")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void isUnavailableWithoutCredentialsWhereTheRegistryNeedsThem() {
    ImageReference image = CosignImages.freshImage(withPassword);

    assertThatThrownBy(() -> signatures(image, httpAccess()))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage(
            "registry " + withPassword.host() + " refused anonymous access; it needs credentials");
  }

  @Test
  void readsOverTlsWithTheCaOfTheBundle() throws Exception {
    ImageReference image = CosignImages.freshImage(tls);
    CosignImages.Layer layer = signedLayer(image);
    sign(tls, image, layer);

    assertThat(signatures(image, tlsAccess(RIGHT)))
        .extracting(CosignSignature::payload)
        .containsExactly(layer.payload());
  }

  @Test
  void isUnavailableWhenTheTlsCertificateIsNotTrusted() {
    ImageReference image = CosignImages.freshImage(tls);

    assertThatThrownBy(
            () -> signatures(image, new RegistryAccess(List.of(RIGHT), Optional.empty(), false)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("registry " + tls.host() + " presented a TLS certificate that is not trusted");
  }

  @Test
  void neverAcceptsUnverifiedTlsEvenWherePlainHttpIsAllowed() {
    ImageReference image = CosignImages.freshImage(tls);
    sign(tls, image, signedLayer(image));

    assertThatThrownBy(
            () -> signatures(image, new RegistryAccess(List.of(RIGHT), Optional.empty(), true)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("registry " + tls.host() + " presented a TLS certificate that is not trusted");
  }

  @Test
  void isUnavailableOverPlainHttpUnlessAllowed() {
    ImageReference image = CosignImages.freshImage(open);
    sign(open, image, signedLayer(image));

    assertThatThrownBy(() -> signatures(image, RegistryAccess.ANONYMOUS))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("registry " + open.host() + " failed the TLS handshake");
  }

  @Test
  void isUnavailableWhenNothingListensOnThePort() throws Exception {
    ImageReference image = onClosedPort();

    assertThatThrownBy(() -> signatures(image, RegistryAccess.ANONYMOUS))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage(
            "registry "
                + image.repository().split("/")[0]
                + " is unreachable (connection refused)");
  }

  @Test
  void isUnavailableWhenTheDeadlinePassesOnASilentRegistry() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // The test is over.
                }
              });
      acceptor.start();
      ImageReference image =
          ImageReference.parse(
              "127.0.0.1:" + silent.getLocalPort() + "/team/app@sha256:" + "a".repeat(64));

      assertThatThrownBy(
              () ->
                  source.signatures(
                      new CosignLookup(image, Optional.empty(), PLAIN_HTTP),
                      Deadline.after(1, TimeUnit.SECONDS)))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessage(
              "registry 127.0.0.1:"
                  + silent.getLocalPort()
                  + " did not answer within the deadline");
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void isUnavailableWhenTheDeadlineHasAlreadyPassed() {
    ImageReference image = CosignImages.freshImage(open);

    assertThatThrownBy(
            () ->
                source.signatures(
                    new CosignLookup(image, Optional.empty(), PLAIN_HTTP),
                    Deadline.after(0, TimeUnit.NANOSECONDS)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessage("registry " + open.host() + " did not answer within the deadline");
  }

  @Test
  void refusesAPayloadOverTheSizeLimitBeforeReadingIt() {
    ImageReference image = CosignImages.freshImage(open);
    byte[] big = new byte[SignatureManifest.MAX_PAYLOAD_BYTES + 1];
    sign(open, image, CosignImages.signature(big, "MEUCIQ=="));

    assertThatThrownBy(() -> signatures(image, PLAIN_HTTP))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessage(
            "cosign signature manifest "
                + image.repository()
                + ":"
                + CosignImages.signatureTag(digest(image))
                + " is unreadable (layer 1 has a payload of 65537 bytes, more than 65536)");
  }

  @Test
  void refusesMoreLayersThanTheLimit() {
    ImageReference image = CosignImages.freshImage(open);
    CosignImages.Layer[] layers = new CosignImages.Layer[SignatureManifest.MAX_LAYERS + 1];
    for (int i = 0; i < layers.length; i++) {
      layers[i] = CosignImages.signature(("payload " + i).getBytes(UTF_8), "MEUCIQ==");
    }
    sign(open, image, layers);

    assertThatThrownBy(() -> signatures(image, PLAIN_HTTP))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessageEndingWith("is unreadable (it has 17 layers, more than 16)");
  }

  @Test
  void refusesAManifestWithoutSimpleSigningLayers() {
    ImageReference image = CosignImages.freshImage(open);
    sign(
        open,
        image,
        new CosignImages.Layer(
            "application/vnd.oci.image.layer.v1.tar", "x".getBytes(UTF_8), Map.of()));

    assertThatThrownBy(() -> signatures(image, PLAIN_HTTP))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessageEndingWith("is unreadable (it has no simple-signing layer)");
  }

  @Test
  void refusesADescriptorWithAFieldJibDoesNotKnow() {
    ImageReference image = CosignImages.freshImage(open);
    byte[] payload = CosignImages.payload(image.repository(), digest(image));
    byte[] config = "{}".getBytes(UTF_8);
    ObjectNode layer =
        descriptor(
                CosignImages.SIMPLE_SIGNING,
                open.pushBlob(CosignImages.path(image), payload),
                payload.length)
            .put("artifactType", "application/vnd.example");
    ObjectNode manifest =
        manifest(
            CosignImages.OCI_MANIFEST,
            descriptor(
                CosignImages.OCI_CONFIG,
                open.pushBlob(CosignImages.path(image), config),
                config.length),
            List.of(layer));
    open.pushManifest(
        CosignImages.path(image),
        CosignImages.signatureTag(digest(image)),
        CosignImages.OCI_MANIFEST,
        CosignImages.bytes(manifest));

    assertThatThrownBy(() -> signatures(image, PLAIN_HTTP))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessageContaining("is unreadable (Jib cannot parse it: ")
        .hasMessageContaining("artifactType");
  }

  @Test
  void refusesAnImageIndexAtTheSignatureTag() {
    ImageReference image = CosignImages.freshImage(open);
    open.pushManifest(
        CosignImages.path(image),
        CosignImages.signatureTag(digest(image)),
        CosignImages.OCI_INDEX,
        CosignImages.index(digest(image)));

    assertThatThrownBy(() -> signatures(image, PLAIN_HTTP))
        .isInstanceOf(UnreadableSignaturesException.class)
        .hasMessageEndingWith("is unreadable (it is an image index, not an image manifest)");
  }

  private static ImageReference onClosedPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return ImageReference.parse("127.0.0.1:" + port + "/team/app@sha256:" + "b".repeat(64));
  }
}
