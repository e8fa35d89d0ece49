package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * A kind whose objects carry a pod spec at a place Dikast would not look by itself, such as a
 * custom workload keeping its pod under {@code spec.runner.pod}.
 */
@ValidationRule(
    value =
        "!((!has(self.group) || self.group == '')"
            + " && self.kind in ['Pod', 'ReplicationController'])"
            + " && !(has(self.group) && self.group == 'apps'"
            + " && self.kind in ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'])"
            + " && !(has(self.group) && self.group == 'batch' && self.kind in ['Job', 'CronJob'])",
    message = "built-in workload kinds are always checked where Kubernetes keeps their pod spec")
public class PodSpecKind {

  /** An RFC 6901 JSON Pointer to a field: one or more {@code /}-separated, escaped tokens. */
  public static final String JSON_POINTER = "^(/([^~/]|~[01])*)+$";

  /** A DNS subdomain, or empty for the core group. */
  public static final String GROUP =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$";

  @Size(max = 253)
  @Pattern(GROUP)
  @JsonPropertyDescription(
      "The API group of the kind, such as argoproj.io; empty or absent for the core group.")
  private String group = "";

  @Required
  @Size(min = 1, max = 63)
  @Pattern("^[A-Za-z][A-Za-z0-9]*$")
  @JsonPropertyDescription("The kind, as objects name it in their kind field, such as Rollout.")
  private String kind;

  @Required
  @Size(max = 1024)
  @Pattern(JSON_POINTER)
  @JsonPropertyDescription(
      "Where objects of the kind keep their pod spec (the object holding containers,"
          + " initContainers and ephemeralContainers), as a JSON Pointer (RFC 6901) such as"
          + " /spec/runner/pod. Dikast checks the images there for objects of the kind in this"
          + " policy's namespace (the webhook configuration must send the kind: the chart's"
          + " webhook.extraRules), and this policy denies an object of the kind with nothing at the"
          + " path. Break-glass is read from the object's metadata and beside every spec on the"
          + " path.")
  private String podSpecPath;

  public PodSpecKind() {}

  public PodSpecKind(String group, String kind, String podSpecPath) {
    setGroup(group);
    this.kind = kind;
    this.podSpecPath = podSpecPath;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group == null ? "" : group;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getPodSpecPath() {
    return podSpecPath;
  }

  public void setPodSpecPath(String podSpecPath) {
    this.podSpecPath = podSpecPath;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PodSpecKind other
        && group.equals(other.group)
        && Objects.equals(kind, other.kind)
        && Objects.equals(podSpecPath, other.podSpecPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(group, kind, podSpecPath);
  }
}
