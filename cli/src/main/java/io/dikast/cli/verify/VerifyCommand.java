package io.dikast.cli.verify;

import io.dikast.api.v1.VerificationResult;
import io.dikast.cli.CliException;
import io.dikast.cli.ExitCode;
import io.dikast.cli.grafeas.GrafeasOptions;
import io.dikast.cli.output.OutputOptions;
import io.dikast.cli.output.Printer;
import io.dikast.cli.output.Progress;
import io.dikast.cli.registry.RegistryOptions;
import io.dikast.engine.policy.Decision;
import io.dikast.engine.workload.Workload;
import io.dikast.engine.workload.WorkloadExtractor;
import io.dikast.verifier.decision.WorkloadVerifier;
import io.dikast.verifier.grafeas.GrafeasAttestationSource;
import io.dikast.verifier.grafeas.GrafeasClientSettings;
import io.dikast.verifier.grafeas.GrafeasConnection;
import io.dikast.verifier.grafeas.GrafeasProvenanceSource;
import io.dikast.verifier.grafeas.GrafeasVulnerabilitySource;
import io.dikast.verifier.registry.JibCosignSignatureSource;
import io.grpc.Deadline;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dikast verify}: the webhook's decision for workload manifests, from policy manifests and
 * Grafeas, before anything reaches a cluster.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Decide, as the Dikast webhook would, whether workloads would be admitted.",
      "Reads Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob and"
          + " ReplicationController manifests, and those of any other kind that carries a pod spec"
          + " (spec.containers, spec.template.spec, spec.jobTemplate.spec.template.spec, or where"
          + " a policy's podSpecKinds says), the ImageSecurityPolicy, GenericAttestationPolicy"
          + " and AttestationAuthority manifests that apply to them, and asks Grafeas for the"
          + " attestations (and registries for the cosign signatures of authorities with a cosign"
          + " source). Prints the webhook's messages per workload and image.",
      "With --cluster, a running operator decides instead, from the cluster's live policies.",
      "Exit codes: 0 every workload admitted, 1 some workload denied, 2 usage, configuration or"
          + " malformed input."
    })
public final class VerifyCommand implements Callable<Integer> {

  /** What {@code --output json} prints. */
  record Result(boolean allowed, List<WorkloadVerdict> workloads, List<Skipped> skipped) {}

