package io.dikast.engine.workload;

import java.util.Objects;

/**
 * A policy's statement that objects of {@code kind} carry a pod spec at {@code podSpecPath}, a JSON
 * Pointer (RFC 6901) such as {@code /spec/runner/template/spec}. The webhook then checks the images
 * there, and the policy denies an object of that kind with nothing at the path.
 */
public record PodSpecKind(GroupKind kind, String podSpecPath) {

  public PodSpecKind {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(podSpecPath, "podSpecPath");
  }

  /** {@code Rollout.argoproj.io at /spec/template/spec}, as messages name it. */
  @Override
  public String toString() {
    return kind + " at " + podSpecPath;
  }
}
