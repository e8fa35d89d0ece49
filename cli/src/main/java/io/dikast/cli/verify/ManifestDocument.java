package io.dikast.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.dikast.engine.workload.GroupKind;

/**
 * One object read from a manifest file.
 *
 * @param source where it came from, for messages: the file, and the document's number when the file
 *     holds several
 */
record ManifestDocument(String source, JsonNode object) {

  String apiVersion() {
    return object.path("apiVersion").asText("");
  }

  String kind() {
    return object.path("kind").asText("");
  }

  /** The group and kind, such as {@code apps/Deployment} or {@code /Pod}. */
  String groupAndKind() {
    String apiVersion = apiVersion();
    int slash = apiVersion.indexOf('/');
    return (slash < 0 ? "" : apiVersion.substring(0, slash)) + "/" + kind();
  }

  /** The group and kind as Kubernetes prints them, such as {@code Rollout.argoproj.io}. */
  GroupKind groupKind() {
    return GroupKind.ofApiVersion(apiVersion(), kind());
  }

  /** The kind as people write it, such as {@code apps/v1 Deployment}. */
  String describeKind() {
    return apiVersion() + " " + kind();
  }
}
