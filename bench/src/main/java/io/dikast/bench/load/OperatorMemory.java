package io.dikast.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process' resident set size as Linux reports it in {@code /proc/<pid>/status}. */
final class OperatorMemory {

  private OperatorMemory() {}

  static long rssKib(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .map(line -> line.replaceAll("[^0-9]", ""))
          .mapToLong(Long::parseLong)
          .findFirst()
          .orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }
}
