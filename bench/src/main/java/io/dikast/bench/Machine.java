package io.dikast.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report records about where it ran, and where in the checkout results go. */
public final class Machine {

  private static final DateTimeFormatter RUN_NAME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'");

  private Machine() {}

  static Map<String, String> describe() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put(
        "date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    machine.put("cores (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
    machine.put("load average at start (1, 5, 15 min)", loadAverage());
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  static String loadAverage() {
    String[] fields = loadFields();
    return fields.length < 3
        ? fields[0]
        : fields[0] + ", " + fields[1] + ", " + fields[2] + " (shared machine)";
  }

  /** The 1-minute load average, or why it is unknown. */
  public static String oneMinuteLoad() {
    return loadFields()[0];
  }

  private static String[] loadFields() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
    } catch (IOException e) {
      return new String[] {"unknown (" + e.getMessage() + ")"};
    }
  }

  /**
   * {@code bench/results/<UTC date and minute>} (e.g. {@code 2026-11-28T1305Z}) in the checkout
   * this jar was built in, so a second run the same day keeps the first one's report.
   */
  static Path resultsDirectory() {
    return checkout()
        .resolve("bench/results")
        .resolve(RUN_NAME.format(ZonedDateTime.now(ZoneOffset.UTC)));
  }

  // This class lives in bench/target/dikast-bench.jar or bench/target/classes.
  static Path checkout() {
    try {
      Path location =
          Path.of(Machine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toAbsolutePath().getParent().getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where the bench jar is", e);
    }
  }
}
