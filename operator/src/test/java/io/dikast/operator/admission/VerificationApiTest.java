package io.dikast.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.api.v1.VerificationResult;
import io.dikast.api.v1.VerificationServiceGrpc;
import io.dikast.api.v1.VerifyImagesRequest;
import io.dikast.api.v1.VerifyWorkloadRequest;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.operator.policyset.PolicySetView;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dikast.v1.VerificationService} as {@code dikast verify --cluster} reaches it: gRPC over
 * the webhook's HTTPS port and certificate, answered from the live policies with the webhook's
 * messages.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = WebhookTestResources.class, restrictToAnnotatedClass = true)
class VerificationApiTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  @Inject KubernetesClient client;
  @Inject PolicySetView view;

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  private String namespace;
  private ManagedChannel channel;

  @BeforeEach
  void policyInFreshNamespace() throws IOException {
    for (String plural :
        List.of("attestationauthorities", "imagesecuritypolicies", "genericattestationpolicies")) {
      try (InputStream crd =
          getClass().getResourceAsStream("/crds/" + plural + ".kritis.grafeas.io-v1.yml")) {
        client
            .resource(YAML.unmarshal(crd, CustomResourceDefinition.class))
            .createOr(c -> c.update());
      }
    }
    namespace = "api-" + NAMESPACES.incrementAndGet();
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ImageSecurityPolicy
                metadata: {name: qa-only, namespace: %s}
                spec:
                  attestationAuthorityNames: [qa]
                """
                    .formatted(namespace),
                ImageSecurityPolicy.class))
        .create();
    PublishedPolicies.await(view, namespace, PATIENCE);
    channel =
        NettyChannelBuilder.forAddress("localhost", https.getPort())
            .sslContext(
                GrpcSslContexts.forClient()
                    .trustManager(WebhookTestResources.certificate.certificate().toFile())
                    .build())
            .build();
  }

  @AfterEach
  void closeChannel() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void deniesAWorkloadOverTlsWithTheWebhooksMessage() {
    VerificationResult result =
        stub()
            .verifyWorkload(
                VerifyWorkloadRequest.newBuilder()
                    .setNamespace(namespace)
                    .setManifest(AdmissionReviews.pod("payment", "nginx:1.25"))
                    .build());

    assertThat(result.getAllowed()).as("%s", result).isFalse();
    assertThat(result.getDenialsList())
        .containsExactly(
            "image nginx:1.25 denied by ImageSecurityPolicy "
                + namespace
                + "/qa-only: image is not pinned by a sha256 digest");
  }

  @Test
  void admitsImagesUnderBreakglassWithTheWebhooksWarning() {
    VerificationResult result =
        stub()
            .verifyImages(
                VerifyImagesRequest.newBuilder()
                    .setNamespace(namespace)
                    .addImages("nginx:1.25")
                    .setBreakglass(true)
                    .build());

    assertThat(result.getAllowed()).as("%s", result).isTrue();
    assertThat(result.getWarningsList())
        .containsExactly(
            "image nginx:1.25 admitted under break-glass despite ImageSecurityPolicy "
                + namespace
                + "/qa-only: image is not pinned by a sha256 digest");
  }

  @Test
  void refusesAManifestOfAKindThatIsNotChecked() {
    VerifyWorkloadRequest service =
        VerifyWorkloadRequest.newBuilder()
            .setNamespace(namespace)
            .setManifest(
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"}}")
            .build();

    assertThatThrownBy(() -> stub().verifyWorkload(service))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("unsupported workload kind Service (apiVersion v1)");
            });
  }

  private VerificationServiceGrpc.VerificationServiceBlockingStub stub() {
    return VerificationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(15, TimeUnit.SECONDS);
  }
}
