package io.dikast.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Talks to the operator's {@code POST /validate} as the API server does: an {@code
 * admission.k8s.io/v1} AdmissionReview over HTTPS, trusting only the CA the operator made.
 */
final class Webhook {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;

  Webhook(URI base, Path caFile) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .sslContext(CaTrust.trusting(caFile))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  URI validateUri() {
    return base.resolve("/validate");
  }

  boolean ready() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/q/health/ready"))
              .timeout(Duration.ofSeconds(2))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sends a CREATE of {@code pod} by {@code user} and reads the answer. */
  AdmissionAnswer create(JsonNode pod, String user) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.put("name", pod.path("metadata").path("name").asText());
    request.put("namespace", pod.path("metadata").path("namespace").asText());
    request.put("operation", "CREATE");
    request.putObject("userInfo").put("username", user);
    request.set("object", pod);
    request.put("dryRun", false);
    try {
      HttpRequest post =
          HttpRequest.newBuilder(validateUri())
              .timeout(Duration.ofSeconds(15))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(review)))
              .build();
      HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new StoryFailure(
            "the webhook answered HTTP " + response.statusCode() + ": " + response.body());
      }
      return answer(JSON.readTree(response.body()).path("response"));
    } catch (IOException e) {
      throw new StoryFailure("cannot reach the webhook at " + validateUri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoryFailure("interrupted while waiting for the webhook", e);
    }
  }

  private static AdmissionAnswer answer(JsonNode response) {
    List<String> warnings = new ArrayList<>();
    response.path("warnings").forEach(warning -> warnings.add(warning.asText()));
    return new AdmissionAnswer(
        response.path("allowed").asBoolean(false),
        response.path("status").path("message").asText(""),
        warnings);
  }
}
