package io.dikast.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Posts thousands of generated malformed and adversarial AdmissionReviews to the real HTTPS
 * endpoint. Every pod in the fuzzed namespace fails its policy, so an allow is only right for a
 * request the webhook does not check (another kind, operation or subresource) or one for another
 * namespace. Seeded: the seed is in every failure message and {@code -Dfuzz.seed} replays it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = WebhookTestResources.class, restrictToAnnotatedClass = true)
class AdmissionFuzzTest {

  private static final int REVIEWS = 10_000;
  private static final String NAMESPACE = "fuzzed";
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject KubernetesClient client;
  @Inject PolicySetView view;

  @TestHTTPResource(value = "/validate", tls = true)
  URL validate;

  @Test
  void answersEveryMalformedReviewWithoutServerErrorOrUndueAllow() throws Exception {
    requireUndefinedAuthority();
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    MalformedReviews reviews = new MalformedReviews(new Random(seed), NAMESPACE);
    HttpClient https = https();
    for (int i = 0; i < REVIEWS; i++) {
      MalformedReviews.Review review = reviews.next();
      HttpResponse<String> answer =
          https.send(post(review.body()), HttpResponse.BodyHandlers.ofString());
      String context = "seed %d, review %d (%s)".formatted(seed, i, review.mutations());
      assertThat(answer.statusCode()).as(context).isLessThan(500);
      if (answer.statusCode() == 200 && allowed(answer.body())) {
        assertThat(review.mayBeAllowed()).as(context + " was allowed").isTrue();
      }
    }
  }

  private static boolean allowed(String body) throws Exception {
    return JSON.readTree(body).path("response").path("allowed").asBoolean(false);
  }

  private HttpRequest post(byte[] body) throws Exception {
    return HttpRequest.newBuilder(validate.toURI())
        .header("content-type", "application/json")
        .timeout(Duration.ofSeconds(15))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private void requireUndefinedAuthority() throws Exception {
    for (String plural :
        List.of("attestationauthorities", "imagesecuritypolicies", "genericattestationpolicies")) {
      try (InputStream crd =
          getClass().getResourceAsStream("/crds/" + plural + ".kritis.grafeas.io-v1.yml")) {
        client
            .resource(YAML.unmarshal(crd, CustomResourceDefinition.class))
            .createOr(c -> c.update());
      }
    }
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ImageSecurityPolicy
                metadata: {name: nobody-signs, namespace: %s}
                spec:
                  attestationAuthorityNames: [undefined]
                """
                    .formatted(NAMESPACE),
                ImageSecurityPolicy.class))
        .create();
    PublishedPolicies.await(view, NAMESPACE, Duration.ofSeconds(30));
    JsonNode unmutated =
        JSON.readTree(
            https()
                .send(
                    post(new MalformedReviews(new Random(0), NAMESPACE).wellFormed()),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(unmutated.path("response").path("allowed").asBoolean(true)).isFalse();
  }

  private static HttpClient https() {
    return HttpClient.newBuilder()
        .sslContext(WebhookTestResources.certificate.trustingOnlyThis())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }
}
