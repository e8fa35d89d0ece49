package io.dikast.bench.memory;

import static org.awaitility.Awaitility.await;

import io.dikast.bench.Loopback;
import io.dikast.bench.ServingCertificate;
import io.dikast.bench.review.AdmissionReviews;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.quickstart.ChildProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Issue 9's memory scenario against a real API server: the policy set of {@link PolicySet}, the
 * operator in cluster mode sized as the chart sizes it, its memory after every policy is Ready,
 * after a continuous-validation run over the 10,000 pods, and after 10,000 distinct admissions.
 */
public final class MemoryScenario {

  private static final List<String> CRDS =
      List.of(
          "attestationauthorities.kritis.grafeas.io",
          "imagesecuritypolicies.kritis.grafeas.io",
          "genericattestationpolicies.kritis.grafeas.io",
          "clusterimagesecuritypolicies.kritis.grafeas.io",
          "kritisconfigs.kritis.grafeas.io");
  private static final int ADMISSIONS = 10_000;
  private static final int ADMISSIONS_IN_FLIGHT = 16;
  // The first run asks Grafeas once per (authority, digest) fact, about 10,000 times: at the
  // chart's 20/s that alone is over 8 minutes, which measures the pacer and not memory. The second
  // run finds the facts cached, and cached facts take no permit at any rate.
  private static final String VALIDATION_RATE = "2000";
  private static final String MISSES = "dikast_verification_cache_misses_total";

  private final Path checkout;
  private final Map<String, String> facts = new LinkedHashMap<>();

  public MemoryScenario(Path checkout) {
    this.checkout = checkout;
  }

