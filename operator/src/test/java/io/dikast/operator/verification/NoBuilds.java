package io.dikast.operator.verification;

import io.dikast.verifier.grafeas.ProvenanceSource;

/** A provenance source for tests whose policies require no provenance: asking it is a bug. */
public final class NoBuilds {

  public static final ProvenanceSource SOURCE =
      (note, image, budget) -> {
        throw new AssertionError("a policy without provenance requirements asked for builds");
      };

  private NoBuilds() {}
}
