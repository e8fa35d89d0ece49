package io.dikast.grafeas.store;

import io.grpc.Status;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code projects/{project}/{collection}/{id}} resource name. */
record ResourceName(String project, String id) {

  private static final Pattern PROJECT = Pattern.compile("projects/([^/]+)");

  /**
   * Parses {@code name} as a member of {@code collection} ({@code notes}, {@code occurrences}).
   *
   * @param what how the error message names the value, e.g. {@code note name}
   */
  static ResourceName parse(String name, String collection, String what) {
    Matcher matcher = Pattern.compile("projects/([^/]+)/" + collection + "/([^/]+)").matcher(name);
    if (!matcher.matches()) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              what
                  + " '"
                  + name
                  + "' is not of the form projects/{project}/"
                  + collection
                  + "/{id}")
          .asRuntimeException();
    }
    return new ResourceName(matcher.group(1), matcher.group(2));
  }

  /** The project id of a {@code projects/{project}} parent. */
  static String project(String parent) {
    Matcher matcher = PROJECT.matcher(parent);
    if (!matcher.matches()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("parent '" + parent + "' is not of the form projects/{project}")
          .asRuntimeException();
    }
    return matcher.group(1);
  }
}