  /** Runs the scenario and returns the Markdown section for the report. */
  public String run(Path results) throws IOException, InterruptedException {
    Path root = Files.createTempDirectory("dikast-bench-memory-");
    List<MemoryPoint> points = new ArrayList<>();
    try (LocalCluster cluster = LocalCluster.start();
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml()))
                .build()) {
      Path kubeconfig = Files.writeString(root.resolve("kubeconfig"), cluster.kubeconfigYaml());
      installCrds(client);
      Instant setup = Instant.now();
      new PolicySet(client).create();
      facts.put("setup (namespaces, authorities, policies, pods)", since(setup));
      ChartSizing sizing = ChartSizing.read(checkout);
      facts.put("JVM (the chart's operator container)", String.join(" ", sizing.jvmArguments()));
      int grafeasPort = Loopback.freePort();
      try (ChildProcess grafeas = startGrafeas(root, grafeasPort);
          ClusterOperator operator =
              ClusterOperator.start(
                  checkout.resolve("operator/target/quarkus-app/quarkus-run.jar"),
                  sizing,
                  kubeconfig,
                  List.of(
                      "-Ddikast.grafeas.address=127.0.0.1:" + grafeasPort,
                      "-Ddikast.validation.grafeas-requests-per-second=" + VALIDATION_RATE,
                      // The pods' images are not attested: their facts are "not verified", which
                      // live 30 s by default, less than the first run; kept, the second run
                      // meets every fact cached, which is what it measures.
                      "-Ddikast.cache.negative-ttl=10m"),
                  ServingCertificate.write(root),
                  Loopback.freePort(),
                  Loopback.freePort(),
                  results.resolve("operator.log"))) {
        Instant started = Instant.now();
        awaitAllPolicies(client, MemoryScenario::ready, Duration.ofMinutes(10));
        facts.put("operator ready (HTTPS) until 1,000 policies Ready", since(started));
        points.add(operator.measure("policies Ready", results.resolve("nmt-ready.txt")));
        validationRun(client, operator, "first validation run over 10,000 pods (facts not cached)");
        validationRun(client, operator, "second validation run (facts cached)");
        points.add(
            operator.measure("after the validation run", results.resolve("nmt-validated.txt")));
        Instant admissions = Instant.now();
        admit(operator);
        facts.put("10,000 admissions", since(admissions));
        points.add(
            operator.measure("after 10,000 admissions", results.resolve("nmt-admitted.txt")));
      }
    } finally {
      removeTree(root);
    }
    return MemoryTable.markdown(points, facts);
  }

  private static void removeTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private ChildProcess startGrafeas(Path root, int grafeasPort) throws IOException {
    ChildProcess grafeas =
        ChildProcess.start(
            "Grafeas server",
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + grafeasPort,
                "-Ddikast.grafeas.storage.embedded.path="
                    + Files.createDirectories(root.resolve("grafeas-data")),
                "-jar",
                checkout.resolve("grafeas-server/target/quarkus-app/quarkus-run.jar").toString()),
            root.resolve("grafeas-server.log"));
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create("http://127.0.0.1:" + grafeasPort + "/q/health/ready");
    grafeas.awaitReady(() -> Loopback.answers(http, ready), Duration.ofMinutes(2));
    return grafeas;
  }

  private static void installCrds(KubernetesClient client) throws IOException {
    for (String name : CRDS) {
      String resource = "/crds/" + name + "-v1.yml";
      try (InputStream in = MemoryScenario.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the classpath (dikast-crds)");
        }
        // Not server-side apply: a 1.20 API server refuses x-kubernetes-validations, create drops
        // it.
        client
            .resource(Serialization.unmarshal(in, CustomResourceDefinition.class))
            .createOr(NonDeletingOperation::update);
      }
    }
    await()
        .atMost(Duration.ofMinutes(1))
        .until(() -> CRDS.stream().allMatch(name -> established(client, name)));
  }

  private static boolean established(KubernetesClient client, String name) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static void awaitAllPolicies(
      KubernetesClient client, Predicate<ImageSecurityPolicy> done, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () ->
                client
                        .resources(ImageSecurityPolicy.class)
                        .inAnyNamespace()
                        .list()
                        .getItems()
                        .stream()
                        .filter(done)
                        .count()
                    == (long) PolicySet.NAMESPACES * PolicySet.POLICIES_PER_NAMESPACE);
  }

  private static boolean ready(ImageSecurityPolicy policy) {
    return condition(policy, "Ready").filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  private static boolean validatedSince(ImageSecurityPolicy policy, Instant since) {
    String last = policy.getStatus() == null ? null : policy.getStatus().getLastValidationTime();
    return last != null && !Instant.parse(last).isBefore(since.truncatedTo(ChronoUnit.SECONDS));
  }

  private static Optional<Condition> condition(ImageSecurityPolicy policy, String type) {
    if (policy.getStatus() == null || policy.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return policy.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  private void validationRun(KubernetesClient client, ClusterOperator operator, String name)
      throws InterruptedException {
    // lastValidationTime has whole seconds: start in a second after the previous run's end.
    TimeUnit.MILLISECONDS.sleep(1_100);
    double misses = operator.metric(MISSES);
    Instant start = Instant.now();
    triggerValidation(client, start);
    awaitAllPolicies(client, p -> validatedSince(p, start), Duration.ofMinutes(20));
    facts.put(
        name,
        "%s, %.0f Grafeas lookups (cache misses)"
            .formatted(since(start), operator.metric(MISSES) - misses));
  }

  private static void triggerValidation(KubernetesClient client, Instant start) {
    client
        .resources(ImageSecurityPolicy.class)
        .inNamespace(PolicySet.namespaces().get(0))
        .withName("p0")
        .edit(
            policy -> {
              policy
                  .getMetadata()
                  .getAnnotations()
                  .put("kritis.grafeas.io/revalidate", "bench-" + start.toEpochMilli());
              return policy;
            });
  }

  /** 10,000 reviews of distinct pods and distinct digests, none attested: each one a denial. */
  private void admit(ClusterOperator operator) throws InterruptedException {
    URI validate = operator.webhook().resolve("/validate");
    Semaphore slots = new Semaphore(ADMISSIONS_IN_FLIGHT);
    AtomicInteger denied = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    List<String> namespaces = PolicySet.namespaces();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < ADMISSIONS; i++) {
      String body =
          AdmissionReviews.podCreate(
              namespaces.get(i % namespaces.size()),
              "admitted-" + i,
              List.of(
                  AdmissionReviews.pinnedImage(
                      "registry.example.com/admitted/app", 1_000_000L + i)));
      HttpRequest request =
          HttpRequest.newBuilder(validate)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(30))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      slots.acquire();
      sent.add(
          operator
              .https()
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (answer, failure) -> {
                    slots.release();
                    if (failure == null
                        && answer.statusCode() == 200
                        && answer.body().contains("\"allowed\":false")) {
                      denied.incrementAndGet();
                    } else {
                      other.incrementAndGet();
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    facts.put("admissions denied / other answers", denied.get() + " / " + other.get());
  }

  private static String since(Instant start) {
    return Duration.between(start, Instant.now()).toSeconds() + " s";
  }
}
