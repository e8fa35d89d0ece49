package io.dikast.crds.v1beta1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The keys an authority resolved to, and whether it is usable. */
public class AttestationAuthorityStatus extends ConditionedStatus {

  @JsonPropertyDescription("One entry per key, valid or not.")
  private List<KeyStatus> keys = new ArrayList<>();

  @JsonPropertyDescription("How many keys are valid.")
  private Integer keyCount;

  @JsonPropertyDescription(
      "Whether the note exists in Grafeas; absent until the Grafeas client has checked.")
  private Boolean noteExists;

  public List<KeyStatus> getKeys() {
    return keys;
  }

  public void setKeys(List<KeyStatus> keys) {
    this.keys = keys == null ? new ArrayList<>() : keys;
  }

  public Integer getKeyCount() {
    return keyCount;
  }

  public void setKeyCount(Integer keyCount) {
    this.keyCount = keyCount;
  }

  public Boolean getNoteExists() {
    return noteExists;
  }

  public void setNoteExists(Boolean noteExists) {
    this.noteExists = noteExists;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttestationAuthorityStatus other
        && conditionsEqual(other)
        && Objects.equals(keys, other.keys)
        && Objects.equals(keyCount, other.keyCount)
        && Objects.equals(noteExists, other.noteExists);
  }

  @Override
  public int hashCode() {
    return Objects.hash(conditionsHash(), keys, keyCount, noteExists);
  }
}
