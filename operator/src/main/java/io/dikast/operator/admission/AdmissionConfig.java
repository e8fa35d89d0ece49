package io.dikast.operator.admission;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Time and size limits of one admission review. */
@ConfigMapping(prefix = "dikast.admission")
public interface AdmissionConfig {

  /**
   * The most one review may take, below the API server's webhook timeout (10 s by default) so that
   * Dikast, not the API server's failure policy, decides what a slow backend means.
   */
  @WithDefault("8s")
  Duration budget();

  /** Part of the budget kept for evaluating and answering once attestation checks time out. */
  @WithDefault("250ms")
  Duration responseReserve();

  /**
   * The largest AdmissionReview body read; a larger declared body is answered 413 with a message,
   * unread. The API server sends at most a few MiB (an UPDATE carries two objects of at most 1.5
   * MiB each, etcd's limit). {@code quarkus.http.limits.max-body-size} follows it, so a body sent
   * without a declared length is cut at the same size.
   */
  @WithDefault("6M")
  MemorySize maxBodySize();
}
