package io.dikast.grafeas.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dikast.grafeas.api.ApiErrors;

/**
 * Reads and writes v1alpha1 bodies. Raw control characters are allowed inside strings because the
 * article's heredoc writes the clear-signed text's line breaks unescaped into the JSON.
 */
final class V1alpha1Json {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private V1alpha1Json() {}

  static <T> T read(String body, Class<T> type, String what) {
    if (body == null || body.isBlank()) {
      throw ApiErrors.invalidArgument(what + " is required");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw ApiErrors.invalidArgument(
          "invalid v1alpha1 " + what + " JSON: " + e.getOriginalMessage());
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a v1alpha1 response cannot be written as JSON", e);
    }
  }
}
