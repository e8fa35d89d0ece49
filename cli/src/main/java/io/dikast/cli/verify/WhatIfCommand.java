package io.dikast.cli.verify;

import io.dikast.api.v1.DeniedPod;
import io.dikast.api.v1.WhatIfResult;
import io.dikast.cli.CliException;
import io.dikast.cli.ExitCode;
import io.dikast.cli.output.OutputOptions;
import io.dikast.cli.output.Printer;
import io.dikast.cli.output.Progress;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dikast what-if}: which running pods a policy would deny if it were applied and enforced,
 * answered by the operator from the cluster's running pods and authorities, before the policy is
 * applied.
 */
@Command(
    name = "what-if",
    mixinStandardHelpOptions = true,
    description = {
      "Ask a running operator which running pods of the namespace an ImageSecurityPolicy or"
          + " GenericAttestationPolicy would deny if it were applied and enforced (a DryRun one"
          + " too). The policy is not applied; nothing is denied or marked.",
      "Exit codes: 0 no running pod would be denied, 1 some would, 2 usage, configuration or"
          + " malformed input."
    })
public final class WhatIfCommand implements Callable<Integer> {

  /** What {@code --output json} prints: one answer per policy document. */
  record Result(List<PolicyAnswer> policies) {}

  /** One policy's answer. */
  record PolicyAnswer(
      String source,
      String policy,
      int pods,
      int wouldDeny,
      int unknown,
      List<Denied> deniedPods) {}

  /** A pod the policy would deny, with the denial admission would answer. */
  record Denied(String pod, String reason) {}

  @Spec private CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE|DIR|-",
      description =
          "Policy manifests: ImageSecurityPolicy or GenericAttestationPolicy documents (other"
              + " documents are skipped), a file, a directory or - for standard input.")
  private List<Path> policyPaths;

  @Option(
      names = "--cluster",
      required = true,
      description =
          "Ask the running operator (--operator): its view of the cluster's running pods and"
              + " authorities answers.")
  private boolean cluster;

  @Option(
      names = {"-n", "--namespace"},
      description = "Judge the policy in this namespace instead of the one its manifest names.")
  private String namespace = "";

  @Mixin private OperatorOptions operator;

  @Mixin private OutputOptions output;

  private final InputStream stdin = System.in;

  @Override
  public Integer call() {
    List<ManifestDocument> policies =
        ManifestFiles.read(policyPaths, "policy file", stdin).stream()
            .filter(WhatIfCommand::isPolicy)
            .toList();
    if (policies.isEmpty()) {
      throw CliException.usage(
          "no ImageSecurityPolicy or GenericAttestationPolicy in the files given with -f");
    }
    List<PolicyAnswer> answers = new ArrayList<>();
    try (ClusterVerifier verifier = ClusterVerifier.connect(operator);
        Progress.Step step =
            Progress.on(spec.commandLine().getErr(), output.format())
                .step("asking the operator at " + verifier.address())) {
      for (ManifestDocument document : policies) {
        answers.add(answer(document, verifier.whatIf(document, namespace)));
      }
    }
    new Printer(spec.commandLine().getOut(), output.format())
        .print(new Result(answers), text(answers));
    return answers.stream().allMatch(answer -> answer.wouldDeny() == 0)
        ? ExitCode.OK
        : ExitCode.DENIED;
  }

  private static boolean isPolicy(ManifestDocument document) {
    String kind = document.object().path("kind").asText("");
    return kind.equals("ImageSecurityPolicy") || kind.equals("GenericAttestationPolicy");
  }

  private static PolicyAnswer answer(ManifestDocument document, WhatIfResult result) {
    List<Denied> denied = new ArrayList<>();
    for (DeniedPod pod : result.getDeniedPodsList()) {
      denied.add(new Denied(pod.getPod(), pod.getReason()));
    }
    return new PolicyAnswer(
        document.source(),
        result.getPolicy(),
        result.getPods(),
        result.getWouldDeny(),
        result.getUnknown(),
        denied);
  }

  private static String text(List<PolicyAnswer> answers) {
    List<String> lines = new ArrayList<>();
    for (PolicyAnswer answer : answers) {
      lines.add(
          answer.policy()
              + " would deny "
              + answer.wouldDeny()
              + " of "
              + answer.pods()
              + " running pods"
              + (answer.unknown() > 0 ? " (" + answer.unknown() + " could not be checked)" : ""));
      answer.deniedPods().forEach(pod -> lines.add("  " + pod.pod() + ": " + pod.reason()));
    }
    return String.join("\n", lines);
  }
}
