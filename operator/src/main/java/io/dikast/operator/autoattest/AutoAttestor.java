package io.dikast.operator.autoattest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.Workload;
import io.dikast.operator.ha.Leadership;
import io.dikast.operator.policyset.PolicySetView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Signs and uploads an attestation for images that pass an ImageSecurityPolicy's vulnerability
 * requirements when the policy names a signing Secret (Kritis' {@code privateKeySecretName}). Work
 * happens on one background thread after the admission answered, once per policy and digest, and
 * only on the leader: one writer of occurrences. A digest a follower admits is not remembered, so
 * the leader judges it at its next admission there.
 */
@ApplicationScoped
public class AutoAttestor implements AdmittedImages {

  private static final Logger LOG = Logger.getLogger(AutoAttestor.class);

  private final PolicySetView view;
  private final PolicySigner signer;
  private final Leadership leadership;
  private final Cache<String, Boolean> judged;
  private final ThreadPoolExecutor executor;

  public AutoAttestor(
      PolicySetView view, PolicySigner signer, AutoAttestConfig config, Leadership leadership) {
    this.view = view;
    this.signer = signer;
    this.leadership = leadership;
    this.judged = Caffeine.newBuilder().expireAfterWrite(config.rememberFor()).build();
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.queue()),
            task -> {
              Thread thread = new Thread(task, "dikast-auto-attest");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void offer(Workload workload) {
    try {
      submit(workload);
    } catch (RuntimeException e) {
      LOG.warnf(e, "auto-attestation skipped %s/%s", workload.namespace(), workload.name());
    }
  }

  /** As {@link #offer}; the future completes when every new digest was judged. */
  CompletableFuture<Void> submit(Workload workload) {
    if (!leadership.reconcilesHere()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Policy> signing =
        view.snapshot(workload.namespace()).policies().stream()
            .filter(policy -> policy.kind() == PolicyKind.IMAGE_SECURITY_POLICY)
            .filter(policy -> policy.vulnerabilityRequirements().isPresent())
            .toList();
    if (signing.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.allOf(
        workload.images().stream()
            .map(ContainerImage::image)
            .distinct()
            .map(ImageReference::parse)
            .filter(image -> image.digest().isPresent())
            .flatMap(image -> signing.stream().map(policy -> judge(policy, image)))
            .toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> judge(Policy policy, ImageReference image) {
    String key = policy.namespace() + "/" + policy.name() + "/" + image.pinned();
    if (judged.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.runAsync(() -> signQuietly(policy, image, key), executor);
    } catch (RejectedExecutionException e) {
      judged.invalidate(key);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void signQuietly(Policy policy, ImageReference image, String key) {
    // Queued while this replica led, it may run after the Lease was lost.
    if (!leadership.reconcilesHere()) {
      judged.invalidate(key);
      return;
    }
    try {
      if (!signer.signIfPassing(policy, image)) {
        return;
      }
      LOG.infof(
          "auto-attested %s for ImageSecurityPolicy %s/%s",
          image.pinned(), policy.namespace(), policy.name());
    } catch (RetryLater e) {
      judged.invalidate(key);
      LOG.warnf("auto-attestation of %s postponed: %s", image.pinned(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warnf(
          "auto-attestation of %s for %s/%s failed: %s",
          image.pinned(), policy.namespace(), policy.name(), e.getMessage());
    }
  }

  @PreDestroy
  void close() {
    executor.shutdownNow();
  }
}
