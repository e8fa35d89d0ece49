package io.dikast.grafeas.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.dikast.grafeas.filter.SqlCondition;
import io.dikast.grafeas.filter.SqlFilterTranslator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of one object table; every method runs on the caller's connection and transaction. */
final class ObjectTable<T extends Message> {

  private final ObjectMapping<T> mapping;
  private final SqlFilterTranslator filters;
  private final String insertSql;
  private final String updateSql;

  ObjectTable(ObjectMapping<T> mapping) {
    this.mapping = mapping;
    this.filters = new SqlFilterTranslator(mapping.filterColumns());
    List<String> columns = mapping.columns();
    this.insertSql =
        "INSERT INTO "
            + mapping.table()
            + " (name, "
            + String.join(", ", columns)
            + ", create_time, update_time, body) VALUES (?, "
            + "?, ".repeat(columns.size())
            + "?, ?, ?)";
    this.updateSql =
        "UPDATE "
            + mapping.table()
            + " SET "
            + String.join(" = ?, ", columns)
            + " = ?, update_time = ?, body = ? WHERE name = ?";
  }

  ObjectMapping<T> mapping() {
    return mapping;
  }

  /** Parses a list filter into a condition on this table's columns. */
  SqlCondition condition(String filter) {
    return filters.translate(filter);
  }

  void insert(Connection connection, List<T> objects, Timestamp createTime) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
      for (T object : objects) {
        int index = 1;
        statement.setString(index++, mapping.name(object));
        for (String value : mapping.values(object)) {
          statement.setString(index++, value);
        }
        statement.setObject(index++, dateTime(createTime));
        statement.setObject(index++, dateTime(createTime));
        statement.setBytes(index, object.toByteArray());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  /** Updates a row with the object's columns; returns whether the row existed. */
  boolean update(Connection connection, T object, Timestamp updateTime) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(updateSql)) {
      int index = 1;
      for (String value : mapping.values(object)) {
        statement.setString(index++, value);
      }
      statement.setObject(index++, dateTime(updateTime));
      statement.setBytes(index++, object.toByteArray());
      statement.setString(index, mapping.name(object));
      return statement.executeUpdate() == 1;
    }
  }

  /**
   * Reads one object.
   *
   * @param lockClause appended to the query, e.g. {@code FOR UPDATE}, or empty
   */
  Optional<T> select(Connection connection, String name, String lockClause) throws SQLException {
    String sql = "SELECT body FROM " + mapping.table() + " WHERE name = ?" + lockClause;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(parse(rows.getBytes(1))) : Optional.empty();
      }
    }
  }

  boolean delete(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("DELETE FROM " + mapping.table() + " WHERE name = ?")) {
      statement.setString(1, name);
      return statement.executeUpdate() == 1;
    }
  }

  /** Which of {@code names} are stored, locking those rows with {@code lockClause}. */
  Set<String> existing(Connection connection, Collection<String> names, String lockClause)
      throws SQLException {
    if (names.isEmpty()) {
      return Set.of();
    }
    String placeholders = String.join(", ", Collections.nCopies(names.size(), "?"));
    String sql =
        "SELECT name FROM "
            + mapping.table()
            + " WHERE name IN ("
            + placeholders
            + ")"
            + lockClause;
    Set<String> found = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (String name : names) {
        statement.setString(index++, name);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    }
    return found;
  }

  /**
   * Up to {@code pageSize} rows whose {@code scopeColumn} is {@code scopeValue} and that satisfy
   * {@code condition}, in sequence order after {@code afterSequence} (0 for the first page).
   */
  Rows<T> list(
      Connection connection,
      String scopeColumn,
      String scopeValue,
      SqlCondition condition,
      long afterSequence,
      int pageSize)
      throws SQLException {
    boolean firstPage = afterSequence <= 0;
    try (PreparedStatement statement =
        connection.prepareStatement(listSql(scopeColumn, condition, firstPage))) {
      int index = 1;
      statement.setString(index++, scopeValue);
      for (String parameter : condition.parameters()) {
        statement.setString(index++, parameter);
      }
      if (!firstPage) {
        statement.setLong(index++, afterSequence);
      }
      statement.setInt(index, pageSize + 1);
      return read(statement, pageSize);
    }
  }

  /**
   * The statement {@link #list} runs; its parameters are the scope, the condition's, the sequence
   * to continue after (not on a first page) and the page size.
   */
  String listSql(String scopeColumn, SqlCondition condition, boolean firstPage) {
    // A first page has no lower bound on seq: "seq > 0" would hold for every row, and H2 does not
    // look an IN list (the webhook's two spellings of an image) up in an index once a range
    // condition has claimed that index, so it would scan the whole index instead.
    return "SELECT seq, body FROM "
        + mapping.table()
        + " WHERE "
        + scopeColumn
        + " = ? AND "
        + condition.sql()
        + (firstPage ? "" : " AND seq > ?")
        + " ORDER BY seq FETCH FIRST ? ROWS ONLY";
  }

  private Rows<T> read(PreparedStatement statement, int pageSize) throws SQLException {
    List<T> items = new ArrayList<>();
    long lastSequence = 0;
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        if (items.size() == pageSize) {
          return new Rows<>(items, lastSequence, true);
        }
        lastSequence = rows.getLong(1);
        items.add(parse(rows.getBytes(2)));
      }
    }
    return new Rows<>(items, lastSequence, false);
  }

  private T parse(byte[] body) throws SQLException {
    try {
      return mapping.parse(body);
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("stored " + mapping.noun() + " is not a valid protobuf message", e);
    }
  }

  private static OffsetDateTime dateTime(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos())
        .atOffset(ZoneOffset.UTC);
  }

  /** Rows read by a list query, the sequence number of the last one, and whether more follow. */
  record Rows<T>(List<T> items, long lastSequence, boolean more) {}
}
