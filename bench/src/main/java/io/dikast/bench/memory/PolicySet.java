package io.dikast.bench.memory;

import io.dikast.bench.keys.BenchKeys;
import io.dikast.bench.review.AdmissionReviews;
import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthoritySpec;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicySpec;
import io.dikast.crds.v1beta1.KeyType;
import io.dikast.crds.v1beta1.PkixPublicKey;
import io.dikast.crds.v1beta1.PublicKey;
import io.dikast.crds.v1beta1.SignatureAlgorithm;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The memory scenario as API objects: 100 namespaces, each with 10 AttestationAuthorities
 * (ECDSA P-256 keys, each its own), 10 ImageSecurityPolicies requiring one to three of them, and
 * 100 pods running 10 images (a Deployment's replicas share an image): 1,000 authorities, 1,000
 * policies, 10,000 pods and 1,000 image digests in all. Created by a bounded pool of requests.
 */
final class PolicySet {

  static final int NAMESPACES = 100;
  static final int AUTHORITIES_PER_NAMESPACE = 10;
  static final int POLICIES_PER_NAMESPACE = 10;
  static final int PODS_PER_NAMESPACE = 100;
  static final int IMAGES_PER_NAMESPACE = 10;
  private static final int REQUESTS_IN_FLIGHT = 16;

  private final KubernetesClient client;

  PolicySet(KubernetesClient client) {
    this.client = client;
  }

  static List<String> namespaces() {
    return IntStream.range(0, NAMESPACES).mapToObj("bench-%03d"::formatted).toList();
  }

  static String image(int namespace, int pod) {
    return AdmissionReviews.pinnedImage(
        "registry.example.com/team-%03d/app-%d".formatted(namespace, pod % IMAGES_PER_NAMESPACE),
        (long) namespace * IMAGES_PER_NAMESPACE + pod % IMAGES_PER_NAMESPACE + 1);
  }

  void create() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS_IN_FLIGHT);
    try {
      List<String> namespaces = namespaces();
      runAll(pool, namespaces.stream().map(this::namespace).toList());
      List<Callable<Object>> objects = new ArrayList<>();
      for (String namespace : namespaces) {
        for (int a = 0; a < AUTHORITIES_PER_NAMESPACE; a++) {
          objects.add(authority(namespace, a));
        }
        for (int p = 0; p < POLICIES_PER_NAMESPACE; p++) {
          objects.add(policy(namespace, p));
        }
      }
      runAll(pool, objects);
      List<Callable<Object>> pods = new ArrayList<>();
      for (int n = 0; n < NAMESPACES; n++) {
        for (int p = 0; p < PODS_PER_NAMESPACE; p++) {
          pods.add(pod(n, p));
        }
      }
      runAll(pool, pods);
    } finally {
      pool.shutdownNow();
    }
  }

  // Without a controller manager nobody creates the default ServiceAccount pods need.
  private Callable<Object> namespace(String name) {
    return () -> {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
      return client
          .serviceAccounts()
          .inNamespace(name)
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName("default")
                  .endMetadata()
                  .build())
          .create();
    };
  }

  private Callable<Object> authority(String namespace, int index) {
    return () -> {
      PkixPublicKey pkix = new PkixPublicKey();
      pkix.setPublicKeyPem(BenchKeys.ecdsaP256().publicKeyPem());
      pkix.setSignatureAlgorithm(SignatureAlgorithm.ECDSA_P256_SHA256);
      PublicKey key = new PublicKey();
      key.setKeyType(KeyType.PKIX);
      key.setPkixPublicKey(pkix);
      AttestationAuthoritySpec spec = new AttestationAuthoritySpec();
      spec.setNoteReference("projects/%s/notes/a%d".formatted(namespace, index));
      spec.setPublicKeys(List.of(key));
      AttestationAuthority authority = new AttestationAuthority();
      authority.setMetadata(meta(namespace, "a" + index));
      authority.setSpec(spec);
      return client.resource(authority).create();
    };
  }

  /** Policy {@code p<i>} requires 1, 2 or 3 authorities starting at {@code a<i>}. */
  private Callable<Object> policy(String namespace, int index) {
    return () -> {
      ImageSecurityPolicySpec spec = new ImageSecurityPolicySpec();
      spec.setAttestationAuthorityNames(
          IntStream.rangeClosed(0, index % 3)
              .mapToObj(k -> "a" + (index + k) % AUTHORITIES_PER_NAMESPACE)
              .toList());
      ImageSecurityPolicy policy = new ImageSecurityPolicy();
      policy.setMetadata(meta(namespace, "p" + index));
      policy.setSpec(spec);
      return client.resource(policy).create();
    };
  }

  private Callable<Object> pod(int namespace, int index) {
    String name = namespaces().get(namespace);
    return () ->
        client
            .pods()
            .inNamespace(name)
            .resource(
                new PodBuilder()
                    .withMetadata(meta(name, "pod-%03d".formatted(index)))
                    .withNewSpec()
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                    .withName("app")
                    .withImage(image(namespace, index))
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
  }

  private static ObjectMeta meta(String namespace, String name) {
    return new ObjectMetaBuilder().withNamespace(namespace).withName(name).build();
  }

  private static void runAll(ExecutorService pool, List<Callable<Object>> tasks)
      throws InterruptedException {
    for (Future<Object> result : pool.invokeAll(tasks)) {
      try {
        result.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("cannot create the memory scenario", e.getCause());
      }
    }
  }
}
