package io.dikast.quickstart;

import java.io.PrintStream;

/** What a newcomer reads: each step in words, the command it stands for, and what came back. */
final class Transcript {

  private static final String INDENT = "      ";

  private final PrintStream out;
  private int step;

  Transcript(PrintStream out) {
    this.out = out;
  }

  void title(String text) {
    out.println(text);
    out.println();
  }

  void step(String words) {
    step++;
    out.println();
    out.printf("%2d. %s%n", step, words);
  }

  void command(String command) {
    out.println(INDENT + "$ " + command);
  }

  void text(String text) {
    text.strip().lines().forEach(line -> out.println(INDENT + "  " + line));
  }

  void result(String text) {
    String[] lines = text.strip().split("\n");
    out.println(INDENT + "=> " + lines[0]);
    for (int i = 1; i < lines.length; i++) {
      out.println(INDENT + "   " + lines[i]);
    }
  }

  void end(String text) {
    out.println();
    out.println(text);
    out.flush();
  }
}
