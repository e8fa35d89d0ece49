package io.dikast.cli;

import io.dikast.cli.authority.AuthorityCommand;
import io.dikast.cli.note.NoteCommand;
import io.dikast.cli.sign.AttestBuildCommand;
import io.dikast.cli.sign.AttestCommand;
import io.dikast.cli.sign.SignCommand;
import io.dikast.cli.verify.VerifyCommand;
import io.dikast.cli.verify.WhatIfCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dikast}: the root command, which only dispatches to its subcommands. */
@Command(
    name = "dikast",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Sign container image digests, manage the Grafeas attestations Dikast admits, and check"
            + " workloads against policies before deploying.",
    subcommands = {
      NoteCommand.class,
      SignCommand.class,
      AttestCommand.class,
      AttestBuildCommand.class,
      AuthorityCommand.class,
      VerifyCommand.class,
      WhatIfCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 denial or verification failure, 2 usage or configuration error."
    })
public final class DikastCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
