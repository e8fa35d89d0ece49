package io.dikast.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the files a command names, failing with one line that names the option. */
public final class InputFiles {

  private InputFiles() {}

  public static byte[] read(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(what + " " + file + " does not exist");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /** The passphrase is the file's first line; a trailing line break is not part of it. */
  public static char[] passphrase(Path file) {
    String text = new String(read(file, "passphrase file"), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return (line.endsWith("\r") ? line.substring(0, line.length() - 1) : line).toCharArray();
  }
}
