package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl, run as a user would run it, against one kubeconfig and nothing else. */
final class Kubectl {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final Path kubeconfig;
  private final Path workDir;

  Kubectl(Path binary, Path kubeconfig, Path workDir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
  }

  /** What kubectl printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {

    boolean succeeded() {
      return exitCode == 0;
    }
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  /** {@code kubectl apply -f -} of the manifest in the namespace, with extra flags. */
  Result apply(String namespace, String manifest, String... flags) {
    List<String> args = new ArrayList<>(List.of("apply", "-n", namespace, "-f", "-"));
    args.addAll(List.of(flags));
    return runWithInput(manifest, args.toArray(String[]::new));
  }

  /** The resource's Ready condition as {@code <status> <reason>}, or a blank when it has none. */
  String readyCondition(String namespace, String resource) {
    return run(
            "get",
            "-n",
            namespace,
            resource,
            "-o",
            "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"
                + " {.status.conditions[?(@.type==\"Ready\")].reason}")
        .stdout();
  }

  Result runWithInput(String stdin, String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(workDir);
      Path out = Files.createTempFile(workDir, "kubectl", ".out");
      Path err = Files.createTempFile(workDir, "kubectl", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        // Only the kubeconfig given above may decide where kubectl goes.
        builder.environment().remove("KUBECONFIG");
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
          in.write(stdin.getBytes(UTF_8));
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
