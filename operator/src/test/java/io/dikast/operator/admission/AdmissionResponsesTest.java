package io.dikast.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyOutcome;
import io.dikast.engine.policy.PolicyRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionResponsesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final PolicyRef QA_ONLY =
      new PolicyRef(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "qa-only");

  @Test
  void deniesWithA403StatusWhoseMessageHasOneLinePerDenial() throws Exception {
    Decision decision =
        new Decision(
            List.of("image a denied by x: r1", "image b denied by x: r2"),
            List.of(),
            Map.of(QA_ONLY, PolicyOutcome.DENIED),
            Map.of("decision", "denied", "denied-by", QA_ONLY.auditName()));

    JsonNode json = MAPPER.readTree(AdmissionJson.write(AdmissionResponses.of("u-1", decision)));

    assertThat(json.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(json.path("kind").asText()).isEqualTo("AdmissionReview");
    JsonNode response = json.path("response");
    assertThat(response.path("uid").asText()).isEqualTo("u-1");
    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("reason").asText()).isEqualTo("Forbidden");
    assertThat(response.path("status").path("message").asText())
        .isEqualTo("image a denied by x: r1\nimage b denied by x: r2");
    assertThat(response.path("auditAnnotations").path("denied-by").asText())
        .isEqualTo("ImageSecurityPolicy/payments/qa-only");
    assertThat(response.has("warnings")).isFalse();
  }

  @Test
  void admitsWithWarningsAndAuditAnnotationsButNoStatus() throws Exception {
    Decision decision =
        new Decision(
            List.of(),
            List.of("image a admitted under break-glass despite x: r"),
            Map.of(QA_ONLY, PolicyOutcome.BREAKGLASS_BYPASSED),
            Map.of("decision", "allowed", "breakglass", "applied"));

    JsonNode response =
        MAPPER
            .readTree(AdmissionJson.write(AdmissionResponses.of("u-2", decision)))
            .path("response");

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("status")).isFalse();
    assertThat(response.path("warnings").get(0).asText())
        .isEqualTo("image a admitted under break-glass despite x: r");
    assertThat(response.path("auditAnnotations").path("breakglass").asText()).isEqualTo("applied");
  }

  @Test
  void admitsAnUncheckedRequestSayingWhyInTheAuditLog() throws Exception {
    JsonNode response =
        MAPPER
            .readTree(
                AdmissionJson.write(
                    AdmissionResponses.skipped("u-3", "operation DELETE is not checked")))
            .path("response");

    assertThat(response.path("uid").asText()).isEqualTo("u-3");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("auditAnnotations").path("skipped").asText())
        .isEqualTo("operation DELETE is not checked");
  }

  @Test
  void failsClosedOnAnUnexpectedError() throws Exception {
    JsonNode response =
        MAPPER
            .readTree(AdmissionJson.write(AdmissionResponses.failedClosed("u-4", "internal error")))
            .path("response");

    assertThat(response.path("allowed").asBoolean(true)).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText()).isEqualTo("internal error");
  }
}
