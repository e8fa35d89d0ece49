package io.dikast.operator.verification;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The bounded daemon pools that ask Grafeas on behalf of admissions. */
final class VerificationPool {

  private VerificationPool() {}

  static ThreadPoolExecutor create(VerificationConfig config, String threadPrefix) {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            Duration.ofMinutes(1).toNanos(),
            TimeUnit.NANOSECONDS,
            new ArrayBlockingQueue<>(config.queue()),
            task -> {
              Thread thread = new Thread(task, threadPrefix + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
