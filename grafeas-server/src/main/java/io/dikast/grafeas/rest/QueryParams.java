package io.dikast.grafeas.rest;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.FieldMaskUtil;
import io.dikast.grafeas.api.ApiErrors;

/** Query parameters of the REST mapping that need parsing. */
final class QueryParams {

  private QueryParams() {}

  static int pageSize(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw ApiErrors.invalidArgument("pageSize must be an integer, got '" + value + "'");
    }
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** The JSON form of a field mask: comma-separated paths, camelCase or snake_case. */
  static FieldMask updateMask(String value) {
    if (value == null || value.isBlank()) {
      return FieldMask.getDefaultInstance();
    }
    return FieldMaskUtil.fromJsonString(value.strip());
  }
}
