package io.dikast.engine.workload;

import java.util.List;
import java.util.Objects;

/**
 * Whose registry credentials a workload's pods pull with: the kubelet's, read from the pod spec's
 * {@code imagePullSecrets} and its service account's. Signature lookups use the same ones, so a
 * signature in a private registry is readable wherever the image is.
 *
 * @param serviceAccountName the pod spec's service account; {@code default} when it names none, as
 *     the API server fills it in
 * @param imagePullSecrets the names of the pod spec's pull secrets, in order
 */
public record PullSecrets(String serviceAccountName, List<String> imagePullSecrets) {

  static final String DEFAULT_SERVICE_ACCOUNT = "default";

  /** What a pod spec without either field pulls with. */
  public static final PullSecrets DEFAULT = new PullSecrets(DEFAULT_SERVICE_ACCOUNT, List.of());

  public PullSecrets {
    Objects.requireNonNull(serviceAccountName, "serviceAccountName");
    if (serviceAccountName.isBlank()) {
      serviceAccountName = DEFAULT_SERVICE_ACCOUNT;
    }
    imagePullSecrets =
        imagePullSecrets.stream().filter(name -> name != null && !name.isBlank()).toList();
  }
}
