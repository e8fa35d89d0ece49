package io.dikast.grafeas.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.dikast.grafeas.testing.GrafeasServerProcess;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.AttestationOccurrence;
import io.grafeas.v1.BatchCreateOccurrencesRequest;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GetOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built server with the embedded store, run out of disk while clients create occurrences:
 * writes that could not be stored fail with a status naming storage, never OK, and a server
 * restarted on the same store without the limit has every acknowledged occurrence and takes new
 * ones.
 *
 * <p>H2 closes its database when a write fails and, to open it again, rolls back the transactions
 * it left, which is a write: while the disk stays full reads may fail too, naming storage.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedStoreFullDiskIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  // Above the freshly migrated database (about 100 KiB) and the server's log, so the server
  // starts, and small enough that the append-only H2 file, one chunk per commit, reaches it
  // within seconds.
  private static final long FILE_SIZE_LIMIT_KIB = 2048;
  private static final int WRITERS = 4;
  private static final int BATCH = 10;

  @TempDir Path directory;

  private final List<GrafeasServerProcess> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);

  @AfterEach
  void stop() throws InterruptedException {
    writers.shutdownNow();
    writers.awaitTermination(10, TimeUnit.SECONDS);
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    servers.forEach(GrafeasServerProcess::close);
  }

  @Test
  void failsWritesAsStorageFullAndReopensWithEveryAcknowledgedOccurrence() throws Exception {
    Path store = directory.resolve("data");
    GrafeasGrpc.GrafeasBlockingStub full =
        connect(start(GrafeasServerProcess.of(JAR).fileSizeLimitKiB(FILE_SIZE_LIMIT_KIB), store));
    Note note =
        full.withDeadlineAfter(10, TimeUnit.SECONDS)
            .createNote(
                CreateNoteRequest.newBuilder()
                    .setParent("projects/image-signing")
                    .setNoteId("full-disk")
                    .setNote(Note.newBuilder().setAttestation(AttestationNote.getDefaultInstance()))
                    .build());
    Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    Queue<Status> failures = new ConcurrentLinkedQueue<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.submit(() -> writeUntilFailure(full, note.getName(), writer, acknowledged, failures));
    }
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    // A write in flight when H2 closes its database may wait out the client's deadline instead.
    assertThat(failures)
        .hasSize(WRITERS)
        .allSatisfy(
            status ->
                assertThat(status.getCode() + " " + status.getDescription())
                    .matches(
                        "RESOURCE_EXHAUSTED storage full: .*|UNAVAILABLE storage unavailable: .*"
                            + "|DEADLINE_EXCEEDED .*"))
        .anySatisfy(
            status ->
                assertThat(status.getDescription()).isEqualTo("storage full: File too large"));
    // A read finds an acknowledged occurrence or fails naming storage, never NOT_FOUND.
    assertThat(missing(full, acknowledged))
        .allSatisfy(
            failure ->
                assertThat(failure)
                    .matches(
                        ".*: (RESOURCE_EXHAUSTED storage full|UNAVAILABLE storage unavailable): .*"));

    servers.remove(0).close();
    GrafeasGrpc.GrafeasBlockingStub reopened = connect(start(GrafeasServerProcess.of(JAR), store));
    assertThat(missing(reopened, acknowledged)).isEmpty();
    assertThat(create(reopened, occurrence(note.getName(), WRITERS, 0)).getName()).isNotEmpty();
  }

  /** Alternates single and batch creates, as both paths commit, until one fails. */
  private static void writeUntilFailure(
      GrafeasGrpc.GrafeasBlockingStub grafeas,
      String noteName,
      int writer,
      Queue<String> acknowledged,
      Queue<Status> failures) {
    for (int i = 0; ; i += BATCH) {
      try {
        if (i % (2 * BATCH) == 0) {
          acknowledged.add(create(grafeas, occurrence(noteName, writer, i)).getName());
        } else {
          BatchCreateOccurrencesRequest.Builder batch =
              BatchCreateOccurrencesRequest.newBuilder().setParent("projects/payments");
          IntStream.range(i, i + BATCH)
              .forEach(n -> batch.addOccurrences(occurrence(noteName, writer, n)));
          grafeas
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .batchCreateOccurrences(batch.build())
              .getOccurrencesList()
              .forEach(created -> acknowledged.add(created.getName()));
        }
      } catch (StatusRuntimeException e) {
        failures.add(e.getStatus());
        return;
      }
    }
  }

  private static Occurrence create(GrafeasGrpc.GrafeasBlockingStub grafeas, Occurrence occurrence) {
    return grafeas
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .createOccurrence(
            CreateOccurrenceRequest.newBuilder()
                .setParent("projects/payments")
                .setOccurrence(occurrence)
                .build());
  }

  private static Occurrence occurrence(String noteName, int writer, int n) {
    return Occurrence.newBuilder()
        .setResourceUri("https://gcr.io/w" + writer + "/image@sha256:" + n)
        .setNoteName(noteName)
        .setAttestation(
            AttestationOccurrence.newBuilder()
                .setSerializedPayload(ByteString.copyFromUtf8("payload " + writer + "/" + n)))
        .build();
  }

  /**
   * The acknowledged occurrences {@code grafeas} cannot return. The first read after a failed write
   * may find the database closing; it reopens on the next connection.
   */
  private static List<String> missing(
      GrafeasGrpc.GrafeasBlockingStub grafeas, Queue<String> acknowledged) {
    List<String> missing = new ArrayList<>();
    for (String name : acknowledged) {
      try {
        grafeas
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .getOccurrence(GetOccurrenceRequest.newBuilder().setName(name).build());
      } catch (StatusRuntimeException e) {
        missing.add(name + ": " + e.getStatus().getCode() + " " + e.getStatus().getDescription());
      }
    }
    return missing;
  }

  private GrafeasServerProcess start(GrafeasServerProcess.Options options, Path store) {
    GrafeasServerProcess server = options.in(directory).store(store).start();
    servers.add(server);
    return server;
  }

  private GrafeasGrpc.GrafeasBlockingStub connect(GrafeasServerProcess server) {
    ManagedChannel channel =
        ManagedChannelBuilder.forTarget(server.address()).usePlaintext().build();
    channels.add(channel);
    return GrafeasGrpc.newBlockingStub(channel);
  }
}
