package io.dikast.engine.policy;

import io.dikast.engine.attestation.SlsaProvenance;
import java.util.List;
import java.util.Objects;

/**
 * A policy's demand for signed build provenance: {@code authorityName} must have signed SLSA
 * provenance of the image whose builder id matches one of {@code builderIdPatterns} and which names
 * a source repository matching one of {@code sourceRepositoryPatterns}. Patterns are {@link
 * AllowlistPattern}s (anchored, {@code *} within a path segment, {@code **} across); an empty list
 * allows anything.
 */
public record ProvenanceRequirement(
    String authorityName, List<String> builderIdPatterns, List<String> sourceRepositoryPatterns) {

  public ProvenanceRequirement {
    Objects.requireNonNull(authorityName, "authorityName");
    builderIdPatterns = List.copyOf(builderIdPatterns);
    sourceRepositoryPatterns = List.copyOf(sourceRepositoryPatterns);
  }

  boolean allowsBuilder(SlsaProvenance provenance) {
    return builderIdPatterns.isEmpty() || anyMatches(builderIdPatterns, provenance.builderId());
  }

  boolean allowsSource(SlsaProvenance provenance) {
    return sourceRepositoryPatterns.isEmpty()
        || provenance.sourceUris().stream()
            .anyMatch(uri -> anyMatches(sourceRepositoryPatterns, uri));
  }

  boolean isMetBy(SlsaProvenance provenance) {
    return allowsBuilder(provenance) && allowsSource(provenance);
  }

  private static boolean anyMatches(List<String> patterns, String text) {
    return patterns.stream().map(AllowlistPattern::compile).anyMatch(p -> p.matches(text));
  }
}
