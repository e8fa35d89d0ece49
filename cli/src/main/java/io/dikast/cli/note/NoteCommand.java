package io.dikast.cli.note;

import io.dikast.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dikast note}: groups the note subcommands. */
@Command(
    name = "note",
    mixinStandardHelpOptions = true,
    description = "Manage the Grafeas notes attestation authorities sign under.",
    subcommands = NoteCreateCommand.class)
public final class NoteCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
