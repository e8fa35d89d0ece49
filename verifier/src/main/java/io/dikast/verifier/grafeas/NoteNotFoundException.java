package io.dikast.verifier.grafeas;

/**
 * Grafeas answered that the authority's note does not exist. Unlike an outage this is an answer:
 * nothing is attested under a missing note, so it never takes the fail-open path.
 */
public class NoteNotFoundException extends Exception {

  public NoteNotFoundException(String noteName) {
    super("note " + noteName + " does not exist in Grafeas");
  }
}
