package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.testing.Gpg;
import io.dikast.operator.policyset.ClusterPolicies;
import io.dikast.operator.policyset.PolicySetInformers;
import io.dikast.operator.verification.CacheSettings;
import io.dikast.operator.verification.InMemoryAttestations;
import io.dikast.operator.verification.Occurrences;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica that runs no reconciler, as a leader-election follower, decides with the policy set its
 * own informers keep: the article's denial and admission, then a deleted policy.
 */
@EnableKubernetesMockClient(crud = true)
class FollowerAdmissionTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  // The denial is cached as a fact for the negative TTL; the signature counts once that passed.
  private static final Duration NEGATIVE_TTL_PASSED =
      CacheSettings.defaults().negativeTtl().plusSeconds(1);
  private static final String QA_NOTE = "projects/image-signing/notes/qa";

  private static Gpg gpg;
  private static String qaFingerprint;

  KubernetesClient client;

  private final InMemoryAttestations grafeas = new InMemoryAttestations().withNotes(QA_NOTE);
  private Webhook follower;
  private PolicySetInformers informers;

  @BeforeAll
  static void makeKey() {
    gpg = Gpg.start();
    qaFingerprint = gpg.generateKey("QA <qa_bob@example.com>");
  }

  @AfterAll
  static void dropKey() {
    gpg.close();
  }

  @BeforeEach
  void startFollower() {
    ClusterPolicies payments = new ClusterPolicies(client, "payments");
    payments.keyConfigMap("image-signature-webhook", gpg.exportPublicKey(qaFingerprint));
    payments.authorityReading("qa", "image-signature-webhook");
    payments.imageSecurityPolicy("qa-only", "attestationAuthorityName: qa");
    follower = new Webhook(grafeas, Duration.ofSeconds(5));
    informers = new PolicySetInformers(client, follower.view);
    informers.start();
    await().atMost(PATIENCE).until(informers::published);
  }

  @AfterEach
  void stopFollower() {
    informers.stop();
    follower.close();
  }

  @Test
  void deniesTheUnattestedPodThenAdmitsItOnceQaSigned() {
    JsonNode denied = follower.answer(paymentPod());
    grafeas.upload(
        Occurrences.clearSigned(
            QA_NOTE,
            ImageReference.parse(PAYMENT),
            gpg.clearSign(qaFingerprint, PAYMENT + "\n"),
            qaFingerprint));
    follower.ticker.advance(NEGATIVE_TTL_PASSED);
    JsonNode admitted = follower.answer(paymentPod());

    assertThat(denied.path("allowed").asBoolean(true)).isFalse();
    assertThat(denied.path("status").path("message").asText())
        .isEqualTo(
            "image "
                + PAYMENT
                + " denied by ImageSecurityPolicy payments/qa-only: no valid attestation by"
                + " authority qa (qa: no attestation occurrence for this digest)");
    assertThat(admitted.path("allowed").asBoolean(false)).isTrue();
  }

  @Test
  void admitsTheUnattestedPodOnceThePolicyIsDeleted() {
    client
        .resources(ImageSecurityPolicy.class)
        .inNamespace("payments")
        .withName("qa-only")
        .delete();

    await().atMost(PATIENCE).until(() -> follower.view.snapshot("payments").policies().isEmpty());

    assertThat(follower.answer(paymentPod()).path("allowed").asBoolean(false)).isTrue();
  }

  private static String paymentPod() {
    return AdmissionReviews.createPod("payments", AdmissionReviews.pod("payment", PAYMENT));
  }
}
