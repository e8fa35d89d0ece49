package io.dikast.operator.ha;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Whether the reconcilers run in this replica. */
@ApplicationScoped
public class Leadership {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  private final boolean electing;
  private volatile boolean leading;

  public Leadership(LeaderElectionConfig config) {
    this.electing = config.enabled();
  }

  /** True without leader election, or while this replica holds the Lease. */
  public boolean reconcilesHere() {
    return !electing || leading;
  }

  void startedLeading() {
    LOG.info("Acquired the leader Lease: reconcilers run in this replica");
    leading = true;
  }

  void stoppedLeading() {
    LOG.warn("Lost the leader Lease");
    leading = false;
  }
}
