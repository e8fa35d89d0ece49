package io.dikast.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An index of primary resources by the names of the objects they refer to in their namespace, so an
 * event on a referenced object finds its primaries without scanning the cache.
 */
final class SecondaryIndex<P extends HasMetadata> {

  private final String name;
  private final EventSourceContext<P> context;

  private SecondaryIndex(String name, EventSourceContext<P> context) {
    this.name = name;
    this.context = context;
  }

  /** Indexes each primary under {@code <namespace>/<referenced name>}. */
  static <P extends HasMetadata> SecondaryIndex<P> create(
      String name, EventSourceContext<P> context, Function<P, List<String>> referencedNames) {
    context
        .getPrimaryCache()
        .addIndexer(
            name,
            primary ->
                referencedNames.apply(primary).stream()
                    .map(ref -> key(primary.getMetadata().getNamespace(), ref))
                    .toList());
    return new SecondaryIndex<>(name, context);
  }

  <R extends HasMetadata> SecondaryToPrimaryMapper<R> mapper() {
    return secondary ->
        primariesReferring(
            secondary.getMetadata().getNamespace(), secondary.getMetadata().getName());
  }

  Set<ResourceID> primariesReferring(String namespace, String referencedName) {
    return context.getPrimaryCache().byIndex(name, key(namespace, referencedName)).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  static Set<ResourceID> ids(HasMetadata primary, List<String> referencedNames) {
    return referencedNames.stream()
        .map(ref -> new ResourceID(ref, primary.getMetadata().getNamespace()))
        .collect(Collectors.toSet());
  }

  private static String key(String namespace, String referencedName) {
    return namespace + "/" + referencedName;
  }
}
