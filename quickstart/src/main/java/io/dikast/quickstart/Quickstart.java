package io.dikast.quickstart;

import io.dikast.engine.signing.GeneratedPgpKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed article's story, played against a real Grafeas server and the real webhook endpoint: the
 * note, the denied pod, the signature, the admitted pod, the break-glass. Each step checks its
 * result and stops the story with a {@link StoryFailure} when it is not the expected one.
 */
final class Quickstart {

  static final String NOTE = "projects/image-signing/notes/qa";
  static final String IMAGE =
      "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .build());

  private final Transcript transcript;
  private final Cleanup cleanup;
  private final Workspace workspace;
  private final Jars jars;
  private final String java = ProcessHandle.current().info().command().orElse("java");
  private String grafeas;
  private Path keyFile;
  private Webhook webhook;

  Quickstart(Transcript transcript, Cleanup cleanup, Workspace workspace, Jars jars) {
    this.transcript = transcript;
    this.cleanup = cleanup;
    this.workspace = workspace;
    this.jars = jars;
  }

  void play() {
    transcript.title(
        "Dikast quickstart: the Kritis article's story on this machine, with no cluster.\n"
            + "Everything below runs under "
            + workspace.root()
            + " and is removed at the end.");
    startGrafeas();
    createNote();
    GeneratedPgpKey key = generateKey();
    Path policies = writePolicies(key);
    startOperator(policies);
    expectDenied(pod("payment-pod.yaml"));
    sign();
    expectAdmitted(pod("payment-pod.yaml"));
    expectBreakglass(pod("hotfix-pod.yaml"));
  }

  private void startGrafeas() {
    int port = FreePort.find();
    grafeas = "127.0.0.1:" + port;
    transcript.step(
        "Start a Grafeas server, the store of attestations, on its embedded file store.");
    List<String> command =
        List.of(
            java,
            "-Xmx256m",
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.http.port=" + port,
            "-Ddikast.grafeas.storage.embedded.path=" + workspace.directory("grafeas-data"),
            "-jar",
            jars.grafeasServer().toString());
    transcript.command(
        "java -Dquarkus.http.port="
            + port
            + " -jar grafeas-server/target/quarkus-app/quarkus-run.jar");
    ChildProcess server =
        cleanup.add(
            ChildProcess.start(
                "Grafeas server", command, workspace.root().resolve("grafeas-server.log")));
    URI health = URI.create("http://" + grafeas + "/q/health/ready");
    server.awaitReady(() -> answers(health), STARTUP);
    transcript.result("Grafeas v1 is serving gRPC and REST on " + grafeas + ".");
  }

  private void createNote() {
    transcript.step(
        "The QA team creates its attestation authority's note, " + NOTE + ", in Grafeas.");
    DikastCommandLine.Result result =
        dikast(
            "note",
            "create",
            "--grafeas",
            grafeas,
            "--project",
            "image-signing",
            "--note",
            "qa",
            "--description",
            "Images the QA team has tested");
    transcript.result(result.out());
  }

  private GeneratedPgpKey generateKey() {
    transcript.step("The QA engineer makes a signing key (here with Bouncy Castle).");
    transcript.command("gpg --quick-generate-key --yes qa_bob@example.com");
    GeneratedPgpKey key = QaSigningKey.generate("QA Bob <qa_bob@example.com>");
    Path keys = workspace.directory("keys");
    keyFile = workspace.write(keys.resolve("qa.key.asc"), key.armoredSecretKey());
    workspace.write(keys.resolve("qa.pub.asc"), key.armoredPublicKey());
    transcript.result("RSA 3072 OpenPGP key " + key.fingerprint() + " for " + key.userId());
    return key;
  }

  private Path writePolicies(GeneratedPgpKey key) {
    transcript.step(
        "The cluster trusts that key for the qa note (an AttestationAuthority), and the payments"
            + " namespace requires the qa attestation (an ImageSecurityPolicy).");
    Path policies = workspace.directory("policies");
    DikastCommandLine.Result authority =
        dikast(
            "authority",
            "--name",
            "qa",
            "--namespace",
            "payments",
            "--note",
            NOTE,
            "--pgp-public-key",
            workspace.root().resolve("keys/qa.pub.asc").toString());
    workspace.write(policies.resolve("authority.yaml"), authority.out());
    transcript.text(
        "(prints the AttestationAuthority manifest with the armored public key; saved as"
            + " authority.yaml)");
    String policy = resource("policy.yaml");
    workspace.write(policies.resolve("policy.yaml"), policy);
    transcript.command("kubectl apply -f policy.yaml");
    transcript.text(policy);
    transcript.result(
        "AttestationAuthority payments/qa trusts key "
            + key.fingerprint()
            + "; ImageSecurityPolicy payments/qa-only requires its attestation.");
    return policies;
  }

