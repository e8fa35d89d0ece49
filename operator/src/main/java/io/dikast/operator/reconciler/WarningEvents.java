package io.dikast.operator.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Warning Events on a resource, for {@code kubectl describe}; best effort, never fails a reconcile.
 */
@ApplicationScoped
public class WarningEvents {

  private static final Logger LOG = Logger.getLogger(WarningEvents.class);
  private static final String COMPONENT = "dikast-operator";

  private final KubernetesClient client;

  public WarningEvents(KubernetesClient client) {
    this.client = client;
  }

  public void warn(HasMetadata resource, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String namespace = resource.getMetadata().getNamespace();
    // Kubernetes' convention for a cluster-scoped object's events, such as a cluster policy's.
    String eventNamespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(resource.getMetadata().getName() + "-")
            .withNamespace(eventNamespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(resource.getApiVersion())
                    .withKind(resource.getKind())
                    .withNamespace(namespace)
                    .withName(resource.getMetadata().getName())
                    .withUid(resource.getMetadata().getUid())
                    .withResourceVersion(resource.getMetadata().getResourceVersion())
                    .build())
            .withType("Warning")
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .build();
    try {
      client.v1().events().inNamespace(eventNamespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record event %s on %s/%s: %s",
          reason, eventNamespace, resource.getMetadata().getName(), e.getMessage());
    }
  }
}
