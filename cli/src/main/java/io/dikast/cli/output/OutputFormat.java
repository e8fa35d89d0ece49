package io.dikast.cli.output;

/** How a command prints its result: sentences for people, JSON for machines. */
public enum OutputFormat {
  TEXT,
  JSON
}
