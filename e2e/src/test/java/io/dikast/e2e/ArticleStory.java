package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.engine.testing.Gpg;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The seed article's steps against one Grafeas server and API server: QA's note, authority and
 * policy in a namespace, the clear-signed upload, and the pod and the refusal kubectl prints.
 */
final class ArticleStory implements AutoCloseable {

  static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  static final Duration DECIDED = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestCluster cluster;
  private final Kubectl kubectl;
  private final Curl curl;
  private final GrafeasServerProcess grafeas;
  private final Gpg gpg;
  private final String qaFingerprint;

  private ArticleStory(
      TestCluster cluster, GrafeasServerProcess grafeas, Gpg gpg, String qaFingerprint) {
    this.cluster = cluster;
    this.kubectl = cluster.kubectl();
    this.curl = new Curl(cluster.workDir());
    this.grafeas = grafeas;
    this.gpg = gpg;
    this.qaFingerprint = qaFingerprint;
  }

  /** The story told against {@code grafeas}, with QA's key generated in a fresh GNUPGHOME. */
  static ArticleStory start(TestCluster cluster, GrafeasServerProcess grafeas) {
    Gpg gpg = Gpg.start();
    try {
      return new ArticleStory(cluster, grafeas, gpg, gpg.generateKey("qa_bob@example.com"));
    } catch (RuntimeException e) {
      gpg.close();
      throw e;
    }
  }

  /**
   * A namespace with the labels, holding the Grafeas note, the QA AttestationAuthority {@code qa}
   * on it and the ImageSecurityPolicy {@code qa-only} requiring it, once the leader reports it
   * ready.
   */
  TestNamespace policyNamespace(String prefix, String noteId, Map<String, String> labels) {
    TestNamespace namespace = TestNamespace.create(cluster.admin(), prefix, labels);
    authorityIn(namespace, noteId);
    String policy =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: ImageSecurityPolicy
        metadata:
          name: qa-only
        spec:
          attestationAuthorityNames: [qa]
        """;
    assertThat(kubectl.apply(namespace.name(), policy).stderr()).isEmpty();
    await()
        .atMost(DECIDED)
        .until(
            () ->
                kubectl
                    .readyCondition(namespace.name(), "isp/qa-only")
                    .equals("True AuthoritiesReady"));
    return namespace;
  }

  /**
   * The Grafeas note {@code noteId} and, in {@code namespace}, the QA authority {@code qa} on it.
   */
  void authorityIn(TestNamespace namespace, String noteId) {
    Curl.Response note =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/notes?noteId=" + noteId,
            "note.json",
            "{\"attestationAuthority\": {\"hint\": {\"humanReadableName\": \"qa\"}}}");
    assertThat(note.status()).as(note.body()).isEqualTo(200);
    String armored = gpg.exportPublicKey(qaFingerprint);
    String authority =
        """
        apiVersion: kritis.grafeas.io/v1beta1
        kind: AttestationAuthority
        metadata:
          name: qa
        spec:
          noteReference: projects/image-signing/notes/%s
          publicKeys:
          - keyType: PGP
            keyId: %s
            asciiArmoredPgpPublicKey: %s
        """
            .formatted(
                noteId, qaFingerprint, Base64.getEncoder().encodeToString(armored.getBytes(UTF_8)));
    assertThat(kubectl.apply(namespace.name(), authority).stderr()).isEmpty();
  }

  /**
   * The article's step 4: {@code gpg --clearsign} of the digest text, the occurrence written as its
   * heredoc writes it (the signature's line breaks raw inside the JSON string), {@code curl -X POST
   * … -d @occurrence.json}; returns the occurrence's name.
   */
  String uploadClearSignedAttestation(String noteId, String image) {
    String signature = gpg.clearSign(qaFingerprint, image + "\n");
    String occurrence =
        """
        {
        "resourceUrl": "%s",
        "noteName": "projects/image-signing/notes/%s",
        "attestation": {
        "pgpSignedAttestation": {
        "signature": "%s",
        "contentType": "application/vnd.gcr.image.url.v1",
        "pgpKeyId": "%s"
        }
        }
        }
        """
            .formatted(image, noteId, signature.strip(), qaFingerprint);
    Curl.Response response =
        curl.post(
            grafeas.restUrl() + "/v1alpha1/projects/image-signing/occurrences",
            "occurrence.json",
            occurrence);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return occurrenceName(response.body());
  }

  /** Revokes an attestation as a user would: {@code DELETE /v1/<occurrence name>}. */
  void deleteOccurrence(String name) {
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(grafeas.restUrl() + "/v1/" + name))
                      .timeout(Duration.ofSeconds(20))
                      .DELETE()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting " + name, e);
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String occurrenceName(String body) {
    try {
      return JSON.readTree(body).path("name").asText();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String pod(String name, String image) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
        spec:
          containers:
          - name: %s
            image: %s
        """
        .formatted(name, name, image);
  }

  static String denial(TestNamespace namespace, String image) {
    return "image "
        + image
        + " denied by ImageSecurityPolicy "
        + namespace.name()
        + "/qa-only: no valid attestation by authority qa (qa: no attestation occurrence for this"
        + " digest)";
  }

  /** What kubectl prints when the webhook {@code webhook} refuses the creation in an apply. */
  static String refusal(String webhook, TestNamespace namespace, String image) {
    return "Error from server (Forbidden): error when creating \"STDIN\": admission webhook \""
        + webhook
        + "\" denied the request: "
        + denial(namespace, image)
        + "\n";
  }

  @Override
  public void close() {
    gpg.close();
  }
}
