package io.dikast.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * AdmissionReviews sent back to back from a few threads, each over a connection of its own with a
 * full TLS handshake (a new TLS context has no session to resume), so every request is a connection
 * the server accepts. A request counts as failed unless it is answered HTTP 200 with {@code
 * "allowed":true}.
 */
final class NewConnections implements AutoCloseable {

  private static final int TIMEOUT_MILLIS = 15_000;
  private static final int FAILURES_KEPT = 20;

  private final URI validate;
  private final TrustManager[] trust;
  private final LongFunction<String> review;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Set<BigInteger> servedSerials = new CopyOnWriteArraySet<>();
  private final Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(1), 3);
  private final List<Thread> senders = new ArrayList<>();
  private long started;
  private long stopped;

  private NewConnections(URI validate, TrustManager[] trust, LongFunction<String> review) {
    this.validate = validate;
    this.trust = trust;
    this.review = review;
  }

  /** Starts {@code threads} senders of {@code review(i)} to {@code validate}. */
  static NewConnections start(
      int threads, URI validate, Path trustBundle, LongFunction<String> review) {
    NewConnections load = new NewConnections(validate, trusting(trustBundle), review);
    load.started = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread sender = new Thread(load::send, "rotation-sender-" + i);
      sender.setDaemon(true);
      load.senders.add(sender);
      sender.start();
    }
    return load;
  }

  /** Stops sending and waits for the requests in flight. */
  void stop() throws InterruptedException {
    running.set(false);
    for (Thread sender : senders) {
      sender.join(2L * TIMEOUT_MILLIS);
    }
    stopped = System.nanoTime();
  }

  long sent() {
    return sent.get();
  }

  long failed() {
    return failed.get();
  }

  /** The first failures, as their exceptions or answers read. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  Set<BigInteger> servedSerials() {
    return Set.copyOf(servedSerials);
  }

  double seconds() {
    return (stopped - started) / 1e9;
  }

  Histogram latency() {
    return latency;
  }

  private void send() {
    while (running.get()) {
      long i = sent.getAndIncrement();
      long start = System.nanoTime();
      try {
        servedSerials.add(admit(review.apply(i)));
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        failed.incrementAndGet();
        if (failures.size() < FAILURES_KEPT) {
          failures.add(e.toString());
        }
      }
      latency.recordValue(System.nanoTime() - start);
    }
  }

  // Fixed-length streaming keeps the JDK from silently retrying a POST whose connection closed.
  private BigInteger admit(String body) throws IOException, GeneralSecurityException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust, null);
    HttpsURLConnection connection = (HttpsURLConnection) validate.toURL().openConnection();
    try {
      connection.setSSLSocketFactory(context.getSocketFactory());
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestMethod("POST");
      connection.setRequestProperty("Connection", "close");
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      int status = connection.getResponseCode();
      Certificate served = connection.getServerCertificates()[0];
      String answer;
      try (InputStream in = connection.getInputStream()) {
        answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (status != 200 || !answer.replace(" ", "").contains("\"allowed\":true")) {
        throw new IOException("HTTP " + status + ": " + answer);
      }
      return ((X509Certificate) served).getSerialNumber();
    } finally {
      connection.disconnect();
    }
  }

  private static TrustManager[] trusting(Path bundle) {
    try (InputStream in = Files.newInputStream(bundle)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("webhook-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      return factory.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the certificates in " + bundle, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (running.get()) {
      stop();
    }
  }
}
