package io.dikast.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;

/**
 * The webhook's certificate files replaced the way the kubelet updates a mounted Secret, while the
 * HTTPS server keeps accepting connections: each change is served once, from the next handshake on,
 * and no connection is lost to it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = WebhookTestResources.class, restrictToAnnotatedClass = true)
class CertificateRotationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Ten checks of the files. */
  private static final Duration QUIET = WebhookTestResources.CHECK_INTERVAL.multipliedBy(10);

  private static final String RELOADS = "dikast_webhook_certificate_reloads_total";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVIEW =
      AdmissionReviews.createPod("rotation", AdmissionReviews.pod("web", "nginx:1.25"));

  @TestHTTPResource(value = "/validate", tls = true)
  URL validate;

  @TestHTTPResource(value = "/q/metrics", tls = true)
  URL metrics;

  @Inject RegistryReloads registryReloads;

  @Test
  void reloadsNothingWhileTheFilesStayTheSame() throws IOException {
    double before = reloads();

    await()
        .during(QUIET)
        .atMost(QUIET.plus(PATIENCE))
        .until(() -> reloads() == before && registryReloads.count() == 0);
  }

  @Test
  void servesARotatedCertificateAfterExactlyOneReload() throws IOException {
    double before = reloads();

    Certificate rotated = WebhookTestResources.certificate.rotate();

    await().atMost(PATIENCE).until(() -> admitOverANewConnection().equals(rotated));
    await()
        .during(QUIET)
        .atMost(QUIET.plus(PATIENCE))
        .untilAsserted(() -> assertThat(reloads()).isEqualTo(before + 1));
    assertThat(registryReloads.count()).isZero();
  }

  @Test
  void losesNoConnectionWhileTheCertificateRotates() throws Exception {
    await().atMost(PATIENCE).ignoreExceptions().until(() -> admitOverANewConnection() != null);
    List<Certificate> rotated = new ArrayList<>();

    try (Load load = Load.start(3, this::admitOverANewConnection)) {
      for (int i = 0; i < 3; i++) {
        Certificate next = WebhookTestResources.certificate.rotate();
        rotated.add(next);
        await().atMost(PATIENCE).until(() -> load.served.contains(next));
      }
      load.stop();

      assertThat(load.failures).isEmpty();
      assertThat(load.served).containsAll(rotated);
      assertThat(load.sent.get()).isGreaterThan(rotated.size());
    }
  }

  /**
   * One AdmissionReview over a connection of its own and a full handshake (a new TLS context has no
   * session to resume); returns the certificate it was served. Fixed-length streaming keeps the JDK
   * from silently retrying a POST whose connection was closed.
   */
  private Certificate admitOverANewConnection() throws IOException {
    byte[] body = REVIEW.getBytes(StandardCharsets.UTF_8);
    HttpsURLConnection connection = (HttpsURLConnection) validate.openConnection();
    try {
      connection.setSSLSocketFactory(
          WebhookTestResources.certificate.trustingOnlyThis().getSocketFactory());
      connection.setConnectTimeout(15_000);
      connection.setReadTimeout(15_000);
      connection.setRequestMethod("POST");
      connection.setRequestProperty("Connection", "close");
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      Certificate served = connection.getServerCertificates()[0];
      String answer;
      try (InputStream in = connection.getInputStream()) {
        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (status != 200 || !JSON.readTree(answer).path("response").path("allowed").asBoolean()) {
        throw new IOException("HTTP " + status + ", not an admission: " + answer);
      }
      return served;
    } finally {
      connection.disconnect();
    }
  }

  private double reloads() throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) metrics.openConnection();
    connection.setSSLSocketFactory(
        WebhookTestResources.certificate.trustingOnlyThis().getSocketFactory());
    // A read that hangs must fail the poll, not use up the await's whole patience unseen.
    connection.setConnectTimeout(5_000);
    connection.setReadTimeout(5_000);
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> line.startsWith(RELOADS + " ") || line.startsWith(RELOADS + "{"))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .findFirst()
          .orElseThrow(() -> new IOException(RELOADS + " is not among the metrics"));
    } finally {
      connection.disconnect();
    }
  }

  /** Admissions sent back to back from a few threads until stopped, each one counted. */
  private static final class Load implements AutoCloseable {

    final AtomicLong sent = new AtomicLong();
    final Set<Certificate> served = new CopyOnWriteArraySet<>();
    final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> senders = new ArrayList<>();

    private Load(int threads) {
      this.threads = Executors.newFixedThreadPool(threads);
    }

    static Load start(int threads, Callable<Certificate> admission) {
      Load load = new Load(threads);
      for (int i = 0; i < threads; i++) {
        load.senders.add(load.threads.submit(() -> load.send(admission)));
      }
      return load;
    }

    private void send(Callable<Certificate> admission) {
      while (running.get()) {
        try {
          served.add(admission.call());
        } catch (Exception e) {
          failures.add(e.toString());
        }
        sent.incrementAndGet();
      }
    }

    void stop() throws Exception {
      running.set(false);
      for (Future<?> sender : senders) {
        sender.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    }

    @Override
    public void close() {
      running.set(false);
      threads.shutdownNow();
    }
  }
}
