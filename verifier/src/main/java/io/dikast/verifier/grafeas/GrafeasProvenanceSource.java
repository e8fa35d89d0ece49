package io.dikast.verifier.grafeas;

import io.dikast.engine.image.ImageReference;
import io.grafeas.v1.NoteKind;
import io.grafeas.v1.Occurrence;
import io.grpc.Deadline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads an authority's BUILD occurrences for one image from Grafeas over gRPC, with the paging,
 * deadlines and outage handling of {@link GrafeasAttestationSource}: an incomplete answer is never
 * an empty list.
 */
public class GrafeasProvenanceSource implements ProvenanceSource {

  private final GrafeasAttestationSource builds;

  public GrafeasProvenanceSource(GrafeasConnection grafeas) {
    this.builds = new GrafeasAttestationSource(grafeas, NoteKind.BUILD);
  }

  @Override
  public List<Occurrence> builds(String noteName, ImageReference image, Deadline budget)
      throws BackendUnavailableException, NoteNotFoundException {
    return builds.attestations(noteName, image, budget);
  }

  @Override
  public CompletableFuture<List<Occurrence>> buildsAsync(
      String noteName, ImageReference image, Deadline budget, Executor blocking) {
    return builds.attestationsAsync(noteName, image, budget, blocking);
  }
}
