package io.dikast.engine.workload;

import java.util.List;
import java.util.Objects;

/**
 * What admission decides on for one object that runs pods.
 *
 * @param kind the Kubernetes kind, such as {@code Deployment}
 * @param namespace the namespace from the object's metadata; empty when the manifest has none
 * @param name the object's name, or its {@code generateName} when it has no name yet
 * @param images every container image, in manifest order: containers, init, ephemeral
 * @param breakglassRequested whether the object or its pod template carries {@value
 *     BreakglassAnnotation#NAME}{@code : "true"}
 * @param absentPodSpecs the places policies say this kind keeps a pod spec where the object has
 *     nothing; each such policy denies the object
 * @param pullSecrets the registry credentials its pods pull with
 */
public record Workload(
    String kind,
    String namespace,
    String name,
    List<ContainerImage> images,
    boolean breakglassRequested,
    List<PodSpecKind> absentPodSpecs,
    PullSecrets pullSecrets) {

  public Workload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    images = List.copyOf(images);
    absentPodSpecs = List.copyOf(absentPodSpecs);
    Objects.requireNonNull(pullSecrets, "pullSecrets");
  }

  /** A workload that pulls with its namespace's default service account only. */
  public Workload(
      String kind,
      String namespace,
      String name,
      List<ContainerImage> images,
      boolean breakglassRequested,
      List<PodSpecKind> absentPodSpecs) {
    this(kind, namespace, name, images, breakglassRequested, absentPodSpecs, PullSecrets.DEFAULT);
  }

  /** A workload whose pod spec is where its kind keeps it. */
  public Workload(
      String kind,
      String namespace,
      String name,
      List<ContainerImage> images,
      boolean breakglassRequested) {
    this(kind, namespace, name, images, breakglassRequested, List.of());
  }

  /**
   * This workload in {@code namespace} when its manifest named none; the admission request carries
   * the namespace of a created object separately from the object.
   */
  public Workload inNamespaceIfAbsent(String namespace) {
    return this.namespace.isEmpty() ? inNamespace(namespace) : this;
  }

  /** This workload judged in {@code namespace}, whatever its manifest says. */
  public Workload inNamespace(String namespace) {
    return new Workload(
        kind, namespace, name, images, breakglassRequested, absentPodSpecs, pullSecrets);
  }

  /** The distinct image references, in the order they first appear. */
  public List<String> distinctImages() {
    return images.stream().map(ContainerImage::image).distinct().toList();
  }
}
