package io.dikast.grafeas.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.dikast.grafeas.filter.FilterField;
import io.grafeas.v1.Occurrence;
import java.util.List;
import java.util.Map;

/** Occurrences: indexed by project, kind, resource URI and the note they reference. */
final class OccurrenceMapping implements ObjectMapping<Occurrence> {

  @Override
  public String table() {
    return "occurrences";
  }

  @Override
  public String noun() {
    return "occurrence";
  }

  @Override
  public String name(Occurrence occurrence) {
    return occurrence.getName();
  }

  @Override
  public List<String> columns() {
    return List.of("project", "kind", "resource_uri", "note_name", "note_project", "note_id");
  }

  @Override
  public List<String> values(Occurrence occurrence) {
    ResourceName name = ResourceName.parse(occurrence.getName(), "occurrences", "occurrence name");
    ResourceName note = ResourceName.parse(occurrence.getNoteName(), "notes", "note_name");
    return List.of(
        name.project(),
        occurrence.getKind().name(),
        occurrence.getResourceUri(),
        occurrence.getNoteName(),
        note.project(),
        note.id());
  }

  @Override
  public Occurrence parse(byte[] body) throws InvalidProtocolBufferException {
    return Occurrence.parseFrom(body);
  }

  @Override
  public Timestamp createTime(Occurrence occurrence) {
    return occurrence.getCreateTime();
  }

  @Override
  public Occurrence stamped(Occurrence occurrence, Timestamp createTime, Timestamp updateTime) {
    return occurrence.toBuilder().setCreateTime(createTime).setUpdateTime(updateTime).build();
  }

  @Override
  public Map<FilterField, String> filterColumns() {
    return Map.of(
        FilterField.RESOURCE_URL, "resource_uri",
        FilterField.KIND, "kind",
        FilterField.NOTE_NAME, "note_name",
        FilterField.NOTE_PROJECT_ID, "note_project",
        FilterField.NOTE_ID, "note_id");
  }
}
