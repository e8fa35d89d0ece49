package io.dikast.operator.registry;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Optional;

/** The Secrets and service accounts registry credentials come from, as the informers hold them. */
public interface PullSecretStore {

  Optional<Secret> secret(String namespace, String name);

  Optional<ServiceAccount> serviceAccount(String namespace, String name);
}
