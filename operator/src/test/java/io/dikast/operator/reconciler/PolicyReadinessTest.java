package io.dikast.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthorityStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyReadinessTest {

  @Test
  void readyWhenEveryNamedAuthorityIsReady() {
    PolicyReadiness readiness =
        PolicyReadiness.evaluate(
            "payments",
            List.of("qa", "security"),
            List.of(),
            null,
            Map.of("qa", ready("qa"), "security", ready("security")));

    assertThat(readiness)
        .isEqualTo(new PolicyReadiness(true, "AuthoritiesReady", "authorities ready: qa,security"));
  }

  @Test
  void namesEveryMissingAuthority() {
    PolicyReadiness readiness =
        PolicyReadiness.evaluate(
            "payments",
            List.of("qa", "security", "release"),
            List.of(),
            0,
            Map.of("qa", ready("qa")));

    assertThat(readiness)
        .isEqualTo(
            new PolicyReadiness(
                false,
                "AuthorityNotFound",
                "AttestationAuthority security, AttestationAuthority release not found in"
                    + " namespace payments"));
  }

  @Test
  void passesOnTheReasonAnAuthorityIsNotReady() {
    AttestationAuthority broken = authority("qa");
    AttestationAuthorityStatus status = new AttestationAuthorityStatus();
    status.setConditions(
        Conditions.set(
            List.of(), "Ready", false, "InvalidKey", "publicKeys[0]: bad", 1L, Instant.EPOCH));
    broken.setStatus(status);

    PolicyReadiness readiness =
        PolicyReadiness.evaluate("payments", List.of("qa"), List.of(), null, Map.of("qa", broken));

    assertThat(readiness)
        .isEqualTo(
            new PolicyReadiness(
                false,
                "AuthorityNotReady",
                "AttestationAuthority qa is not ready (publicKeys[0]: bad)"));
  }

  @Test
  void rejectsMoreRequiredAttestationsThanAuthorities() {
    PolicyReadiness readiness =
        PolicyReadiness.evaluate("payments", List.of("qa", "security"), List.of("ci"), 3, Map.of());

    assertThat(readiness.ready()).isFalse();
    assertThat(readiness.reason()).isEqualTo("InvalidRequiredAttestations");
    assertThat(readiness.message())
        .isEqualTo(
            "requiredAttestations is 3 but the policy names 2 authorities; all of them are"
                + " required until this is fixed");
  }

  @Test
  void anAuthorityNamedOnlyByAProvenanceRequirementMustExistAndBeReady() {
    AttestationAuthority notReconciled = authority("ci");

    assertThat(
            PolicyReadiness.evaluate(
                "payments", List.of("qa"), List.of("qa", "ci"), null, Map.of("qa", ready("qa"))))
        .isEqualTo(
            new PolicyReadiness(
                false,
                "AuthorityNotFound",
                "AttestationAuthority ci not found in namespace payments"));
    assertThat(
            PolicyReadiness.evaluate(
                "payments", List.of(), List.of("ci"), null, Map.of("ci", notReconciled)))
        .isEqualTo(
            new PolicyReadiness(
                false,
                "AuthorityNotReady",
                "AttestationAuthority ci is not ready (not yet reconciled)"));
    assertThat(
            PolicyReadiness.evaluate(
                "payments",
                List.of("qa"),
                List.of("ci"),
                1,
                Map.of("qa", ready("qa"), "ci", ready("ci"))))
        .isEqualTo(new PolicyReadiness(true, "AuthoritiesReady", "authorities ready: qa,ci"));
  }

  @Test
  void summarisesKOfN() {
    assertThat(PolicyReadiness.summary(List.of("qa", "security", "release"), 2))
        .isEqualTo("2 of 3: qa,security,release");
    assertThat(PolicyReadiness.summary(List.of("qa", "security"), 0)).isEqualTo("qa,security");
    assertThat(PolicyReadiness.summary(List.of("qa", "security"), 2)).isEqualTo("qa,security");
  }

  private static AttestationAuthority ready(String name) {
    AttestationAuthority authority = authority(name);
    AttestationAuthorityStatus status = new AttestationAuthorityStatus();
    status.setConditions(
        Conditions.set(List.of(), "Ready", true, "KeysValid", "1 key valid", 1L, Instant.EPOCH));
    authority.setStatus(status);
    return authority;
  }

  private static AttestationAuthority authority(String name) {
    AttestationAuthority authority = new AttestationAuthority();
    authority.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("payments").build());
    return authority;
  }
}
