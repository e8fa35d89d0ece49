package io.dikast.cli.verify;

import io.dikast.engine.policy.Decision;
import io.dikast.engine.workload.Workload;
import java.util.List;

/**
 * What {@code --output json} prints for one workload: the webhook's decision and its messages.
 *
 * @param denials one line per image and policy that denies, as the webhook's denial message
 * @param warnings one line per image and policy violated without denying, as the webhook's warnings
 */
record WorkloadVerdict(
    String source,
    String kind,
    String namespace,
    String name,
    List<String> images,
    boolean allowed,
    List<String> denials,
    List<String> warnings) {

  static WorkloadVerdict of(String source, Workload workload, Decision decision) {
    return of(source, workload, decision.allowed(), decision.denials(), decision.warnings());
  }

  static WorkloadVerdict of(
      String source,
      Workload workload,
      boolean allowed,
      List<String> denials,
      List<String> warnings) {
    return new WorkloadVerdict(
        source,
        workload.kind(),
        workload.namespace(),
        workload.name(),
        workload.distinctImages(),
        allowed,
        List.copyOf(denials),
        List.copyOf(warnings));
  }

  String text() {
    StringBuilder text =
        new StringBuilder()
            .append(kind)
            .append(' ')
            .append(namespace)
            .append('/')
            .append(name)
            .append(": ")
            .append(allowed ? "admitted" : "denied");
    denials.forEach(line -> text.append("\n  ").append(line));
    warnings.forEach(line -> text.append("\n  warning: ").append(line));
    return text.toString();
  }
}