  // Each Grafeas call has its own deadline (--grafeas-timeout); this only bounds a whole workload.
  private static final long WORKLOAD_BUDGET_MINUTES = 10;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE|DIR|-",
      description =
          "Workload manifests: a YAML or JSON file (several documents allowed), a directory of"
              + " them, or - for standard input. Repeatable.")
  private List<Path> workloadPaths;

  @Option(
      names = "--policies",
      paramLabel = "FILE|DIR",
      description =
          "ImageSecurityPolicy, GenericAttestationPolicy and AttestationAuthority manifests: a"
              + " file or a directory. Repeatable. Required unless --cluster.")
  private List<Path> policyPaths = List.of();

  @Option(
      names = "--cluster",
      description =
          "Ask a running operator (--operator) instead: the cluster's live policies, authorities"
              + " and keys decide, through dikast.v1.VerificationService over TLS.")
  private boolean cluster;

  @Mixin private OperatorOptions operator;

  @Option(
      names = {"-n", "--namespace"},
      defaultValue = "default",
      description =
          "Namespace of manifests that name none, workloads and policies alike (default:"
              + " default). Policies apply to workloads of their own namespace, as in a cluster.")
  private String namespace = "default";

  @Mixin private GrafeasOptions grafeas;

  @Mixin private RegistryOptions registry;

  @Mixin private OutputOptions output;

  private final InputStream stdin = System.in;

  @Override
  public Integer call() {
    if (cluster && !policyPaths.isEmpty()) {
      throw CliException.usage(
          "--policies and --cluster exclude each other: the operator answers with the cluster's"
              + " policies");
    }
    if (!cluster && policyPaths.isEmpty()) {
      throw CliException.usage("no policies given; pass --policies FILE|DIR, or --cluster");
    }
    List<Skipped> skipped = new ArrayList<>();
    LocalPolicies policies =
        PolicyDocuments.read(
            ManifestFiles.read(policyPaths, "policy file", stdin), namespace, skipped);
    List<LocatedWorkload> workloads = new ArrayList<>();
    for (ManifestDocument document : ManifestFiles.read(workloadPaths, "manifest", stdin)) {
      workload(document, policies, skipped).ifPresent(workloads::add);
    }
    if (workloads.isEmpty()) {
      throw CliException.usage(
          "no workload to verify in "
              + workloadPaths.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
    List<WorkloadVerdict> verdicts =
        cluster ? askCluster(workloads) : decide(workloads, policies, grafeas.settings());
    boolean allowed = verdicts.stream().allMatch(WorkloadVerdict::allowed);
    new Printer(spec.commandLine().getOut(), output.format())
        .print(new Result(allowed, verdicts, skipped), text(verdicts, skipped));
    return allowed ? ExitCode.OK : ExitCode.DENIED;
  }

  private Optional<LocatedWorkload> workload(
      ManifestDocument document, LocalPolicies policies, List<Skipped> skipped) {
    String own = document.object().path("metadata").path("namespace").asText("");
    String placed = own.isEmpty() ? namespace : own;
    Optional<Workload> read;
    try {
      read = WorkloadExtractor.readManifest(document.object(), policies.podSpecKinds(placed));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          document.source() + ": not a valid " + document.kind() + ": " + firstLine(e), e);
    }
    if (read.isEmpty()) {
      skipped.add(
          new Skipped(document.source(), "kind " + document.groupKind() + " carries no pod spec"));
      return Optional.empty();
    }
    return Optional.of(new LocatedWorkload(document, read.get().inNamespace(placed)));
  }

  private List<WorkloadVerdict> decide(
      List<LocatedWorkload> workloads, LocalPolicies policies, GrafeasClientSettings settings) {
    List<WorkloadVerdict> verdicts = new ArrayList<>();
    try (GrafeasConnection connection = connect(settings);
        JibCosignSignatureSource signatures = new JibCosignSignatureSource();
        Progress.Step step =
            Progress.on(spec.commandLine().getErr(), output.format())
                .step("asking Grafeas at " + settings.address() + " for attestations")) {
      WorkloadVerifier verifier =
          new WorkloadVerifier(
              new GrafeasAttestationSource(connection),
              new GrafeasProvenanceSource(connection),
              new GrafeasVulnerabilitySource(connection),
              signatures,
              registry.credentials(System.getenv()));
      for (LocatedWorkload located : workloads) {
        Workload workload = located.workload();
        Decision decision =
            verifier.decide(
                workload,
                policies.policies(workload.namespace()),
                policies.authorities(workload.namespace()),
                Deadline.after(WORKLOAD_BUDGET_MINUTES, TimeUnit.MINUTES));
        verdicts.add(WorkloadVerdict.of(located.document().source(), workload, decision));
      }
    }
    return verdicts;
  }

  private List<WorkloadVerdict> askCluster(List<LocatedWorkload> workloads) {
    List<WorkloadVerdict> verdicts = new ArrayList<>();
    try (ClusterVerifier verifier = ClusterVerifier.connect(operator);
        Progress.Step step =
            Progress.on(spec.commandLine().getErr(), output.format())
                .step("asking the operator at " + verifier.address())) {
      for (LocatedWorkload located : workloads) {
        Workload workload = located.workload();
        VerificationResult result = verifier.decide(located.document(), workload.namespace());
        verdicts.add(
            WorkloadVerdict.of(
                located.document().source(),
                workload,
                result.getAllowed(),
                result.getDenialsList(),
                result.getWarningsList()));
      }
    }
    return verdicts;
  }

  private static GrafeasConnection connect(GrafeasClientSettings settings) {
    try {
      return new GrafeasConnection(settings);
    } catch (UncheckedIOException e) {
      throw CliException.usage(
          "cannot load the Grafeas TLS files: " + e.getCause().getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage("cannot load the Grafeas TLS files: " + firstLine(e), e);
    }
  }

  private static String text(List<WorkloadVerdict> verdicts, List<Skipped> skipped) {
    List<String> lines = new ArrayList<>();
    verdicts.forEach(verdict -> lines.add(verdict.text()));
    skipped.forEach(skip -> lines.add("skipped " + skip.source() + ": " + skip.reason()));
    return String.join("\n", lines);
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private record LocatedWorkload(ManifestDocument document, Workload workload) {}
}
