package io.dikast.cli.sign;

import io.dikast.cli.CliException;
import io.dikast.cli.ExitCode;
import io.dikast.cli.output.OutputOptions;
import io.dikast.cli.output.Printer;
import io.dikast.cli.output.Progress;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.CosignSignatureWriter;
import io.dikast.verifier.registry.UnreadableSignaturesException;
import java.time.Clock;
import picocli.CommandLine;

/** Pushes a signed cosign payload to the image's signature manifest in its registry. */
final class CosignUpload {

  /** What {@code --output json} prints. */
  record Result(
      String image,
      String repository,
      String tag,
      String manifestDigest,
      int signatures,
      boolean added,
      String publicKeyId) {}

  private CosignUpload() {}

  static int upload(
      CommandLine command,
      OutputOptions output,
      CosignLookup target,
      byte[] payload,
      String signatureBase64,
      String publicKeyId) {
    CosignSignatureWriter.Written written;
    try (Progress.Step step =
        Progress.on(command.getErr(), output.format())
            .step("pushing the cosign signature to " + target.repository())) {
      written =
          new CosignSignatureWriter(Clock.systemUTC()).write(target, payload, signatureBase64);
    } catch (BackendUnavailableException | UnreadableSignaturesException e) {
      throw CliException.usage(e.getMessage(), e);
    }
    String where = written.repository() + ":" + written.tag();
    new Printer(command.getOut(), output.format())
        .print(
            new Result(
                target.image().pinned(),
                written.repository(),
                written.tag(),
                written.manifestDigest(),
                written.signatures(),
                written.added(),
                publicKeyId),
            (written.added() ? "cosign signature pushed: " : "cosign signature already there: ")
                + where
                + " signs "
                + target.image().pinned()
                + " with key "
                + publicKeyId
                + " ("
                + written.signatures()
                + (written.signatures() == 1 ? " signature)" : " signatures)"));
    return ExitCode.OK;
  }
}
