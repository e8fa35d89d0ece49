package io.dikast.grafeas.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.grafeas.testing.HttpJson;
import io.dikast.grafeas.testing.HttpJson.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RestApiTest {

  private static final String ATTESTATION_NOTE =
      "{\"shortDescription\":\"QA\",\"attestation\":{\"hint\":{\"humanReadableName\":\"qa\"}}}";

  @TestHTTPResource("/")
  URL url;

  private HttpJson http;
  private String project;

  @BeforeEach
  void connect() throws Exception {
    http = new HttpJson(url.toURI());
    project = "rest-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private String notes() {
    return "/v1/projects/" + project + "/notes";
  }

  private String occurrences() {
    return "/v1/projects/" + project + "/occurrences";
  }

  private static String occurrence(String noteName, String resourceUri) {
    return "{\"resourceUri\":\""
        + resourceUri
        + "\",\"noteName\":\""
        + noteName
        + "\",\"attestation\":{\"serializedPayload\":\"cGF5bG9hZA==\"}}";
  }

  @Test
  void createsGetsUpdatesAndDeletesNote() {
    Reply created = http.post(notes() + "?noteId=qa", ATTESTATION_NOTE);

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("name").asText()).isEqualTo("projects/" + project + "/notes/qa");
    assertThat(created.json().get("kind").asText()).isEqualTo("ATTESTATION");
    assertThat(created.json().at("/attestation/hint/humanReadableName").asText()).isEqualTo("qa");
    assertThat(http.get(notes() + "/qa").json()).isEqualTo(created.json());

    Reply updated =
        http.patch(
            notes() + "/qa?updateMask=shortDescription",
            "{\"shortDescription\":\"QA sign-off\",\"longDescription\":\"not masked\"}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("shortDescription").asText()).isEqualTo("QA sign-off");
    assertThat(updated.json().has("longDescription")).isFalse();
    assertThat(updated.json().get("createTime")).isEqualTo(created.json().get("createTime"));

    Reply deleted = http.delete(notes() + "/qa");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().isEmpty()).isTrue();
    assertError(
        http.get(notes() + "/qa"),
        404,
        "NOT_FOUND",
        "note projects/" + project + "/notes/qa not found");
  }

  @Test
  void batchCreatesNotesAndListsThemPageByPage() {
    Reply batch =
        http.post(
            notes() + ":batchCreate",
            "{\"notes\":{\"a\":"
                + ATTESTATION_NOTE
                + ",\"b\":"
                + ATTESTATION_NOTE
                + ",\"c\":"
                + ATTESTATION_NOTE
                + "}}");
    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.json().get("notes")).hasSize(3);

    List<String> names = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      JsonNode page = http.get(notes() + "?pageSize=2&pageToken=" + token).json();
      page.get("notes").forEach(n -> names.add(n.get("name").asText()));
      token = page.has("nextPageToken") ? page.get("nextPageToken").asText() : "";
      pages++;
    } while (!token.isEmpty());

    assertThat(pages).isEqualTo(2);
    assertThat(names)
        .containsExactly(
            "projects/" + project + "/notes/a",
            "projects/" + project + "/notes/b",
            "projects/" + project + "/notes/c");
  }

  @Test
  void createsOccurrenceAndReadsItItsNoteAndTheNotesOccurrences() {
    http.post(notes() + "?noteId=qa", ATTESTATION_NOTE);
    String noteName = "projects/" + project + "/notes/qa";

    Reply created = http.post(occurrences(), occurrence(noteName, "https://gcr.io/a@sha256:1"));

    assertThat(created.status()).isEqualTo(200);
    String name = created.json().get("name").asText();
    assertThat(name).startsWith("projects/" + project + "/occurrences/");
    assertThat(created.json().get("kind").asText()).isEqualTo("ATTESTATION");
    String id = name.substring(name.lastIndexOf('/') + 1);
    assertThat(http.get(occurrences() + "/" + id).json()).isEqualTo(created.json());
    assertThat(http.get(occurrences() + "/" + id + "/notes").json().get("name").asText())
        .isEqualTo(noteName);
    assertThat(http.get(notes() + "/qa/occurrences").json().get("occurrences").get(0))
        .isEqualTo(created.json());
  }

  @Test
  void batchCreatesOccurrencesAndFiltersThem() {
    http.post(notes() + "?noteId=qa", ATTESTATION_NOTE);
    String noteName = "projects/" + project + "/notes/qa";
    Reply batch =
        http.post(
            occurrences() + ":batchCreate",
            "{\"occurrences\":["
                + occurrence(noteName, "https://gcr.io/a@sha256:1")
                + ","
                + occurrence(noteName, "https://gcr.io/b@sha256:2")
                + "]}");
    assertThat(batch.status()).isEqualTo(200);

    Reply filtered =
        http.get(occurrences() + "?filter=" + encode("resourceUrl=\"https://gcr.io/b@sha256:2\""));

    assertThat(filtered.status()).isEqualTo(200);
    assertThat(filtered.json().get("occurrences")).hasSize(1);
    assertThat(filtered.json().at("/occurrences/0/resourceUri").asText())
        .isEqualTo("https://gcr.io/b@sha256:2");
  }

  @Test
  void updatesAndDeletesOccurrence() {
    http.post(notes() + "?noteId=qa", ATTESTATION_NOTE);
    String noteName = "projects/" + project + "/notes/qa";
    String name =
        http.post(occurrences(), occurrence(noteName, "https://gcr.io/a@sha256:1"))
            .json()
            .get("name")
            .asText();
    String path = "/v1/" + name;

    Reply updated = http.patch(path + "?updateMask=remediation", "{\"remediation\":\"rebuild\"}");

    assertThat(updated.json().get("remediation").asText()).isEqualTo("rebuild");
    assertThat(updated.json().get("resourceUri").asText()).isEqualTo("https://gcr.io/a@sha256:1");
    assertThat(http.delete(path).status()).isEqualTo(200);
    assertError(http.get(path), 404, "NOT_FOUND", "occurrence " + name + " not found");
  }

  @Test
  void reportsInvalidArgumentNamingTheField() {
    http.post(notes() + "?noteId=qa", ATTESTATION_NOTE);

    assertError(
        http.post(
            occurrences(),
            "{\"noteName\":\"projects/" + project + "/notes/qa\",\"attestation\":{}}"),
        400,
        "INVALID_ARGUMENT",
        "occurrence.resource_uri is required");
  }

  @Test
  void reportsMissingNoteAsFailedPrecondition() {
    assertError(
        http.post(occurrences(), occurrence("projects/" + project + "/notes/none", "https://x")),
        400,
        "FAILED_PRECONDITION",
        "note projects/" + project + "/notes/none does not exist");
  }

  @Test
  void reportsDuplicateNoteAsConflict() {
    http.post(notes() + "?noteId=qa", ATTESTATION_NOTE);

    assertError(
        http.post(notes() + "?noteId=qa", ATTESTATION_NOTE),
        409,
        "ALREADY_EXISTS",
        "note projects/" + project + "/notes/qa already exists");
  }

  @Test
  void rejectsUnknownJsonFieldsAndMalformedJson() {
    Reply unknown = http.post(notes() + "?noteId=qa", "{\"colour\":\"red\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/message").asText())
        .startsWith("invalid note JSON: ")
        .contains("colour");

    Reply malformed = http.post(notes() + "?noteId=qa", "{\"shortDescription\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  @Test
  void rejectsNonNumericPageSize() {
    assertError(
        http.get(notes() + "?pageSize=many"),
        400,
        "INVALID_ARGUMENT",
        "pageSize must be an integer, got 'many'");
  }

  @Test
  void acceptsJsonSentAsAFormLikeCurlDoes() {
    Reply created =
        http.send(
            http.request(notes() + "?noteId=qa")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ATTESTATION_NOTE)));

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("name").asText()).isEqualTo("projects/" + project + "/notes/qa");
  }

  @Test
  void answersUnknownPathsInTheErrorShape() {
    Reply reply = http.get("/v1/nothing-here");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/status").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void servesHealthEndpoints() {
    assertThat(http.get("/q/health/live").status()).isEqualTo(200);
    Reply ready = http.get("/q/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("grafeas-store");
  }

  static void assertError(Reply reply, int code, String status, String message) {
    assertThat(reply.status()).isEqualTo(code);
    assertThat(reply.json())
        .isEqualTo(
            HttpJson.parse(
                "{\"error\":{\"code\":"
                    + code
                    + ",\"message\":\""
                    + message
                    + "\",\"status\":\""
                    + status
                    + "\"}}"));
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
