package io.dikast.operator.reconciler;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.operator.policyset.KeySourceLookup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;

/** Key sources read from the informer caches, never from the API server. */
final class ContextKeySources implements KeySourceLookup {

  private final Context<AttestationAuthority> context;

  ContextKeySources(Context<AttestationAuthority> context) {
    this.context = context;
  }

  @Override
  public Optional<Map<String, String>> configMap(String name) {
    return find(ConfigMap.class, name).map(map -> map.getData() == null ? Map.of() : map.getData());
  }

  @Override
  public Optional<Map<String, String>> secret(String name) {
    return find(Secret.class, name).map(KeySourceLookup::secretText);
  }

  private <R extends HasMetadata> Optional<R> find(Class<R> type, String name) {
    return context.getSecondaryResources(type).stream()
        .filter(resource -> name.equals(resource.getMetadata().getName()))
        .findFirst();
  }
}
