package io.dikast.cli.note;

import io.dikast.cli.ExitCode;
import io.dikast.cli.grafeas.GrafeasClient;
import io.dikast.cli.grafeas.GrafeasOptions;
import io.dikast.cli.grafeas.NoteName;
import io.dikast.cli.output.OutputOptions;
import io.dikast.cli.output.Printer;
import io.dikast.cli.output.Progress;
import io.grafeas.v1.AttestationNote;
import io.grafeas.v1.BuildNote;
import io.grafeas.v1.Note;
import io.grafeas.v1.NoteKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dikast note create}: the ATTESTATION note an authority's attestations are filed under. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create an ATTESTATION note in Grafeas for an attestation authority, or with --kind BUILD"
          + " the BUILD note its signed build provenance is filed under.",
      "Running it again for an existing note succeeds and says the note already exists."
    })
public final class NoteCreateCommand implements Callable<Integer> {

  /** What {@code --output json} prints. */
  record Result(String note, boolean created) {}

  @Spec private CommandSpec spec;

  @Option(names = "--project", required = true, description = "Grafeas project of the note.")
  private String project;

  @Option(names = "--note", required = true, description = "Note id, e.g. qa.")
  private String noteId;

  @Option(
      names = "--kind",
      paramLabel = "ATTESTATION|BUILD",
      description =
          "ATTESTATION (default) for an authority's attestations; BUILD for its signed build"
              + " provenance (dikast attest-build).")
  private Kind kind = Kind.ATTESTATION;

  /** The note kinds an authority files evidence under. */
  enum Kind {
    ATTESTATION,
    BUILD
  }

  @Option(
      names = "--description",
      description = "One sentence saying what the authority vouches for.")
  private String description;

  @Mixin private GrafeasOptions grafeas;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() {
    NoteName name = NoteName.of(project, noteId);
    Note.Builder builder =
        Note.newBuilder()
            .setShortDescription(
                description != null
                    ? description
                    : (kind == Kind.BUILD
                            ? "Build provenance by authority "
                            : "Attestation authority ")
                        + noteId);
    Note note =
        kind == Kind.BUILD
            ? builder
                .setKind(NoteKind.BUILD)
                .setBuild(BuildNote.newBuilder().setBuilderVersion(noteId))
                .build()
            : builder
                .setKind(NoteKind.ATTESTATION)
                .setAttestation(
                    AttestationNote.newBuilder()
                        .setHint(AttestationNote.Hint.newBuilder().setHumanReadableName(noteId)))
                .build();
    boolean created;
    try (GrafeasClient client = GrafeasClient.connect(grafeas);
        Progress.Step step =
            Progress.on(spec.commandLine().getErr(), output.format())
                .step("creating note " + name + " in Grafeas at " + client.address())) {
      created = client.createNote(name, note);
    }
    new Printer(spec.commandLine().getOut(), output.format())
        .print(
            new Result(name.toString(), created),
            created ? "note " + name + " created" : "note " + name + " already exists");
    return ExitCode.OK;
  }
}
