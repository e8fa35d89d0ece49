package io.dikast.cli.sign;

import io.dikast.cli.ExitCode;
import io.dikast.cli.grafeas.GrafeasClient;
import io.dikast.cli.grafeas.GrafeasOptions;
import io.dikast.cli.grafeas.NoteName;
import io.dikast.cli.output.OutputOptions;
import io.dikast.cli.output.Printer;
import io.dikast.cli.output.Progress;
import io.grafeas.v1.Occurrence;
import picocli.CommandLine;

/** Files a signed payload as an ATTESTATION (or BUILD) occurrence on the image's resource URI. */
final class AttestationUpload {

  /** What {@code --output json} prints. */
  record Result(
      String occurrence, String image, String resourceUri, String note, String publicKeyId) {}

  private AttestationUpload() {}

  /**
   * @param project the project the occurrence is filed under; null for the note's project
   */
  static int upload(
      CommandLine command,
      GrafeasOptions grafeas,
      OutputOptions output,
      String project,
      Occurrence occurrence) {
    return upload(command, grafeas, output, project, occurrence, "attestation");
  }

  /**
   * @param what what the occurrence is, as the progress and result lines name it
   */
  static int upload(
      CommandLine command,
      GrafeasOptions grafeas,
      OutputOptions output,
      String project,
      Occurrence occurrence,
      String what) {
    NoteName note = NoteName.parse("--note", occurrence.getNoteName());
    String parent =
        project == null ? note.project() : NoteName.of(project, note.noteId()).project();
    Occurrence created;
    try (GrafeasClient client = GrafeasClient.connect(grafeas);
        Progress.Step step =
            Progress.on(command.getErr(), output.format())
                .step("uploading the " + what + " to Grafeas at " + client.address())) {
      created = client.createOccurrence(parent, occurrence);
    }
    String image = occurrence.getResourceUri().substring("https://".length());
    // A DSSE occurrence carries its one signature in the envelope, not in the attestation.
    String keyId =
        occurrence.hasEnvelope()
            ? occurrence.getEnvelope().getSignatures(0).getKeyid()
            : occurrence.getAttestation().getSignatures(0).getPublicKeyId();
    new Printer(command.getOut(), output.format())
        .print(
            new Result(
                created.getName(), image, occurrence.getResourceUri(), note.toString(), keyId),
            what
                + " "
                + created.getName()
                + " uploaded: "
                + image
                + " signed by key "
                + keyId
                + " under note "
                + note);
    return ExitCode.OK;
  }
}
