package io.dikast.grafeas.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.grafeas.testing.HttpJson;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.CreateNoteRequest;
import io.grafeas.v1.GetNoteRequest;
import io.grafeas.v1.GrafeasGrpc;
import io.grafeas.v1.Note;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(SecuredServerProfile.class)
class SecuredServerTest {

  @TestHTTPResource(value = "/", tls = true)
  URL url;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private final Path pki = SecuredServerProfile.directory();
  private final String project = "projects/secure-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void closeChannels() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void removeCertificates() throws IOException {
    try (Stream<Path> files = Files.walk(SecuredServerProfile.directory())) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    System.clearProperty("dikast.test.secured-server.dir");
  }

  private GrafeasGrpc.GrafeasBlockingStub grafeas(String client, String token) throws IOException {
    SslContextBuilder ssl =
        GrpcSslContexts.forClient().trustManager(pki.resolve("ca.crt").toFile());
    if (client != null) {
      ssl.keyManager(pki.resolve(client + ".crt").toFile(), pki.resolve(client + ".key").toFile());
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("localhost", url.getPort()).sslContext(ssl.build()).build();
    channels.add(channel);
    GrafeasGrpc.GrafeasBlockingStub stub =
        GrafeasGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    if (token == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private CreateNoteRequest note(String id, String description) {
    return CreateNoteRequest.newBuilder()
        .setParent(project)
        .setNoteId(id)
        .setNote(
            Note.newBuilder()
                .setShortDescription(description)
                .setAttestation(AttestationNote.getDefaultInstance()))
        .build();
  }

  @Test
  void servesGrpcOverTlsToAClientWithCertificateAndToken() throws IOException {
    GrafeasGrpc.GrafeasBlockingStub grafeas = grafeas("client", SecuredServerProfile.token());

    Note created = grafeas.createNote(note("qa", "QA"));

    assertThat(grafeas.getNote(GetNoteRequest.newBuilder().setName(created.getName()).build()))
        .isEqualTo(created);
  }

  @Test
  void refusesGrpcWithoutOrWithAWrongToken() throws IOException {
    assertStatus(
        () -> grafeas("client", null).createNote(note("qa", "QA")),
        Status.Code.UNAUTHENTICATED,
        "a valid bearer token is required");
    assertStatus(
        () -> grafeas("client", "guess").createNote(note("qa", "QA")),
        Status.Code.UNAUTHENTICATED,
        "a valid bearer token is required");
  }

  @Test
  void refusesGrpcClientsWithoutATrustedCertificate() throws IOException {
    GrafeasGrpc.GrafeasBlockingStub anonymous = grafeas(null, SecuredServerProfile.token());
    GrafeasGrpc.GrafeasBlockingStub rogue = grafeas("rogue-client", SecuredServerProfile.token());

    assertThatThrownBy(() -> anonymous.createNote(note("qa", "QA")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThatThrownBy(() -> rogue.createNote(note("qa", "QA")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void refusesGrpcMessagesOverTheLimit() throws IOException {
    String large = "x".repeat(SecuredServerProfile.LIMIT + 1);

    assertThatThrownBy(
            () -> grafeas("client", SecuredServerProfile.token()).createNote(note("big", large)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
  }

  @Test
  void servesRestOverTlsToAClientWithCertificateAndToken() {
    Curl reply =
        curl(
            "client",
            SecuredServerProfile.token(),
            "/v1/" + project + "/notes?noteId=qa",
            "{\"attestation\":{}}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(HttpJson.parse(reply.body()).get("name").asText()).isEqualTo(project + "/notes/qa");
  }

  @Test
  void refusesRestWithoutTokenInTheErrorShape() {
    Curl reply =
        curl("client", null, "/v1/" + project + "/notes?noteId=qa", "{\"attestation\":{}}");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(HttpJson.parse(reply.body()))
        .isEqualTo(
            HttpJson.parse(
                "{\"error\":{\"code\":401,\"message\":\"a valid bearer token is required\","
                    + "\"status\":\"UNAUTHENTICATED\"}}"));
  }

  @Test
  void refusesRestBodiesOverTheLimit() {
    String body = "{\"shortDescription\":\"" + "x".repeat(SecuredServerProfile.LIMIT) + "\"}";

    Curl reply =
        curl("client", SecuredServerProfile.token(), "/v1/" + project + "/notes?noteId=big", body);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(HttpJson.parse(reply.body()))
        .isEqualTo(
            HttpJson.parse(
                "{\"error\":{\"code\":413,\"message\":\"request body of "
                    + body.length()
                    + " bytes exceeds the limit of 65536 bytes\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
  }

  @Test
  void refusesRestClientsWithoutATrustedCertificate() {
    assertThat(curl(null, SecuredServerProfile.token(), "/q/health/live", null).status()).isZero();
    assertThat(curl("rogue-client", SecuredServerProfile.token(), "/q/health/live", null).status())
        .isZero();
  }

  @Test
  void exemptsHealthEndpointsFromTheToken() {
    assertThat(curl("client", null, "/q/health/live", null).status()).isEqualTo(200);
    assertThat(curl("client", null, "/q/health/ready", null).status()).isEqualTo(200);
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String description) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).isEqualTo(description);
            });
  }

  /** An HTTP status of 0 means curl got no response: the TLS handshake was refused. */
  record Curl(int status, String body) {}

  private Curl curl(String client, String token, String path, String body) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "20",
                "--cacert",
                pki.resolve("ca.crt").toString(),
                "-o",
                "-",
                "-w",
                "\n%{http_code}"));
    if (client != null) {
      command.addAll(
          List.of(
              "--cert",
              pki.resolve(client + ".crt").toString(),
              "--key",
              pki.resolve(client + ".key").toString()));
    }
    if (token != null) {
      command.addAll(List.of("-H", "Authorization: Bearer " + token));
    }
    if (body != null) {
      command.addAll(List.of("--data-binary", "@-"));
    }
    command.add("https://localhost:" + url.getPort() + path);
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      if (body != null) {
        try (var stdin = process.getOutputStream()) {
          stdin.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("curl did not finish");
      }
      int split = output.lastIndexOf('\n');
      return new Curl(
          Integer.parseInt(output.substring(split + 1).strip()), output.substring(0, split));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
