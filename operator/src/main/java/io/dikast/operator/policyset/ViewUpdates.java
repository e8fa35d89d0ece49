package io.dikast.operator.policyset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Turns an informer's add, update and delete notifications into two view operations. A failure is
 * logged and leaves the object out of the view, which keeps the replica unready rather than
 * admitting without it.
 */
final class ViewUpdates<T extends HasMetadata> implements ResourceEventHandler<T> {

  private static final Logger LOG = Logger.getLogger(ViewUpdates.class);

  private final Consumer<T> upsert;
  private final Consumer<T> remove;

  ViewUpdates(Consumer<T> upsert, Consumer<T> remove) {
    this.upsert = upsert;
    this.remove = remove;
  }

  @Override
  public void onAdd(T resource) {
    apply(upsert, resource);
  }

  @Override
  public void onUpdate(T previous, T resource) {
    apply(upsert, resource);
  }

  @Override
  public void onDelete(T resource, boolean finalStateUnknown) {
    apply(remove, resource);
  }

  private static <T extends HasMetadata> void apply(Consumer<T> operation, T resource) {
    try {
      operation.accept(resource);
    } catch (RuntimeException e) {
      LOG.errorf(
          e,
          "could not publish %s %s/%s to the policy set",
          resource.getKind(),
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
    }
  }
}
