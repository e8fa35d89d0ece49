package io.dikast.operator.standalone;

import io.dikast.operator.policyset.PolicySetView;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Loads standalone mode's policy directory into the view before any other startup observer runs, so
 * nothing ever waits for policies from an API server.
 */
@ApplicationScoped
public class StandaloneStartup {

  private static final Logger LOG = Logger.getLogger(StandaloneStartup.class);

  private final StandaloneConfig config;
  private final PolicySetView view;

  StandaloneStartup(StandaloneConfig config, PolicySetView view) {
    this.config = config;
    this.view = view;
  }

  void load(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    Path directory =
        config
            .policies()
            .orElseThrow(
                () ->
                    new StandaloneConfigurationException(
                        "standalone mode needs dikast.standalone.policies, the directory of the"
                            + " policy manifests"));
    PolicyManifests manifests = PolicyDirectory.read(directory);
    StandalonePolicySet.publish(manifests, view);
    LOG.infof(
        "standalone mode: %d AttestationAuthority, %d ImageSecurityPolicy and %d"
            + " GenericAttestationPolicy loaded from %s; no Kubernetes API server is used",
        manifests.authorities().size(),
        manifests.imageSecurityPolicies().size(),
        manifests.genericAttestationPolicies().size(),
        directory);
  }
}
