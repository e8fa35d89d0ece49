package io.dikast.engine.key;

import java.util.Locale;

/** How PGP key ids are written: upper-case hex, compared without spaces or a {@code 0x} prefix. */
final class PgpIds {

  private PgpIds() {}

  static String normalize(String id) {
    String compact = id.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    return compact.startsWith("0X") ? compact.substring(2) : compact;
  }

  static String longId(long keyId) {
    return String.format(Locale.ROOT, "%016X", keyId);
  }
}
