package io.dikast.cli.grafeas;

import io.dikast.cli.Channels;
import io.dikast.cli.CliException;
import io.dikast.verifier.grafeas.BearerTokenCredentials;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.CreateOccurrenceRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The Grafeas calls the CLI makes, each with its own deadline; gRPC failures become one-line {@link
 * CliException}s that name the server.
 */
public final class GrafeasClient implements AutoCloseable {

  private final ManagedChannel channel;
  private final GrafeasGrpc.GrafeasBlockingStub stub;
  private final String address;
  private final int timeoutSeconds;

  private GrafeasClient(
      ManagedChannel channel, GrafeasGrpc.GrafeasBlockingStub stub, String address, int timeout) {
    this.channel = channel;
    this.stub = stub;
    this.address = address;
    this.timeoutSeconds = timeout;
  }

  public static GrafeasClient connect(GrafeasOptions options) {
    GrafeasClientSettings settings = options.settings();
    settings.tokenFile().ifPresent(GrafeasClient::requireToken);
    ManagedChannel channel = GrafeasChannels.open(settings);
    GrafeasGrpc.GrafeasBlockingStub stub = GrafeasGrpc.newBlockingStub(channel);
    if (settings.tokenFile().isPresent()) {
      stub = stub.withCallCredentials(new BearerTokenCredentials(settings.tokenFile().get()));
    }
    return new GrafeasClient(channel, stub, settings.address(), options.timeoutSeconds);
  }

  public String address() {
    return address;
  }

  /**
   * Creates the note unless one of that name exists.
   *
   * @return false when the note already existed
   */
  public boolean createNote(NoteName name, Note note) {
    try {
      deadlined()
          .createNote(
              CreateNoteRequest.newBuilder()
                  .setParent(name.projectName())
                  .setNoteId(name.noteId())
                  .setNote(note)
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw failure(e, "create note " + name);
    }
  }

  /** Files the occurrence under {@code projects/<project>} and returns it with its name. */
  public Occurrence createOccurrence(String project, Occurrence occurrence) {
    try {
      return deadlined()
          .createOccurrence(
              CreateOccurrenceRequest.newBuilder()
                  .setParent("projects/" + project)
                  .setOccurrence(occurrence)
                  .build());
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND || code == Status.Code.FAILED_PRECONDITION) {
        NoteName note = NoteName.parse("note", occurrence.getNoteName());
        throw CliException.usage(
            "Grafeas at "
                + address
                + " refused the attestation: "
                + reason(e.getStatus())
                + " (create a missing note with 'dikast note create --project "
                + note.project()
                + " --note "
                + note.noteId()
                + "')",
            e);
      }
      throw failure(e, "upload the attestation");
    }
  }

  private GrafeasGrpc.GrafeasBlockingStub deadlined() {
    return stub.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS);
  }

  private CliException failure(StatusRuntimeException e, String action) {
    Status status = e.getStatus();
    String message =
        switch (status.getCode()) {
          case UNAVAILABLE -> "cannot reach Grafeas at " + address + ": " + reason(status);
          case DEADLINE_EXCEEDED ->
              "Grafeas at " + address + " did not answer within " + timeoutSeconds + " s";
          case UNAUTHENTICATED, PERMISSION_DENIED ->
              "Grafeas at " + address + " refused the credentials: " + reason(status);
          default -> "Grafeas at " + address + " could not " + action + ": " + reason(status);
        };
    return CliException.usage(message, e);
  }

  /** Why a gRPC call failed, in one line: the network or TLS cause when there is one. */
  public static String reason(Status status) {
    Throwable root = status.getCause();
    boolean tls = false;
    while (root != null && root.getCause() != null) {
      tls |= root instanceof SSLException;
      root = root.getCause();
    }
    if (root instanceof ConnectException) {
      return "connection refused";
    }
    if (root instanceof UnknownHostException) {
      return "unknown host";
    }
    if (tls || root instanceof SSLException) {
      return "TLS handshake failed: " + firstLine(root.getMessage());
    }
    String description = status.getDescription();
    return description == null || description.isBlank()
        ? status.getCode().toString()
        : firstLine(description);
  }

  // gRPC descriptions may append diagnostics such as netty's pipeline on further lines.
  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  private static void requireToken(Path file) {
    try {
      if (Files.readString(file, StandardCharsets.UTF_8).isBlank()) {
        throw CliException.usage("Grafeas token file " + file + " is empty");
      }
    } catch (IOException e) {
      throw CliException.usage("cannot read Grafeas token file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    Channels.close(channel);
  }
}
