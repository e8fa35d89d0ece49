package io.dikast.bench.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Parses what {@code jcmd <pid> GC.heap_info} and {@code /proc/<pid>/status} print, in KiB. */
final class JvmMemory {

  // One line per generation (Serial, Parallel) or one for the whole heap (G1).
  private static final Pattern HEAP_SPACE =
      Pattern.compile("(?m)^\\s*\\S.*?\\btotal (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE =
      Pattern.compile("(?m)^\\s*Metaspace\\s+used \\d+K, committed (\\d+)K");

  private static final Pattern THREAD = Pattern.compile("(?m)^\"([^\"]+)\"");

  private JvmMemory() {}

  /** Heap used and committed, summed over the generations {@code GC.heap_info} lists. */
  static Heap heap(String heapInfo) {
    Matcher spaces = HEAP_SPACE.matcher(heapInfo);
    long committed = 0;
    long used = 0;
    boolean found = false;
    while (spaces.find()) {
      committed += Long.parseLong(spaces.group(1));
      used += Long.parseLong(spaces.group(2));
      found = true;
    }
    Matcher metaspace = METASPACE.matcher(heapInfo);
    if (!found || !metaspace.find()) {
      throw new IllegalArgumentException("not the output of GC.heap_info:\n" + heapInfo);
    }
    return new Heap(used, committed, Long.parseLong(metaspace.group(1)));
  }

  /**
   * A {@code Name: 123 kB} field of {@code /proc/<pid>/status}, such as VmRSS, VmHWM or RssAnon.
   */
  static long statusKib(String status, String field) {
    Matcher matcher =
        Pattern.compile("(?m)^" + Pattern.quote(field) + ":\\s+(\\d+) kB$").matcher(status);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no " + field + " in /proc status");
    }
    return Long.parseLong(matcher.group(1));
  }

  /**
   * The threads {@code jcmd <pid> Thread.print} lists, counted by name with digits folded ({@code
   * executor-thread-12} counts as {@code executor-thread-N}), most numerous first.
   */
  static List<String> threadGroups(String threadPrint) {
    Map<String, Long> groups =
        THREAD
            .matcher(threadPrint)
            .results()
            .map(match -> match.group(1).replaceAll("[0-9]+", "N"))
            .collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
    List<String> lines = new ArrayList<>();
    lines.add(groups.values().stream().mapToLong(Long::longValue).sum() + " threads");
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(group -> lines.add(group.getValue() + " " + group.getKey()));
    return lines;
  }

  /**
   * @param usedKib heap used, right after a full GC when read so
   * @param committedKib heap committed
   * @param metaspaceCommittedKib metaspace committed
   */
  record Heap(long usedKib, long committedKib, long metaspaceCommittedKib) {}
}
