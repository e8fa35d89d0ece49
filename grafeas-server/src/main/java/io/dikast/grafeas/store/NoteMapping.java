package io.dikast.grafeas.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.dikast.grafeas.filter.FilterField;
import io.grafeas.v1.Note;
import java.util.List;
import java.util.Map;

/** Notes: indexed by project, note id and kind. */
final class NoteMapping implements ObjectMapping<Note> {

  @Override
  public String table() {
    return "notes";
  }

  @Override
  public String noun() {
    return "note";
  }

  @Override
  public String name(Note note) {
    return note.getName();
  }

  @Override
  public List<String> columns() {
    return List.of("project", "note_id", "kind");
  }

  @Override
  public List<String> values(Note note) {
    ResourceName name = ResourceName.parse(note.getName(), "notes", "note name");
    return List.of(name.project(), name.id(), note.getKind().name());
  }

  @Override
  public Note parse(byte[] body) throws InvalidProtocolBufferException {
    return Note.parseFrom(body);
  }

  @Override
  public Timestamp createTime(Note note) {
    return note.getCreateTime();
  }

  @Override
  public Note stamped(Note note, Timestamp createTime, Timestamp updateTime) {
    return note.toBuilder().setCreateTime(createTime).setUpdateTime(updateTime).build();
  }

  @Override
  public Map<FilterField, String> filterColumns() {
    return Map.of(FilterField.NAME, "name", FilterField.KIND, "kind");
  }
}
