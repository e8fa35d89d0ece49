package io.dikast.grafeas.store;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.agroal.api.AgroalDataSource;
import io.dikast.grafeas.filter.SqlCondition;
import io.grafeas.v1.Note;
import io.grafeas.v1.Occurrence;
import io.grpc.Status;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link GrafeasStore} over JDBC, for PostgreSQL and the embedded H2 database.
 *
 * <p>Each object is kept as its protobuf bytes with indexed columns beside it. The store owns the
 * output-only timestamps: a create sets {@code create_time} and {@code update_time} to now, a
 * replace keeps the stored {@code create_time} and sets {@code update_time}.
 */
public final class JdbcGrafeasStore implements GrafeasStore, AutoCloseable {

  private final ObjectTable<Note> notes = new ObjectTable<>(new NoteMapping());
  private final ObjectTable<Occurrence> occurrences = new ObjectTable<>(new OccurrenceMapping());
  private final AgroalDataSource dataSource;
  private final Transactor transactor;
  private final SqlDialect dialect;
  private final Clock clock;

  private JdbcGrafeasStore(AgroalDataSource dataSource, SqlDialect dialect, Clock clock) {
    this.dataSource = dataSource;
    this.transactor = new Transactor(dataSource);
    this.dialect = dialect;
    this.clock = clock;
  }

  /**
   * Migrates the schema of {@code dataSource} to the current version and opens the store on it. The
   * store owns the pool from then on and closes it in {@link #close()}.
   */
  public static JdbcGrafeasStore open(AgroalDataSource dataSource) {
    return open(dataSource, Clock.systemUTC());
  }

  static JdbcGrafeasStore open(AgroalDataSource dataSource, Clock clock) {
    SqlDialect dialect;
    try (Connection connection = dataSource.getConnection()) {
      dialect = SqlDialect.of(connection);
    } catch (SQLException e) {
      dataSource.close();
      throw SqlErrors.unavailable(e);
    }
    SchemaMigration.migrate(dataSource);
    return new JdbcGrafeasStore(dataSource, dialect, clock);
  }

  @Override
  public Note createNote(Note note) {
    return createNotes(List.of(note)).get(0);
  }

  @Override
  public List<Note> createNotes(List<Note> batch) {
    return create(notes, batch, connection -> {});
  }

  @Override
  public Optional<Note> getNote(String name) {
    return transactor.inTransaction(connection -> notes.select(connection, name, ""));
  }

  @Override
  public Note replaceNote(Note note) {
    return replace(notes, note, connection -> {});
  }

  @Override
  public boolean deleteNote(String name) {
    return transactor.inTransaction(connection -> notes.delete(connection, name));
  }

  @Override
  public Occurrence createOccurrence(Occurrence occurrence) {
    return createOccurrences(List.of(occurrence)).get(0);
  }

  @Override
  public List<Occurrence> createOccurrences(List<Occurrence> batch) {
    return create(occurrences, batch, connection -> requireNotes(connection, batch));
  }

  @Override
  public Optional<Occurrence> getOccurrence(String name) {
    return transactor.inTransaction(connection -> occurrences.select(connection, name, ""));
  }

  @Override
  public Occurrence replaceOccurrence(Occurrence occurrence) {
    return replace(
        occurrences, occurrence, connection -> requireNotes(connection, List.of(occurrence)));
  }

  @Override
  public boolean deleteOccurrence(String name) {
    return transactor.inTransaction(connection -> occurrences.delete(connection, name));
  }

  @Override
  public Page<Note> listNotes(String parent, ListQuery query) {
    return list(notes, "project", ResourceName.project(parent), query);
  }

  @Override
  public Page<Occurrence> listOccurrences(String parent, ListQuery query) {
    return list(occurrences, "project", ResourceName.project(parent), query);
  }

