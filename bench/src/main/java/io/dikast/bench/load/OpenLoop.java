package io.dikast.bench.load;

import io.dikast.bench.report.LoadRow;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Sends requests at a constant arrival rate whatever the server does, each timed from the moment it
 * was due, not from when it went out: a slow answer cannot hold back the next request, so stalls
 * show in the percentiles instead of hiding (no coordinated omission).
 */
final class OpenLoop {

  private static final Duration DRAIN = Duration.ofSeconds(30);

  private final HttpClient http;

  OpenLoop(HttpClient http) {
    this.http = http;
  }

  /**
   * @param request the {@code i}-th request
   * @param expected whether an answer counts as a success
   */
  LoadRow run(
      String scenario,
      int rate,
      Duration duration,
      LongFunction<HttpRequest> request,
      Predicate<HttpResponse<String>> expected)
      throws InterruptedException {
    long count = rate * duration.toSeconds();
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(2), 3);
    AtomicLong errors = new AtomicLong();
    List<CompletableFuture<?>> inFlight = new ArrayList<>();
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.add(
          http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, failure) -> {
                    latency.recordValue(Math.max(0, System.nanoTime() - due));
                    if (failure != null || !expected.test(response)) {
                      errors.incrementAndGet();
                    }
                  }));
    }
    drain(inFlight, errors);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new LoadRow(
        scenario,
        rate,
        count,
        latency.getTotalCount() / seconds,
        errors.get(),
        millis(latency.getValueAtPercentile(50)),
        millis(latency.getValueAtPercentile(90)),
        millis(latency.getValueAtPercentile(99)),
        millis(latency.getMaxValue()));
  }

  private static void drain(List<CompletableFuture<?>> inFlight, AtomicLong errors)
      throws InterruptedException {
    try {
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
          .get(DRAIN.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Each failure is already counted where it completed.
    } catch (TimeoutException e) {
      errors.addAndGet(inFlight.stream().filter(f -> !f.isDone()).count());
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
