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
   * One kind of request sent at the loop's rate.
   *
   * @param request the {@code i}-th request of this stream
   * @param expected whether an answer counts as a success
   */
  record Stream(
      String scenario,
      LongFunction<HttpRequest> request,
      Predicate<HttpResponse<String>> expected) {}

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
    return interleaved(rate, duration, List.of(new Stream(scenario, request, expected))).get(0);
  }

  /**
   * Sends every stream at {@code rate} over the same interval, their requests taking turns (the
   * arrival rate is {@code rate} × streams), so that each sees the same machine at the same
   * instants: a stall of the process or of the machine lands in all of them alike.
   *
   * @return a row per stream, in order
   */
  List<LoadRow> interleaved(int rate, Duration duration, List<Stream> streams)
      throws InterruptedException {
    int n = streams.size();
    long count = rate * duration.toSeconds() * n;
    long period = TimeUnit.SECONDS.toNanos(1) / ((long) rate * n);
    List<Tally> tallies = streams.stream().map(stream -> new Tally()).toList();
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Stream stream = streams.get((int) (i % n));
      Tally tally = tallies.get((int) (i % n));
      tally.inFlight.add(
          http.sendAsync(stream.request().apply(i / n), HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, failure) -> {
                    tally.latency.recordValue(Math.max(0, System.nanoTime() - due));
                    if (failure != null || !stream.expected().test(response)) {
                      tally.errors.incrementAndGet();
                    }
                  }));
    }
    drain(tallies);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<LoadRow> rows = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Histogram latency = tallies.get(k).latency;
      rows.add(
          new LoadRow(
              streams.get(k).scenario(),
              rate,
              count / n,
              latency.getTotalCount() / seconds,
              tallies.get(k).errors.get(),
              millis(latency.getValueAtPercentile(50)),
              millis(latency.getValueAtPercentile(90)),
              millis(latency.getValueAtPercentile(99)),
              millis(latency.getMaxValue())));
    }
    return rows;
  }

  /** One stream's answers: their latencies, the failed ones, and those not answered yet. */
  private static final class Tally {
    final Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(2), 3);
    final AtomicLong errors = new AtomicLong();
    final List<CompletableFuture<?>> inFlight = new ArrayList<>();
  }

  /** Waits for the answers; a request still unanswered at the end counts as its stream's error. */
  private static void drain(List<Tally> tallies) throws InterruptedException {
    try {
      CompletableFuture.allOf(
              tallies.stream()
                  .flatMap(tally -> tally.inFlight.stream())
                  .toArray(CompletableFuture[]::new))
          .get(DRAIN.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Each failure is already counted where it completed.
    } catch (TimeoutException e) {
      for (Tally tally : tallies) {
        tally.errors.addAndGet(tally.inFlight.stream().filter(f -> !f.isDone()).count());
      }
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }
}
