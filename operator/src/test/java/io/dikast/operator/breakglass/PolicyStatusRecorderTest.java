package io.dikast.operator.breakglass;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicySpec;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicySpec;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.policy.PolicyRef;
import io.dikast.operator.reconciler.WarningEvents;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.runtime.ShutdownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class PolicyStatusRecorderTest {

  private static final String POLICY_PATH =
      "/apis/kritis.grafeas.io/v1beta1/namespaces/payments/imagesecuritypolicies/qa-only";
  private static final String EVENTS_PATH = "/api/v1/namespaces/payments/events";
  private static final PolicyRef QA_ONLY =
      new PolicyRef(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "qa-only");

  KubernetesMockServer server;
  KubernetesClient client;

  private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
  private final Logger recorderLog = Logger.getLogger(PolicyStatusRecorder.class.getName());
  private final Handler errorCapture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private PolicyStatusRecorder recorder;

  @BeforeEach
  void recordWithoutTheTimer() {
    recorderLog.addHandler(errorCapture);
    recorder =
        new PolicyStatusRecorder(client, new WarningEvents(client), () -> Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    recorder.close();
    recorderLog.removeHandler(errorCapture);
  }

  @Test
  void aBreakglassWhoseStatusWriteIsRetriedEmitsItsEventOnce() throws Exception {
    ImageSecurityPolicy policy = policy();
    server.expect().get().withPath(POLICY_PATH).andReturn(200, policy).always();
    server.expect().patch().withPath(POLICY_PATH + "/status").andReturn(409, "conflict").once();
    server.expect().patch().withPath(POLICY_PATH + "/status").andReturn(200, policy).once();
    server
        .expect()
        .post()
        .withPath(EVENTS_PATH)
        .andReturn(201, new EventBuilder().withNewMetadata().withName("e").endMetadata().build())
        .always();
    recorder.observe(
        QA_ONLY,
        PolicyObservations.breakglass(
            "2026-01-01T00:00:00Z", "Pod payments/hotfix", "alice", "admitted under break-glass"));

    recorder.flush();
    recorder.flush();

    List<String> writes = new ArrayList<>();
    for (RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        request != null;
        request = server.takeRequest(1, TimeUnit.SECONDS)) {
      if (!request.getMethod().equals("GET")) {
        writes.add(request.getMethod() + " " + request.getPath());
      }
    }
    assertThat(writes)
        .containsExactly(
            "PATCH " + POLICY_PATH + "/status",
            "PATCH " + POLICY_PATH + "/status",
            "POST " + EVENTS_PATH);
  }

  @Test
  void aBreakglassUnderAClusterPolicyIsWrittenToItAndItsEventGoesToTheDefaultNamespace()
      throws Exception {
    String path = "/apis/kritis.grafeas.io/v1beta1/clusterimagesecuritypolicies/baseline";
    ClusterImageSecurityPolicy policy = new ClusterImageSecurityPolicy();
    policy.setMetadata(
        new ObjectMetaBuilder()
            .withName("baseline")
            .withUid("uid-2")
            .withResourceVersion("1")
            .build());
    policy.setSpec(new ClusterImageSecurityPolicySpec());
    server.expect().get().withPath(path).andReturn(200, policy).always();
    server.expect().patch().withPath(path + "/status").andReturn(200, policy).once();
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/default/events")
        .andReturn(201, new EventBuilder().withNewMetadata().withName("e").endMetadata().build())
        .always();
    recorder.observe(
        new PolicyRef(PolicyKind.CLUSTER_IMAGE_SECURITY_POLICY, "", "baseline"),
        PolicyObservations.breakglass(
            "2026-01-01T00:00:00Z", "Pod payments/hotfix", "alice", "admitted under break-glass"));

    recorder.flush();

    List<String> writes = new ArrayList<>();
    String patched = null;
    for (RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        request != null;
        request = server.takeRequest(1, TimeUnit.SECONDS)) {
      if (!request.getMethod().equals("GET")) {
        writes.add(request.getMethod() + " " + request.getPath());
        if (request.getMethod().equals("PATCH")) {
          patched = request.getBody().readUtf8();
        }
      }
    }
    assertThat(writes)
        .containsExactly("PATCH " + path + "/status", "POST /api/v1/namespaces/default/events");
    assertThat(patched)
        .contains("\"workload\":\"Pod payments/hotfix\"")
        .contains("\"user\":\"alice\"");
  }

  @Test
  void aClosedClientAtShutdownIsNoError() {
    recorder.observe(QA_ONLY, PolicyObservations.denial("2026-01-01T00:00:00Z", "denied"));

    recorder.onStop(new ShutdownEvent());
    client.close();
    recorder.flush();

    assertThat(errors).isEmpty();
  }

  private static ImageSecurityPolicy policy() {
    ImageSecurityPolicy policy = new ImageSecurityPolicy();
    policy.setMetadata(
        new ObjectMetaBuilder()
            .withName("qa-only")
            .withNamespace("payments")
            .withUid("uid-1")
            .withResourceVersion("1")
            .build());
    policy.setSpec(new ImageSecurityPolicySpec());
    return policy;
  }
}
