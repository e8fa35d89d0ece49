package io.dikast.operator.standalone;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.ClusterImageSecurityPolicy;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the policy custom resources of a directory with Fabric8's serialization, as {@code kubectl
 * apply -f <dir>} would: every YAML or JSON file, several documents per file allowed. A manifest
 * without a namespace lands in {@code default}, as kubectl puts it.
 */
public final class PolicyDirectory {

  private static final String DEFAULT_NAMESPACE = "default";

  private PolicyDirectory() {}

  public static PolicyManifests read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new StandaloneConfigurationException(
          "dikast.standalone.policies: " + directory + " is not a directory");
    }
    KubernetesSerialization serialization = new KubernetesSerialization();
    serialization.registerKubernetesResource(AttestationAuthority.class);
    serialization.registerKubernetesResource(ImageSecurityPolicy.class);
    serialization.registerKubernetesResource(ClusterImageSecurityPolicy.class);
    serialization.registerKubernetesResource(GenericAttestationPolicy.class);
    List<AttestationAuthority> authorities = new ArrayList<>();
    List<ImageSecurityPolicy> imagePolicies = new ArrayList<>();
    List<GenericAttestationPolicy> genericPolicies = new ArrayList<>();
    for (Path file : manifestFiles(directory)) {
      for (Object resource : resources(serialization, file)) {
        if (resource instanceof HasMetadata manifest
            && manifest.getMetadata() != null
            && manifest.getMetadata().getNamespace() == null) {
          manifest.getMetadata().setNamespace(DEFAULT_NAMESPACE);
        }
        if (resource instanceof AttestationAuthority authority) {
          authorities.add(authority);
        } else if (resource instanceof ImageSecurityPolicy policy) {
          imagePolicies.add(policy);
        } else if (resource instanceof GenericAttestationPolicy policy) {
          genericPolicies.add(policy);
        } else if (resource instanceof ClusterImageSecurityPolicy policy) {
          // Skipping it would admit what the file says to deny.
          throw new StandaloneConfigurationException(
              file
                  + ": ClusterImageSecurityPolicy "
                  + policy.getMetadata().getName()
                  + " needs the cluster's namespaces, which standalone mode does not see: write an"
                  + " ImageSecurityPolicy per namespace");
        }
      }
    }
    return new PolicyManifests(authorities, imagePolicies, genericPolicies);
  }

  private static List<Path> manifestFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(PolicyDirectory::isManifest)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new StandaloneConfigurationException("cannot list " + directory, e);
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  // One document gives one object, several a list; a kind: List gives its items.
  private static Collection<?> resources(KubernetesSerialization serialization, Path file) {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = serialization.unmarshal(in);
    } catch (IOException | RuntimeException e) {
      throw new StandaloneConfigurationException(
          "cannot read the manifests in " + file + ": " + e.getMessage(), e);
    }
    if (parsed == null) {
      return List.of();
    }
    if (parsed instanceof Collection<?> documents) {
      return documents;
    }
    if (parsed instanceof KubernetesResourceList<?> list) {
      return list.getItems();
    }
    return List.of(parsed);
  }
}
