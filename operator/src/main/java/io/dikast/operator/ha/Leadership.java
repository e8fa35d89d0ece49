package io.dikast.operator.ha;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Whether the leader-only work runs in this replica: the reconcilers, continuous validation,
 * auto-attestation and the webhook certificate's rotation. Admission runs everywhere.
 *
 * <p>The Operator SDK runs this replica's first election: it starts the controllers with event
 * processing off and turns it on once the Lease is won. When the Lease is lost the SDK leaves
 * processing on and never elects again, so this class pauses the reconcilers itself and joins a new
 * election, whose win resumes them; the replica keeps serving admissions throughout.
 */
@ApplicationScoped
public class Leadership {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  private final boolean electing;
  private final EventProcessing reconcilers;
  private final Elections elections;
  private volatile boolean leading;
  private volatile boolean stopping;
  private CompletableFuture<?> election;

  @Inject
  Leadership(
      LeaderElectionConfig config,
      ControllerEventProcessing reconcilers,
      LeaseElections elections) {
    this(config.enabled(), reconcilers, elections);
  }

  Leadership(boolean electing, EventProcessing reconcilers, Elections elections) {
    this.electing = electing;
    this.reconcilers = reconcilers;
    this.elections = elections;
  }

  /** True without leader election, or while this replica holds the Lease. */
  public boolean reconcilesHere() {
    return !electing || leading;
  }

  /** The callbacks of the Operator SDK's election, which resumes the reconcilers on its own. */
  LeaderCallbacks firstElection() {
    return callbacks(false);
  }

  // Before the Operator SDK's own shutdown observer, which stops its elector and the client.
  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    CompletableFuture<?> current;
    synchronized (this) {
      stopping = true;
      current = election;
    }
    // Outside the lock: cancelling calls back into lost(), on this thread or the elector's.
    if (current != null) {
      current.cancel(true);
    }
  }

  private LeaderCallbacks callbacks(boolean resumeReconcilers) {
    // An elector may report the end of its term twice (a new holder seen, then the renewal
    // ending); one term must start one new election.
    AtomicBoolean ended = new AtomicBoolean();
    return new LeaderCallbacks(
        () -> won(resumeReconcilers),
        () -> {
          if (ended.compareAndSet(false, true)) {
            lost();
          }
        },
        holder -> {});
  }

  private void won(boolean resumeReconcilers) {
    if (stopping) {
      return;
    }
    LOG.info("Acquired the leader Lease: reconcilers and leader-only work run in this replica");
    leading = true;
    if (resumeReconcilers) {
      reconcilers.resume();
    }
  }

  private synchronized void lost() {
    leading = false;
    if (stopping) {
      LOG.info("Gave up the leader Lease: this replica is stopping");
      return;
    }
    LOG.warn(
        "Lost the leader Lease: reconcilers and leader-only work stop in this replica, which keeps"
            + " serving admissions and joins the election again");
    reconcilers.pause();
    election = elections.join(callbacks(true));
  }
}
