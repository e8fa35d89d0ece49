package io.dikast.grafeas.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.testing.Gpg;
import io.dikast.grafeas.testing.HttpJson;
import io.grafeas.v1.GetOccurrenceNoteRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps 1, 3 and 4 of the article with real gpg, bash and curl: the v1alpha1 note, the clear-signed
 * digest, the heredoc's occurrence.json and {@code curl -d @occurrence.json}, read back over v1.
 */
@QuarkusTest
class ArticleReplayTest {

  private static final String DIGEST =
      "gcr.io/hightowerlabs/payment@sha256:"
          + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

  private static final String NOTE_JSON =
      """
      {
        "shortDescription": "QA sign-off",
        "attestationAuthority": {
          "hint": {
            "humanReadableName": "qa"
          }
        }
      }
      """;

  /** The article's heredoc, verbatim: unescaped newlines from the signature land in the JSON. */
  private static final String OCCURRENCE_HEREDOC =
      """
      cat > occurrence.json <<EOF
      {
        "resourceUrl": "$(cat image-digest.txt)",
        "noteName": "projects/image-signing/notes/qa",
        "attestation": {
          "pgpSignedAttestation": {
             "signature": "$(cat signature.gpg)",
             "contentType": "application/vnd.gcr.image.url.v1",
             "pgpKeyId": "${GPG_KEY_ID}"
          }
        }
      }
      EOF
      """;

  @TestHTTPResource("/")
  URL url;

  private Gpg gpg;
  private String fingerprint;
  @TempDir Path work;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() throws IOException {
    // The article: gpg --quick-generate-key --yes qa_bob@example.com
    gpg = Gpg.start();
    fingerprint = gpg.generateKey("qa_bob@example.com");
    Files.writeString(work.resolve("note.json"), NOTE_JSON);
    channel = ManagedChannelBuilder.forAddress(url.getHost(), url.getPort()).usePlaintext().build();
  }

  @AfterEach
  void tearDown() throws IOException, InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    gpg.close();
  }

  @Test
  void replaysTheArticlesCurlUploadsAndStoresAVerifiableV1Attestation() throws IOException {
    String project = "image-signing";
    JsonNode note = curl("-d", "@note.json", "/v1alpha1/projects/" + project + "/notes?noteId=qa");
    Path signature = signDigest();

    JsonNode response =
        curl("-d", "@occurrence.json", "/v1alpha1/projects/" + project + "/occurrences");

    assertThat(note.get("name").asText()).isEqualTo("projects/image-signing/notes/qa");
    assertThat(note.get("kind").asText()).isEqualTo("ATTESTATION_AUTHORITY");
    assertThat(note.at("/attestationAuthority/hint/humanReadableName").asText()).isEqualTo("qa");
    assertStoredAttestation(response, signature);
  }

  @Test
  void acceptsTheOccurrenceWithItsLineBreaksSentByDataBinary() throws IOException {
    curl("-d", "@note.json", "/v1alpha1/projects/binary-signing/notes?noteId=qa");
    Path signature = signDigest();
    Files.writeString(
        work.resolve("occurrence.json"),
        Files.readString(work.resolve("occurrence.json"))
            .replace("projects/image-signing/notes/qa", "projects/binary-signing/notes/qa"));

    JsonNode response =
        curl("--data-binary", "@occurrence.json", "/v1alpha1/projects/binary-signing/occurrences");

    assertThat(response.get("noteName").asText()).isEqualTo("projects/binary-signing/notes/qa");
    assertStoredAttestation(response, signature);
  }

  private Path signDigest() throws IOException {
    Files.writeString(work.resolve("image-digest.txt"), DIGEST + "\n");
    // The article: gpg -u qa_bob@example.com --armor --clearsign --output=signature.gpg ...
    Path signature =
        Files.writeString(
            work.resolve("signature.gpg"),
            gpg.clearSign(fingerprint, Files.readString(work.resolve("image-digest.txt"))));
    bash(OCCURRENCE_HEREDOC, Map.of("GPG_KEY_ID", fingerprint));
    return signature;
  }

  private void assertStoredAttestation(JsonNode response, Path signatureFile) throws IOException {
    String signed = Files.readString(signatureFile, StandardCharsets.UTF_8).stripTrailing();
    assertThat(response.get("resourceUrl").asText()).isEqualTo(DIGEST);
    assertThat(response.get("kind").asText()).isEqualTo("ATTESTATION_AUTHORITY");
    assertThat(response.at("/attestation/pgpSignedAttestation/signature").asText())
        .isEqualTo(signed);
    assertThat(response.at("/attestation/pgpSignedAttestation/contentType").asText())
        .isEqualTo("application/vnd.gcr.image.url.v1");
    assertThat(response.at("/attestation/pgpSignedAttestation/pgpKeyId").asText())
        .isEqualTo(fingerprint);

    GrafeasGrpc.GrafeasBlockingStub grafeas =
        GrafeasGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    String name = response.get("name").asText();
    Occurrence stored =
        grafeas.getOccurrence(GetOccurrenceRequest.newBuilder().setName(name).build());
    Note note =
        grafeas.getOccurrenceNote(GetOccurrenceNoteRequest.newBuilder().setName(name).build());

    assertThat(stored.getResourceUri()).isEqualTo(DIGEST);
    assertThat(stored.getKind()).isEqualTo(NoteKind.ATTESTATION);
    assertThat(note.getAttestation().getHint().getHumanReadableName()).isEqualTo("qa");
    assertThat(stored.getAttestation().getSerializedPayload().toStringUtf8()).isEqualTo(DIGEST);
    assertThat(stored.getAttestation().getSignaturesCount()).isEqualTo(1);
    assertThat(stored.getAttestation().getSignatures(0).getPublicKeyId()).isEqualTo(fingerprint);
    byte[] storedSignature = stored.getAttestation().getSignatures(0).getSignature().toByteArray();
    assertThat(new String(storedSignature, StandardCharsets.UTF_8)).isEqualTo(signed);
    assertThat(gpg.verifies(storedSignature)).isTrue();
  }

  /** {@code curl -X POST <url> <data option> @file}, as the article runs it, from the work dir. */
  private JsonNode curl(String dataOption, String file, String path) {
    String out =
        bash(
            "curl -sS --fail-with-body --max-time 20 -X POST \"$URL\" " + dataOption + " " + file,
            Map.of("URL", url.toString().replaceAll("/$", "") + path));
    return HttpJson.parse(out);
  }

  private String bash(String script, Map<String, String> env) {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("bash", "-c", script)).directory(work.toFile());
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("did not finish in 30 s: " + script);
      }
      assertThat(process.exitValue()).as("exit code of %s, output %s", script, output).isZero();
      return output;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
