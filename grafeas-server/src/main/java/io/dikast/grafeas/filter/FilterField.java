package io.dikast.grafeas.filter;

import java.util.List;
import java.util.Optional;

/** A field a list filter can compare, with the spellings the Grafeas API accepts for it. */
public enum FilterField {
  NAME("name"),
  KIND("kind"),
  RESOURCE_URL("resourceUrl", "resource_url"),
  NOTE_NAME("noteName", "note_name"),
  NOTE_PROJECT_ID("noteProjectId", "note_project_id"),
  NOTE_ID("noteId", "note_id");

  private final List<String> spellings;

  FilterField(String... spellings) {
    this.spellings = List.of(spellings);
  }

  /** The field spelled {@code identifier}, if any. */
  public static Optional<FilterField> bySpelling(String identifier) {
    for (FilterField field : values()) {
      if (field.spellings.contains(identifier)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  /** The canonical (camel case) spelling. */
  public String spelling() {
    return spellings.get(0);
  }
}
