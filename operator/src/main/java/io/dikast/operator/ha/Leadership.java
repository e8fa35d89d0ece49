package io.dikast.operator.ha;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Whether the reconcilers run in this replica. A leader that loses the Lease while running exits,
 * so it restarts as a follower with fresh state; one that gives it up because it is stopping does
 * not, since exiting from inside the shutdown would block the JVM until the kubelet kills it.
 */
@ApplicationScoped
public class Leadership {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  private final boolean electing;
  private final IntConsumer exit;
  private volatile boolean leading;
  private volatile boolean stopping;

  @Inject
  public Leadership(LeaderElectionConfig config) {
    this(config, Quarkus::asyncExit);
  }

  Leadership(LeaderElectionConfig config, IntConsumer exit) {
    this.electing = config.enabled();
    this.exit = exit;
  }

  /** True without leader election, or while this replica holds the Lease. */
  public boolean reconcilesHere() {
    return !electing || leading;
  }

  // Before the Operator SDK's own shutdown observer, which stops the leader elector.
  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    stopping = true;
  }

  void startedLeading() {
    LOG.info("Acquired the leader Lease: reconcilers run in this replica");
    leading = true;
  }

  void stoppedLeading() {
    leading = false;
    if (stopping || ApplicationLifecycleManager.isVmShuttingDown()) {
      LOG.info("Gave up the leader Lease: this replica is stopping");
      return;
    }
    LOG.warn("Lost the leader Lease: exiting to restart as a follower");
    exit.accept(1);
  }
}
