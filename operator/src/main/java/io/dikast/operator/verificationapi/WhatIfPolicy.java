package io.dikast.operator.verificationapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.KritisApi;
import io.dikast.engine.policy.Policy;
import io.dikast.verifier.policy.PolicyMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The policy manifest of a what-if request, read as the reconcilers read the resource. */
final class WhatIfPolicy {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final ObjectMapper JSON = new ObjectMapper();

  private WhatIfPolicy() {}

  /**
   * @param namespace the request's namespace; overrides the manifest's when not empty
   * @throws IllegalArgumentException when the manifest is not an ImageSecurityPolicy or
   *     GenericAttestationPolicy of kritis.grafeas.io, or names no namespace
   */
  static Policy read(String manifest, String namespace) {
    JsonNode tree;
    try {
      tree = JSON.readTree(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the policy is not JSON: " + e.getOriginalMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("the policy is not a JSON object");
    }
    String apiVersion = tree.path("apiVersion").asText("");
    String kind = tree.path("kind").asText("");
    if (!apiVersion.startsWith(KritisApi.GROUP + "/")) {
      throw new IllegalArgumentException(
          "a what-if needs a " + KritisApi.GROUP + " policy, not apiVersion " + apiVersion);
    }
    Policy policy =
        switch (kind) {
          case "ImageSecurityPolicy" ->
              PolicyMapper.toPolicy(placed(tree, namespace, ImageSecurityPolicy.class));
          case "GenericAttestationPolicy" ->
              PolicyMapper.toPolicy(placed(tree, namespace, GenericAttestationPolicy.class));
          default ->
              throw new IllegalArgumentException(
                  "a what-if needs an ImageSecurityPolicy or GenericAttestationPolicy, not "
                      + kind);
        };
    if (policy.namespace().isEmpty()) {
      throw new IllegalArgumentException(
          "the policy names no namespace and the request none either");
    }
    return policy;
  }

  private static <T extends CustomResource<?, ?>> T placed(
      JsonNode tree, String namespace, Class<T> type) {
    T resource = SERIALIZATION.convertValue(tree, type);
    if (!namespace.isEmpty()) {
      resource.getMetadata().setNamespace(namespace);
    } else if (resource.getMetadata().getNamespace() == null) {
      resource.getMetadata().setNamespace("");
    }
    return resource;
  }
}