  @Override
  public Page<Occurrence> listNoteOccurrences(String noteName, ListQuery query) {
    ResourceName.parse(noteName, "notes", "note name");
    return list(occurrences, "note_name", noteName, query);
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** A check run in the write's transaction before it writes. */
  @FunctionalInterface
  private interface Precondition {
    void check(Connection connection) throws SQLException;
  }

  private <T extends Message> List<T> create(
      ObjectTable<T> table, List<T> batch, Precondition precondition) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<String> names = distinctNames(table.mapping(), batch);
    Timestamp now = now();
    List<T> stamped = batch.stream().map(o -> table.mapping().stamped(o, now, now)).toList();
    try {
      return transactor.inTransaction(
          connection -> {
            precondition.check(connection);
            table.insert(connection, stamped, now);
            return stamped;
          });
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Code.ALREADY_EXISTS) {
        throw alreadyExists(table, names, e);
      }
      throw e;
    }
  }

  private <T extends Message> T replace(ObjectTable<T> table, T object, Precondition precondition) {
    ObjectMapping<T> mapping = table.mapping();
    String name = mapping.name(object);
    Timestamp now = now();
    return transactor.inTransaction(
        connection -> {
          T stored =
              table
                  .select(connection, name, " FOR UPDATE")
                  .orElseThrow(() -> notFound(mapping.noun() + " " + name + " does not exist"));
          precondition.check(connection);
          T replacement = mapping.stamped(object, mapping.createTime(stored), now);
          table.update(connection, replacement, now);
          return replacement;
        });
  }

  private <T extends Message> Page<T> list(
      ObjectTable<T> table, String scopeColumn, String scope, ListQuery query) {
    SqlCondition condition = table.condition(query.filter());
    long requestHash =
        PageToken.requestHash(table.mapping().table() + "." + scopeColumn, scope, query.filter());
    long after = PageToken.continueAfter(query.pageToken(), requestHash);
    ObjectTable.Rows<T> rows =
        transactor.inTransaction(
            connection ->
                table.list(
                    connection, scopeColumn, scope, condition, after, query.effectivePageSize()));
    String next = rows.more() ? PageToken.encode(rows.lastSequence(), requestHash) : "";
    return new Page<>(rows.items(), next);
  }

  private void requireNotes(Connection connection, List<Occurrence> batch) throws SQLException {
    Set<String> referenced = new LinkedHashSet<>();
    for (Occurrence occurrence : batch) {
      ResourceName.parse(occurrence.getNoteName(), "notes", "note_name");
      referenced.add(occurrence.getNoteName());
    }
    Set<String> found = notes.existing(connection, referenced, dialect.shareLock());
    for (String note : referenced) {
      if (!found.contains(note)) {
        throw Status.FAILED_PRECONDITION
            .withDescription("note " + note + " does not exist")
            .asRuntimeException();
      }
    }
  }

  private static <T extends Message> List<String> distinctNames(
      ObjectMapping<T> mapping, List<T> batch) {
    Set<String> seen = new HashSet<>();
    for (T object : batch) {
      String name = mapping.name(object);
      mapping.values(object);
      if (!seen.add(name)) {
        throw Status.INVALID_ARGUMENT
            .withDescription(mapping.noun() + " " + name + " appears twice in the batch")
            .asRuntimeException();
      }
    }
    return batch.stream().map(mapping::name).toList();
  }

  private <T extends Message> StatusRuntimeException alreadyExists(
      ObjectTable<T> table, List<String> names, StatusRuntimeException cause) {
    Set<String> taken = transactor.inTransaction(c -> table.existing(c, names, ""));
    String noun = table.mapping().noun();
    String description =
        names.stream()
            .filter(taken::contains)
            .findFirst()
            .map(name -> noun + " " + name + " already exists")
            .orElse("a " + noun + " of the batch already exists");
    return Status.ALREADY_EXISTS.withDescription(description).withCause(cause).asRuntimeException();
  }

  private static StatusRuntimeException notFound(String description) {
    return Status.NOT_FOUND.withDescription(description).asRuntimeException();
  }

  private Timestamp now() {
    Instant instant = clock.instant();
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
