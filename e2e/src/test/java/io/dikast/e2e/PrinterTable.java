package io.dikast.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows {@code kubectl get} prints, one list of cells per row, headers skipped; kubectl pads
 * cells with spaces and none of the columns read here holds one.
 */
final class PrinterTable {

  private PrinterTable() {}

  /** Rows of every table in the output (one table per kind), without their header lines. */
  static List<List<String>> rows(String output) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.isBlank() || line.startsWith("NAME ")) {
        continue;
      }
      rows.add(Arrays.asList(line.trim().split("\\s+")));
    }
    return rows;
  }

  /** The header lines, one per table. */
  static List<List<String>> headers(String output) {
    return Arrays.stream(output.split("\n"))
        .filter(line -> line.startsWith("NAME "))
        .map(line -> Arrays.asList(line.trim().split("\\s+")))
        .toList();
  }
}
