package io.dikast.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables {@code kubectl get} prints, one per kind, read by the header's column positions so an
 * empty cell stays an empty string instead of shifting the cells after it.
 */
record PrinterTable(List<String> headers, List<List<String>> rows) {

  static List<PrinterTable> parse(String output) {
    List<PrinterTable> tables = new ArrayList<>();
    List<Integer> starts = List.of();
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("NAME ")) {
        starts = columnStarts(line);
        tables.add(new PrinterTable(cells(line, starts), new ArrayList<>()));
      } else {
        tables.get(tables.size() - 1).rows().add(cells(line, starts));
      }
    }
    return tables;
  }

  private static List<Integer> columnStarts(String header) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < header.length(); i++) {
      if (header.charAt(i) != ' ' && (i == 0 || header.charAt(i - 1) == ' ')) {
        starts.add(i);
      }
    }
    return starts;
  }

  private static List<String> cells(String line, List<Integer> starts) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int from = Math.min(starts.get(i), line.length());
      int to = i + 1 < starts.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
      cells.add(line.substring(from, to).trim());
    }
    return cells;
  }
}
