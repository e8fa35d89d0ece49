package io.dikast.operator.policyset;

/**
 * An authority's key set changed, appeared or went away; a verification cache drops the facts it
 * holds for {@code previousKeySetVersion}.
 *
 * @param previousKeySetVersion null when the authority is new
 * @param currentKeySetVersion null when the authority was deleted
 */
public record AuthorityChange(
    String namespace, String name, String previousKeySetVersion, String currentKeySetVersion) {

  public boolean removed() {
    return currentKeySetVersion == null;
  }
}
