package io.dikast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.cli.testing.Dikast;
import io.dikast.cli.testing.Dikast.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

  @ParameterizedTest
  @CsvSource({
    "'', dikast",
    "note, dikast note",
    "note create, dikast note create",
    "sign, dikast sign",
    "attest, dikast attest",
    "authority, dikast authority"
  })
  void printsHelpForEveryCommand(String command, String qualifiedName) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");

    Run run = Dikast.run(args);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: " + qualifiedName + " ");
    assertThat(run.out()).contains("-h, --help");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void printsTheBuiltVersion() {
    Run run = Dikast.run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("dikast 0.1.0-SNAPSHOT\n");
  }

  @Test
  void reportsAnUnknownOptionInOneLineWithExitCodeTwo() {
    Run run = Dikast.run("note", "create", "--project", "p", "--note", "qa", "--colour");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("dikast: Unknown option: '--colour' (see 'dikast note create --help')\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void printsUsageToStderrWithExitCodeTwoWhenNoCommandIsGiven() {
    Run run = Dikast.run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Usage: dikast ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesAnInvalidOutputFormat() {
    Run run = Dikast.run("note", "create", "--project", "p", "--note", "qa", "--output", "xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "dikast: Invalid value for option '--output': expected one of [TEXT, JSON] (case-insensitive) but was 'xml' (see 'dikast note create --help')\n");
  }
}
