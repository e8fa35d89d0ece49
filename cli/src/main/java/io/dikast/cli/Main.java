package io.dikast.cli;

/** The {@code dikast} entry point: runs one command and exits with its code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(DikastCli.create(System.getenv()).execute(args));
  }
}
