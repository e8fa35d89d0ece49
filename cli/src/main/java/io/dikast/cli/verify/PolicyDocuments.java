package io.dikast.cli.verify;

import io.dikast.cli.CliException;
import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.KritisApi;
import io.dikast.crds.v1beta1.PublicKeySource;
import io.dikast.engine.policy.Policy;
import io.dikast.verifier.decision.KnownAuthority;
import io.dikast.verifier.policy.AuthorityMapper;
import io.dikast.verifier.policy.PolicyMapper;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads ImageSecurityPolicy, GenericAttestationPolicy and AttestationAuthority objects into the
 * engine's terms, with the same mapping and defaults as the operator.
 */
final class PolicyDocuments {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String ISP = KritisApi.GROUP + "/ImageSecurityPolicy";
  private static final String GAP = KritisApi.GROUP + "/GenericAttestationPolicy";
  private static final String AUTHORITY = KritisApi.GROUP + "/AttestationAuthority";

  private PolicyDocuments() {}

  /**
   * @param defaultNamespace the namespace of objects that name none
   * @param ignored receives one line per object that is neither a policy nor an authority
   */
  static LocalPolicies read(
      List<ManifestDocument> documents, String defaultNamespace, List<Skipped> ignored) {
    Map<String, List<Policy>> policies = new HashMap<>();
    Map<String, Map<String, KnownAuthority>> authorities = new HashMap<>();
    for (ManifestDocument document : documents) {
      switch (document.groupAndKind()) {
        case ISP -> {
          ImageSecurityPolicy resource =
              object(document, ImageSecurityPolicy.class, defaultNamespace);
          add(policies, mapped(document, () -> PolicyMapper.toPolicy(resource)));
        }
        case GAP -> {
          GenericAttestationPolicy resource =
              object(document, GenericAttestationPolicy.class, defaultNamespace);
          add(policies, mapped(document, () -> PolicyMapper.toPolicy(resource)));
        }
        case AUTHORITY -> {
          AttestationAuthority resource =
              object(document, AttestationAuthority.class, defaultNamespace);
          authorities
              .computeIfAbsent(resource.getMetadata().getNamespace(), n -> new HashMap<>())
              .put(resource.getMetadata().getName(), authority(document, resource));
        }
        default ->
            ignored.add(
                new Skipped(
                    document.source(),
                    "kind " + document.describeKind() + " is not a policy or an authority"));
      }
    }
    return new LocalPolicies(policies, authorities);
  }

  private static void add(Map<String, List<Policy>> policies, Policy policy) {
    policies.computeIfAbsent(policy.namespace(), n -> new ArrayList<>()).add(policy);
  }

  private static Policy mapped(ManifestDocument document, Supplier<Policy> mapping) {
    try {
      return mapping.get();
    } catch (RuntimeException e) {
      throw invalid(document, "spec is incomplete: " + firstLine(e));
    }
  }

  private static KnownAuthority authority(
      ManifestDocument document, AttestationAuthority resource) {
    String name = resource.getMetadata().getName();
    if (!resource.getSpec().getPublicKeysFrom().isEmpty()) {
      PublicKeySource source = resource.getSpec().getPublicKeysFrom().get(0);
      String from =
          source.getSecretName() != null
              ? "Secret " + source.getSecretName()
              : "ConfigMap " + source.getConfigMapName();
      throw invalid(
          document,
          "AttestationAuthority "
              + name
              + " takes keys from "
              + from
              + " (spec.publicKeysFrom), which dikast verify cannot read from files;"
              + " put the keys in spec.publicKeys");
    }
    List<String> failures = new ArrayList<>();
    KnownAuthority authority = AuthorityMapper.toAuthority(resource, failures);
    if (!failures.isEmpty()) {
      throw invalid(document, "AttestationAuthority " + name + ": " + failures.get(0));
    }
    return authority;
  }

  private static <T extends CustomResource<?, ?>> T object(
      ManifestDocument document, Class<T> type, String defaultNamespace) {
    T resource;
    try {
      resource = SERIALIZATION.convertValue(document.object(), type);
    } catch (IllegalArgumentException e) {
      throw invalid(document, "not a valid " + document.kind() + ": " + firstLine(e));
    }
    if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
      throw invalid(document, "metadata.name is missing");
    }
    if (resource.getSpec() == null) {
      throw invalid(document, "spec is missing");
    }
    if (resource.getMetadata().getNamespace() == null) {
      resource.getMetadata().setNamespace(defaultNamespace);
    }
    return resource;
  }

  private static CliException invalid(ManifestDocument document, String problem) {
    return CliException.usage(document.source() + ": " + problem);
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
