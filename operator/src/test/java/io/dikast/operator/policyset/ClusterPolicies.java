package io.dikast.operator.policyset;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/** Writes the article's policy objects into one namespace of a (mock) API server. */
public final class ClusterPolicies {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private final KubernetesClient client;
  private final String namespace;

  public ClusterPolicies(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** The ConfigMap {@code name} holding one armored key under {@code qa.asc}. */
  public ConfigMap keyConfigMap(String name, String armoredKey) {
    return client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withData(Map.of("qa.asc", armoredKey))
                .build())
        .createOr(existing -> existing.update());
  }

  /** An authority on the note {@code projects/image-signing/notes/<name>} reading a ConfigMap. */
  public AttestationAuthority authorityReading(String name, String configMap) {
    return client
        .resource(
            YAML.unmarshal(
                manifest(
                    "AttestationAuthority",
                    name,
                    "noteReference: projects/image-signing/notes/"
                        + name
                        + "\npublicKeysFrom:\n- keyType: PGP\n  configMapName: "
                        + configMap),
                AttestationAuthority.class))
        .create();
  }

  /** An ImageSecurityPolicy with {@code spec}, created or replaced. */
  public ImageSecurityPolicy imageSecurityPolicy(String name, String spec) {
    return client
        .resource(
            YAML.unmarshal(manifest("ImageSecurityPolicy", name, spec), ImageSecurityPolicy.class))
        .createOr(existing -> existing.update());
  }

  private String manifest(String kind, String name, String spec) {
    return "apiVersion: kritis.grafeas.io/v1beta1\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}\nspec:\n"
        + spec.indent(2);
  }
}
