package io.dikast.grafeas.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.dikast.grafeas.filter.FilterField;
import java.util.List;
import java.util.Map;

/**
 * How one kind of Grafeas object is kept in its table: the protobuf bytes plus the indexed columns
 * derived from them.
 */
interface ObjectMapping<T extends Message> {

  /** The table, also the collection segment of names ({@code notes}, {@code occurrences}). */
  String table();

  /** What error messages call one object ({@code note}, {@code occurrence}). */
  String noun();

  String name(T object);

  /** The indexed columns besides name, sequence, timestamps and body. */
  List<String> columns();

  /**
   * The values of {@link #columns()} for {@code object}, in the same order.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a malformed name or reference
   */
  List<String> values(T object);

  T parse(byte[] body) throws InvalidProtocolBufferException;

  Timestamp createTime(T object);

  T stamped(T object, Timestamp createTime, Timestamp updateTime);

  /** The fields a list filter may name, and the column each is stored in. */
  Map<FilterField, String> filterColumns();
}
