package io.dikast.engine.workload;

import java.util.Objects;

/**
 * A Kubernetes API group and kind, such as {@code apps} and {@code Deployment}; the core group is
 * empty. The version is left out: the same kind served at two versions carries its pod spec in the
 * same place.
 */
public record GroupKind(String group, String kind) {

  public GroupKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(kind, "kind");
  }

  /** The group and kind of an object that says {@code apiVersion} and {@code kind}. */
  public static GroupKind ofApiVersion(String apiVersion, String kind) {
    String version = Objects.toString(apiVersion, "");
    int slash = version.indexOf('/');
    return new GroupKind(slash < 0 ? "" : version.substring(0, slash), Objects.toString(kind, ""));
  }

  /** {@code Deployment.apps}, or {@code Pod} for the core group, as Kubernetes prints a kind. */
  @Override
  public String toString() {
    return group.isEmpty() ? kind : kind + "." + group;
  }
}
