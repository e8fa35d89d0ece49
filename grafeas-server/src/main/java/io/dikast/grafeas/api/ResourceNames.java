package io.dikast.grafeas.api;

import java.util.regex.Pattern;

/** Validates and builds the resource names of projects, notes and occurrences. */
public final class ResourceNames {

  private static final String ID = "[A-Za-z0-9._~-]{1,128}";
  private static final Pattern ID_PATTERN = Pattern.compile(ID);
  private static final Pattern PROJECT = Pattern.compile("projects/" + ID);
  private static final Pattern NOTE = Pattern.compile("projects/" + ID + "/notes/" + ID);
  private static final Pattern OCCURRENCE =
      Pattern.compile("projects/" + ID + "/occurrences/" + ID);

  private ResourceNames() {}

  public static String requireProject(String field, String value) {
    return require(PROJECT, field, value, "projects/{project}");
  }

  public static String requireNote(String field, String value) {
    return require(NOTE, field, value, "projects/{project}/notes/{note}");
  }

  public static String requireOccurrence(String field, String value) {
    return require(OCCURRENCE, field, value, "projects/{project}/occurrences/{occurrence}");
  }

  public static String requireId(String field, String value) {
    if (value.isEmpty()) {
      throw ApiErrors.invalidArgument(field + " is required");
    }
    if (!ID_PATTERN.matcher(value).matches()) {
      throw ApiErrors.invalidArgument(
          field + " must be 1 to 128 letters, digits, '.', '_', '~' or '-', got '" + value + "'");
    }
    return value;
  }

  public static String note(String project, String noteId) {
    return project + "/notes/" + noteId;
  }

  public static String occurrence(String project, String occurrenceId) {
    return project + "/occurrences/" + occurrenceId;
  }

  private static String require(Pattern pattern, String field, String value, String shape) {
    if (value.isEmpty()) {
      throw ApiErrors.invalidArgument(field + " is required");
    }
    if (!pattern.matcher(value).matches()) {
      throw ApiErrors.invalidArgument(field + " must be " + shape + ", got '" + value + "'");
    }
    return value;
  }
}
