package io.dikast.cli.grafeas;

import io.dikast.cli.CliException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Grafeas note name, {@code projects/<project>/notes/<note>}, as authorities reference it. */
public record NoteName(String project, String noteId) {

  // The same leading version prefixes AttestationAuthority.noteReference tolerates.
  private static final Pattern NAME =
      Pattern.compile("(?:v1beta1/|v1/)?projects/([^/\\s]+)/notes/([^/\\s]+)");

  private static final Pattern ID = Pattern.compile("[^/\\s]+");

  /** Parses the value of an option such as {@code --note}, naming the option in the error. */
  public static NoteName parse(String option, String text) {
    Matcher matcher = NAME.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw CliException.usage(
          option + " must be projects/<project>/notes/<note>, not '" + text + "'");
    }
    return new NoteName(matcher.group(1), matcher.group(2));
  }

  /** A note from its project and id as given on their own, e.g. to {@code note create}. */
  public static NoteName of(String project, String noteId) {
    return new NoteName(requireId("--project", project), requireId("--note", noteId));
  }

  /** A project or note id as an option gives it: no {@code /}, no spaces. */
  public static String requireId(String option, String id) {
    if (!ID.matcher(id).matches()) {
      throw CliException.usage(option + " must be an id without '/' or spaces, not '" + id + "'");
    }
    return id;
  }

  public String projectName() {
    return "projects/" + project;
  }

  @Override
  public String toString() {
    return projectName() + "/notes/" + noteId;
  }
}
