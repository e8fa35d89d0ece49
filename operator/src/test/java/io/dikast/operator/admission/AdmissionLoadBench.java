package io.dikast.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.testing.JcaEcSigner;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.verification.Occurrences;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grafeas.v1.Signature;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A load driver, not a test: drives the HTTPS webhook with concurrent AdmissionReviews against the
 * real Grafeas server and reports p50/p99 latency for cache misses (every digest new, verified over
 * gRPC) and for a warm cache (the same digests again). Its name keeps it out of the build's test
 * run; run it with {@code mvn -pl operator -am verify -Dtest=AdmissionLoadBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. Figures go to {@code target/bench/admission.txt}.
 */
@Tag("bench")
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = WebhookTestResources.class, restrictToAnnotatedClass = true)
class AdmissionLoadBench {

  private static final Logger LOG = Logger.getLogger(AdmissionLoadBench.class);
  private static final KubernetesSerialization YAML = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "bench";
  private static final String NOTE = "projects/bench/notes/ci";
  private static final int IMAGES = 400;
  private static final int CLIENTS = 8;

  @Inject KubernetesClient client;
  @Inject PolicySetView view;

  @TestHTTPResource(value = "/validate", tls = true)
  URL validate;

  @Test
  void reportsLatencyForCacheMissesAndForAWarmCache() throws Exception {
    JcaEcSigner signer = JcaEcSigner.generate();
    List<String> images = attestedImages(signer);
    installPolicy(signer);
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(WebhookTestResources.certificate.trustingOnlyThis())
            .build();
    admit(https, images.get(0));

    List<Long> cold = drive(https, images.subList(1, images.size()));
    List<Long> warm = drive(https, images.subList(1, images.size()));

    String report =
        "admission latency, %d clients, %d distinct attested digests, real Grafeas over gRPC%n"
                .formatted(CLIENTS, images.size() - 1)
            + line("cache misses", cold)
            + line("warm cache", warm);
    Path out = Path.of("target", "bench", "admission.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    LOG.info("\n" + report);
  }

  private List<Long> drive(HttpClient https, List<String> images) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Long>> timings = new ArrayList<>();
      for (String image : images) {
        timings.add(clients.submit(() -> admit(https, image)));
      }
      List<Long> nanos = new ArrayList<>();
      for (Future<Long> timing : timings) {
        nanos.add(timing.get(60, TimeUnit.SECONDS));
      }
      return nanos;
    } finally {
      clients.shutdownNow();
      clients.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private long admit(HttpClient https, String image) throws Exception {
    String body = AdmissionReviews.createPod(NS, AdmissionReviews.pod("load", image));
    long start = System.nanoTime();
    HttpResponse<String> answer =
        https.send(
            HttpRequest.newBuilder(validate.toURI())
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long elapsed = System.nanoTime() - start;
    assertThat(JSON.readTree(answer.body()).path("response").path("allowed").asBoolean())
        .as(answer.body())
        .isTrue();
    return elapsed;
  }

  private static List<String> attestedImages(JcaEcSigner signer) throws Exception {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(WebhookTestResources.grafeas.address())
            .usePlaintext()
            .build();
    try {
      GrafeasGrpc.GrafeasBlockingStub grafeas =
          GrafeasGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
      grafeas.createNote(
          CreateNoteRequest.newBuilder()
              .setParent("projects/bench")
              .setNoteId("ci")
              .setNote(Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()))
              .build());
      List<String> images = new ArrayList<>();
      BatchCreateOccurrencesRequest.Builder batch =
          BatchCreateOccurrencesRequest.newBuilder().setParent("projects/bench");
      for (int i = 0; i < IMAGES; i++) {
        String image = "gcr.io/bench/app-" + (i % 20) + "@sha256:" + digest(i);
        images.add(image);
        byte[] payload = Occurrences.atomicPayload(ImageReference.parse(image));
        batch.addOccurrences(
            Occurrence.newBuilder()
                .setResourceUri("https://" + image)
                .setNoteName(NOTE)
                .setAttestation(
                    AttestationOccurrence.newBuilder()
                        .setSerializedPayload(ByteString.copyFrom(payload))
                        .addSignatures(
                            Signature.newBuilder()
                                .setSignature(ByteString.copyFrom(signer.sign(payload)))
                                .setPublicKeyId("ci-key"))));
        if (batch.getOccurrencesCount() == 100) {
          grafeas.batchCreateOccurrences(batch.build());
          batch.clearOccurrences();
        }
      }
      Collections.shuffle(images);
      return images;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private void installPolicy(JcaEcSigner signer) throws Exception {
    for (String plural : List.of("attestationauthorities", "imagesecuritypolicies")) {
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
                kind: AttestationAuthority
                metadata: {name: ci, namespace: %s}
                spec:
                  noteReference: %s
                  publicKeys:
                  - keyType: PKIX
                    keyId: ci-key
                    pkixPublicKey:
                      signatureAlgorithm: ECDSA_P256_SHA256
                      publicKeyPem: |
                %s"""
                    .formatted(NS, NOTE, signer.publicKeyPem().indent(8)),
                AttestationAuthority.class))
        .create();
    client
        .resource(
            YAML.unmarshal(
                """
                apiVersion: kritis.grafeas.io/v1beta1
                kind: ImageSecurityPolicy
                metadata: {name: ci-only, namespace: %s}
                spec:
                  attestationAuthorityNames: [ci]
                """
                    .formatted(NS),
                ImageSecurityPolicy.class))
        .create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !view.snapshot(NS).policies().isEmpty()
                    && view.snapshot(NS)
                        .authority("ci")
                        .map(a -> !a.keys().isEmpty())
                        .orElse(false));
  }

  private static String digest(int i) {
    byte[] bytes = new byte[32];
    bytes[28] = (byte) (i >> 24);
    bytes[29] = (byte) (i >> 16);
    bytes[30] = (byte) (i >> 8);
    bytes[31] = (byte) i;
    return HexFormat.of().formatHex(bytes);
  }

  private static String line(String label, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return "%-13s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n"
        .formatted(
            label,
            sorted.size(),
            millis(percentile(sorted, 50)),
            millis(percentile(sorted, 99)),
            millis(sorted.get(sorted.size() - 1)));
  }

  private static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
