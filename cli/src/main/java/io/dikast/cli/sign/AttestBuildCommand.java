package io.dikast.cli.sign;

import io.dikast.cli.CliException;
import io.dikast.cli.InputFiles;
import io.dikast.cli.grafeas.GrafeasOptions;
import io.dikast.cli.grafeas.NoteName;
import io.dikast.cli.output.OutputOptions;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.Pae;
import io.dikast.engine.attestation.ProvenanceVerification;
import io.dikast.engine.attestation.ProvenanceVerifier;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.signing.SigningKey;
import io.dikast.verifier.grafeas.BuildOccurrences;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dikast attest-build}: signs a SLSA provenance statement file, byte for byte, in a DSSE
 * envelope and uploads it as a BUILD occurrence on the image. The engine's provenance verifier
 * checks the envelope first, so provenance of another digest, or a statement that is not SLSA
 * provenance, is never uploaded.
 */
@Command(
    name = "attest-build",
    mixinStandardHelpOptions = true,
    description = {
      "Sign an in-toto SLSA provenance statement (https://slsa.dev/provenance/v1 or v0.2) about a"
          + " digest-pinned image in a DSSE envelope and upload it to Grafeas as a BUILD"
          + " occurrence under the authority's BUILD note (dikast note create --kind BUILD).",
      "The statement's subject must name the image's repository and digest. The file's bytes are"
          + " signed as they are; policies' provenanceRequirements judge its builder id and"
          + " sources.",
      "Keys as for dikast sign: an armored PGP secret key, or a PEM private key and --algorithm."
    })
public final class AttestBuildCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "REPO@sha256:DIGEST",
      description = "The image the provenance is about, pinned by digest.")
  private String image;

  @Option(
      names = "--note",
      required = true,
      paramLabel = "projects/P/notes/N",
      description = "The authority's BUILD note the occurrence is filed under.")
  private String note;

  @Option(
      names = "--provenance",
      required = true,
      paramLabel = "FILE",
      description = "The in-toto statement file holding SLSA provenance of the image.")
  private Path provenance;

  @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key.")
  private Path key;

  @Mixin private SigningKeyOptions keyOptions;

  @Option(
      names = "--project",
      paramLabel = "P",
      description = "Project the occurrence is filed under (default: the note's project).")
  private String project;

  @Mixin private GrafeasOptions grafeas;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() {
    ImageReference pinned = PinnedImage.parse(image);
    NoteName noteName = NoteName.parse("--note", note);
    byte[] statement = InputFiles.read(provenance, "provenance file");
    SigningKey signingKey = keyOptions.load(key, false);
    byte[] signature =
        SigningKeyFile.sign(signingKey, Pae.encode(DsseEnvelope.IN_TOTO_TYPE, statement));
    ProvenanceVerification check =
        ProvenanceVerifier.verify(
            pinned,
            new DsseEnvelope(
                DsseEnvelope.IN_TOTO_TYPE,
                statement,
                List.of(new AttestationSignature(signature, signingKey.publicKeyId()))),
            List.of(signingKey.trustedKey()));
    if (!check.verified()) {
      throw CliException.denied(
          "provenance file "
              + provenance
              + " signed with key file "
              + key
              + " would not count for "
              + pinned.pinned()
              + ": "
              + check.reason());
    }
    return AttestationUpload.upload(
        spec.commandLine(),
        grafeas,
        output,
        project,
        BuildOccurrences.of(
            noteName.toString(), pinned, statement, signature, signingKey.publicKeyId()),
        "build provenance");
  }
}
