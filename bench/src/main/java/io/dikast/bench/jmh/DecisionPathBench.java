package io.dikast.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.bench.review.AdmissionReviews;
import io.dikast.engine.policy.AttestationCheck;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyEvaluator;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The webhook's decision path without I/O: reading the AdmissionReview (bare Jackson next to the
 * engine's typed workload extraction), listing the checks its images need, and evaluating the
 * policies once the facts are in. The operator's own reader is package-private, so the engine's
 * {@link WorkloadExtractor#readManifest} over the parsed object stands in for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionPathBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Param({"1", "3", "10"})
  int containers;

  private String review;
  private String object;
  private Workload workload;
  private List<Policy> policies;
  private Map<AttestationCheck, AttestationFact> facts;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  @Setup
  public void setUp() throws Exception {
    List<String> images = new ArrayList<>();
    for (int i = 0; i < containers; i++) {
      images.add(AdmissionReviews.pinnedImage("registry.example.com/bench/app-" + i, i + 1));
    }
    review = AdmissionReviews.podCreate("bench", "pod", images);
    object = JSON.readTree(review).path("request").path("object").toString();
    workload = extract(object);
    policies =
        List.of(
            new Policy(
                PolicyKind.IMAGE_SECURITY_POLICY,
                "bench",
                "signed",
                List.of("registry.example.com/allowed/*"),
                List.of("qa", "security"),
                0,
                EnforcementMode.ENFORCE,
                BreakglassMode.ALLOW,
                BackendUnavailableMode.DENY));
    Set<AttestationCheck> checks = evaluator.requiredChecks(workload, policies);
    facts =
        checks.stream()
            .collect(
                Collectors.toMap(
                    Function.identity(), check -> new AttestationFact.Verified("key")));
  }

  /** Bare Jackson: the review as a tree, the floor for any reader. */
  @Benchmark
  public JsonNode parseReviewJackson() throws Exception {
    return JSON.readTree(review);
  }

  /** The review's object as a typed Fabric8 workload with its container images. */
  @Benchmark
  public Workload extractWorkload() throws Exception {
    return extract(JSON.readTree(review).path("request").path("object").toString());
  }

  private static Workload extract(String object) {
    return WorkloadExtractor.readManifest(WorkloadExtractor.parse(object), List.of()).orElseThrow();
  }

  @Benchmark
  public Set<AttestationCheck> requiredChecks() {
    return evaluator.requiredChecks(workload, policies);
  }

  @Benchmark
  public Decision evaluatePolicy() {
    return evaluator.evaluate(workload, policies, facts);
  }
}
