package io.dikast.cli.sign;

import io.dikast.cli.InputFiles;
import io.dikast.cli.grafeas.GrafeasOptions;
import io.dikast.cli.grafeas.NoteName;
import io.dikast.cli.output.OutputOptions;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.image.ImageReference;
import io.dikast.verifier.grafeas.AttestationOccurrences;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dikast attest}: uploads a signature made by another tool over the image's payload. */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = "Upload an attestation whose signature was made outside dikast.",
    footer = {
      "",
      "For example:",
      "  dikast sign --image IMG --payload-only > payload.json",
      "  gpg --armor --detach-sign payload.json    (or: openssl dgst -sha256 -sign key.pem"
          + " -out payload.sig payload.json)",
      "  dikast attest --image IMG --note projects/P/notes/N --signature payload.json.asc"
          + " --public-key-id ID"
    })
public final class AttestCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "REPO@sha256:DIGEST",
      description = "The image the signature vouches for, pinned by digest.")
  private String image;

  @Option(
      names = "--note",
      required = true,
      paramLabel = "projects/P/notes/N",
      description = "The authority's note the attestation is filed under.")
  private String note;

  @Option(
      names = "--signature",
      required = true,
      paramLabel = "FILE",
      description = "The signature file (PGP armored or binary, or a PKIX signature).")
  private Path signature;

  @Option(
      names = "--public-key-id",
      required = true,
      paramLabel = "ID",
      description = "The id of the key that signed: PGP fingerprint or PKIX key id.")
  private String publicKeyId;

  @Option(
      names = "--payload",
      paramLabel = "FILE",
      description =
          "The signed payload (default: the atomic container signature dikast sign --payload-only"
              + " prints).")
  private Path payload;

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
    byte[] signed =
        payload == null
            ? AtomicContainerSignature.payloadFor(pinned)
            : InputFiles.read(payload, "payload file");
    byte[] signatureBytes = InputFiles.read(signature, "signature file");
    return AttestationUpload.upload(
        spec.commandLine(),
        grafeas,
        output,
        project,
        AttestationOccurrences.of(
            noteName.toString(), pinned, signed, signatureBytes, publicKeyId.strip()));
  }
}
