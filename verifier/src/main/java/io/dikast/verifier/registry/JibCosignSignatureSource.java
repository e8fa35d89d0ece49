package io.dikast.verifier.registry;

import io.dikast.engine.attestation.CosignSignature;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.grpc.Deadline;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads cosign signature manifests with Jib's registry client: anonymous or with each credential in
 * turn, TLS verified against the JVM's CAs and the lookup's CA bundle, plain HTTP only where the
 * access allows it, and no retries.
 *
 * <p>Jib times requests out only by the JVM-wide {@code jib.httpTimeout}, so each lookup runs on a
 * worker thread that the caller waits for until the deadline; past it, the lookup's HTTP client is
 * shut down, which closes its sockets and ends the worker's blocked read. Thread-safe; one HTTP
 * client per lookup, closed when it ends. {@link #close()} stops the workers.
 */
public final class JibCosignSignatureSource implements CosignSignatureSource, AutoCloseable {

  private final ExecutorService workers;

  public JibCosignSignatureSource() {
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "cosign-registry-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public List<CosignSignature> signatures(CosignLookup lookup, Deadline deadline)
      throws UnreadableSignaturesException, BackendUnavailableException {
    RegistryConnection connection = RegistryConnection.open(lookup.repository(), lookup.access());
    String registry = connection.registry().domain();
    Future<List<CosignSignature>> work =
        workers.submit(
            () -> {
              try {
                return new SignatureLookup(lookup, connection).read();
              } finally {
                // Also closes what the worker opened after a deadline shut the client down.
                connection.close();
              }
            });
    try {
      return work.get(deadline.timeRemaining(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw RegistryFailures.deadlinePassed(registry);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryFailures.unavailable(registry, "was not asked: interrupted", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause(), connection);
    } finally {
      work.cancel(true);
      connection.close();
    }
  }

  private static BackendUnavailableException rethrown(
      Throwable failure, RegistryConnection connection)
      throws UnreadableSignaturesException, BackendUnavailableException {
    if (failure instanceof UnreadableSignaturesException unreadable) {
      throw unreadable;
    }
    if (failure instanceof BackendUnavailableException unavailable) {
      return unavailable;
    }
    return connection.failure(failure);
  }

  /** Stops the worker threads; lookups still running end with their deadline. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