  private void startOperator(Path policies) {
    int port = FreePort.find();
    Path caFile = workspace.root().resolve("webhook-ca.crt");
    transcript.step(
        "Start the Dikast operator in standalone mode: the same admission webhook as in a cluster,"
            + " its policies read from those manifests instead of the Kubernetes API.");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx384m",
            "-Dquarkus.profile=standalone",
            "-Dquarkus.http.ssl-port=" + port,
            "-Ddikast.standalone.policies=" + policies,
            "-Ddikast.standalone.ca-file=" + caFile,
            "-Ddikast.grafeas.address=" + grafeas,
            // A cluster remembers "not attested" for 30 s; the story signs right after a denial.
            "-Ddikast.cache.negative-ttl=0s",
            "-jar",
            jars.operator().toString()));
    transcript.command(
        "java -Dquarkus.profile=standalone -Ddikast.standalone.policies=policies/"
            + " -Ddikast.grafeas.address="
            + grafeas
            + " -jar operator/target/quarkus-app/quarkus-run.jar");
    ChildProcess operator =
        cleanup.add(
            ChildProcess.start("operator", command, workspace.root().resolve("operator.log")));
    URI base = URI.create("https://127.0.0.1:" + port);
    operator.awaitReady(
        () -> Files.isRegularFile(caFile) && webhook(base, caFile).ready(), STARTUP);
    transcript.result(
        "The webhook answers on "
            + webhook.validateUri()
            + " (HTTPS, a certificate made at start).");
  }

  private void expectDenied(JsonNode pod) {
    transcript.step(
        "Deploy the PaymentProcessor pod before QA has attested its image. The API server sends"
            + " the webhook an AdmissionReview for it.");
    transcript.command("kubectl apply -f payment.yaml");
    transcript.text(yaml(pod));
    AdmissionAnswer answer = webhook.create(pod, "qa_bob@example.com");
    if (answer.allowed() || !answer.message().contains("no valid attestation by authority qa")) {
      throw new StoryFailure("the unattested pod was expected to be denied; got " + answer);
    }
    transcript.result("DENIED: " + answer.message());
  }

  private void sign() {
    transcript.step(
        "The QA engineer signs the image digest and uploads the signature to Grafeas as an"
            + " ATTESTATION occurrence on the qa note.");
    DikastCommandLine.Result result =
        dikast(
            "sign",
            "--grafeas",
            grafeas,
            "--image",
            IMAGE,
            "--note",
            NOTE,
            "--key",
            keyFile.toString());
    transcript.result(result.out());
  }

  private void expectAdmitted(JsonNode pod) {
    transcript.step("Deploy the same pod again, now that its digest is attested.");
    transcript.command("kubectl apply -f payment.yaml");
    AdmissionAnswer answer = webhook.create(pod, "qa_bob@example.com");
    if (!answer.allowed()) {
      throw new StoryFailure("the attested pod was expected to be admitted; got " + answer);
    }
    transcript.result("ADMITTED: pod \"payment\" created");
  }

  private void expectBreakglass(JsonNode pod) {
    transcript.step(
        "An emergency: a hotfix image nobody has attested yet, deployed with the break-glass"
            + " annotation kritis.grafeas.io/breakglass: \"true\".");
    transcript.command("kubectl apply -f payment-hotfix.yaml");
    transcript.text(yaml(pod));
    AdmissionAnswer answer = webhook.create(pod, "oncall@example.com");
    if (!answer.allowed()
        || answer.warnings().stream().noneMatch(w -> w.contains("admitted under break-glass"))) {
      throw new StoryFailure(
          "the break-glass pod was expected to be admitted with a warning; got " + answer);
    }
    transcript.result(
        "ADMITTED with a warning (kubectl prints it; the operator's log keeps an audit line):\n"
            + String.join("\n", answer.warnings()));
  }

  private Webhook webhook(URI base, Path caFile) {
    if (webhook == null) {
      webhook = new Webhook(base, caFile);
    }
    return webhook;
  }

  private DikastCommandLine.Result dikast(String... arguments) {
    transcript.command("dikast " + String.join(" ", shortened(arguments)));
    DikastCommandLine.Result result = DikastCommandLine.run(List.of(arguments));
    if (result.exitCode() != 0) {
      throw new StoryFailure(
          "dikast "
              + arguments[0]
              + " exited with "
              + result.exitCode()
              + ": "
              + result.err().strip());
    }
    return result;
  }

  // Paths under the temporary directory are printed relative to it, so commands read as typed.
  private List<String> shortened(String... arguments) {
    String root = workspace.root() + "/";
    return List.of(arguments).stream()
        .map(argument -> argument.replace(root, ""))
        .map(argument -> argument.contains(" ") ? "'" + argument + "'" : argument)
        .toList();
  }

  private boolean answers(URI uri) {
    try {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
      return HttpClient.newHttpClient()
              .send(request, HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonNode pod(String name) {
    try {
      return YAML.readTree(resource(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = Quickstart.class.getResourceAsStream("/story/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
