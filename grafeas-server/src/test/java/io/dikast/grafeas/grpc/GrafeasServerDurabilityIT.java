package io.dikast.grafeas.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built server, killed with SIGKILL while clients create occurrences, keeps every occurrence it
 * acknowledged once restarted on the same store, embedded or PostgreSQL (the build's throwaway
 * server; a note of its own per run, as other tests share that database).
 */
class GrafeasServerDurabilityIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 200;

  @TempDir Path directory;

  private final List<Process> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);

  @AfterEach
  void stop() throws InterruptedException {
    writers.shutdownNow();
    writers.awaitTermination(10, TimeUnit.SECONDS);
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Process server : servers) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgresql"})
  void keepsEveryAcknowledgedOccurrenceAfterSigkill(String store) throws Exception {
    int port = freePort();
    Process first = start(store, port, "first.log");
    GrafeasGrpc.GrafeasBlockingStub grafeas = connect(port);
    Note note =
        grafeas
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .createNote(
                CreateNoteRequest.newBuilder()
                    .setParent("projects/image-signing")
                    .setNoteId("sigkill-" + store + "-" + System.nanoTime())
                    .setNote(Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()))
                    .build());
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.submit(() -> createUntilFailure(grafeas, note.getName(), writer, acknowledged));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL);

    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    writers.shutdown();
    assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    start(store, port, "second.log");
    GrafeasGrpc.GrafeasBlockingStub restarted = connect(port);

    List<String> missing = new ArrayList<>();
    for (String name : acknowledged) {
      try {
        restarted
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .getOccurrence(GetOccurrenceRequest.newBuilder().setName(name).build());
      } catch (StatusRuntimeException e) {
        missing.add(name + ": " + e.getStatus());
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
    assertThat(missing).isEmpty();
  }

  private static void createUntilFailure(
      GrafeasGrpc.GrafeasBlockingStub grafeas, String noteName, int writer, Queue<String> names) {
    for (int i = 0; ; i++) {
      Occurrence occurrence =
          Occurrence.newBuilder()
              .setResourceUri("https://gcr.io/w" + writer + "/image@sha256:" + i)
              .setNoteName(noteName)
              .setAttestation(
                  AttestationOccurrence.newBuilder()
                      .setSerializedPayload(ByteString.copyFromUtf8("payload " + i)))
              .build();
      try {
        names.add(
            grafeas
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .createOccurrence(
                    CreateOccurrenceRequest.newBuilder()
                        .setParent("projects/payments")
                        .setOccurrence(occurrence)
                        .build())
                .getName());
      } catch (StatusRuntimeException e) {
        return;
      }
    }
  }

  private Process start(String store, int port, String log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve(log).toFile());
    builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
    builder.environment().put("DIKAST_GRAFEAS_STORAGE_TYPE", store);
    builder
        .environment()
        .put("DIKAST_GRAFEAS_STORAGE_EMBEDDED_PATH", directory.resolve("data").toString());
    builder
        .environment()
        .put(
            "DIKAST_GRAFEAS_STORAGE_POSTGRESQL_JDBC_URL",
            System.getProperty("dikast.test.postgresql.jdbc-url", ""));
    builder.environment().put("DIKAST_GRAFEAS_STORAGE_POSTGRESQL_PASSWORD", "dikast");
    Process server = builder.start();
    servers.add(server);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    return server;
  }

  private GrafeasGrpc.GrafeasBlockingStub connect(int port) {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return GrafeasGrpc.newBlockingStub(channel);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
