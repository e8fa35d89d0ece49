package io.dikast.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** YAML files under {@code src/test/resources}, with {@code ${NAME}} placeholders filled in. */
final class Manifests {

  private Manifests() {}

  static String read(String resource) {
    return read(resource, Map.of());
  }

  static String read(String resource, Map<String, String> values) {
    try (InputStream in = Manifests.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      String text = new String(in.readAllBytes(), UTF_8);
      for (Map.Entry<String, String> value : values.entrySet()) {
        text = text.replace("${" + value.getKey() + "}", value.getValue());
      }
      if (text.contains("${")) {
        throw new IllegalArgumentException(resource + " has a placeholder left: " + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
