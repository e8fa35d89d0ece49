package io.dikast.verifier.grafeas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GrafeasChannelFactoryTest {

  @Test
  void runsCallbacksOnABoundedPoolWhoseIdleThreadsEnd() throws Exception {
    ThreadPoolExecutor callbacks = GrafeasChannelFactory.callbackExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < 50; i++) {
        callbacks.execute(
            () -> {
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }

      // A burst queues behind the bounded threads instead of starting one thread per callback.
      assertThat(callbacks.getPoolSize()).isEqualTo(GrafeasChannelFactory.CALLBACK_THREADS);
      assertThat(callbacks.getQueue()).hasSize(50 - GrafeasChannelFactory.CALLBACK_THREADS);
      assertThat(callbacks.allowsCoreThreadTimeOut()).isTrue();
    } finally {
      release.countDown();
      callbacks.shutdown();
      assertThat(callbacks.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
