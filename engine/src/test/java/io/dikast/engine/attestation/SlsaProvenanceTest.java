package io.dikast.engine.attestation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement files in the shapes slsa-github-generator (v1) and Cloud Build (v0.2) write. */
class SlsaProvenanceTest {

  @Test
  void readsTheBuilderAndSourcesOfV1Provenance() throws Exception {
    assertThat(SlsaProvenance.read(resource("slsa-v1.json")))
        .isEqualTo(
            new SlsaProvenance(
                "https://slsa.dev/provenance/v1",
                "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                    + "generator_container_slsa3.yml@refs/tags/v2.0.0",
                List.of("git+https://github.com/acme/app", "https://github.com/acme/app")));
  }

  @Test
  void readsTheBuilderAndSourcesOfV02Provenance() throws Exception {
    assertThat(SlsaProvenance.read(resource("slsa-v02.json")))
        .isEqualTo(
            new SlsaProvenance(
                "https://slsa.dev/provenance/v0.2",
                "https://cloudbuild.googleapis.com/GoogleHostedWorker",
                List.of(
                    "git+https://source.developers.google.com/p/acme/r/app",
                    "https://storage.googleapis.com/acme/tools")));
  }

  @Test
  void refusesAStatementOfAnotherPredicateOrWithoutABuilder() {
    assertThatThrownBy(
            () ->
                SlsaProvenance.read(
                    ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":"
                            + "\"https://dikast.io/attestations/approval/v1\",\"predicate\":{}}")
                        .getBytes(UTF_8)))
        .hasMessage(
            "statement is not SLSA provenance (predicateType"
                + " \"https://dikast.io/attestations/approval/v1\")");
    assertThatThrownBy(
            () ->
                SlsaProvenance.read(
                    ("{\"predicateType\":\"https://slsa.dev/provenance/v1\","
                            + "\"predicate\":{\"runDetails\":{\"builder\":{\"id\":7}}}}")
                        .getBytes(UTF_8)))
        .hasMessage("provenance names no builder id");
    assertThatThrownBy(
            () ->
                SlsaProvenance.read(
                    "{\"predicateType\":\"a\",\"predicateType\":\"b\"}".getBytes(UTF_8)))
        .hasMessageStartingWith("statement is not strict JSON");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SlsaProvenanceTest.class.getResourceAsStream("/provenance/" + name)) {
      return in.readAllBytes();
    }
  }
}
