package io.dikast.engine.workload;

/** Which list of the pod spec a container comes from; all three run images and are checked. */
public enum ContainerType {
  CONTAINER,
  INIT,
  EPHEMERAL
}
