package io.dikast.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM options the chart's operator container runs with, read from the chart's own {@code
 * values.yaml} so the memory scenario measures what a cluster gets: {@code operator.jvmOptions}
 * (the container's {@code JAVA_TOOL_OPTIONS}) and {@code operator.mallocArenaMax} (its {@code
 * MALLOC_ARENA_MAX}), plus what the container's limits mean to the JVM outside a container: {@code
 * -XX:MaxRAM} for the memory limit and {@code -XX:ActiveProcessorCount} for the CPU limit.
 */
record ChartSizing(String memoryLimit, String cpuLimit, String jvmOptions, int mallocArenaMax) {

  static ChartSizing read(Path checkout) throws IOException {
    JsonNode operator =
        new ObjectMapper(new YAMLFactory())
            .readTree(checkout.resolve("helm/src/main/chart/dikast/values.yaml").toFile())
            .path("operator");
    JsonNode limits = operator.path("resources").path("limits");
    return new ChartSizing(
        limits.path("memory").asText(),
        limits.path("cpu").asText(),
        operator.path("jvmOptions").asText(),
        operator.path("mallocArenaMax").asInt());
  }

  /** The container's environment that sizes native memory. */
  Map<String, String> environment() {
    return Map.of("MALLOC_ARENA_MAX", Integer.toString(mallocArenaMax));
  }

  List<String> jvmArguments() {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-XX:MaxRAM=" + maxRam(memoryLimit),
                "-XX:ActiveProcessorCount=" + processors(cpuLimit)));
    arguments.addAll(Arrays.asList(jvmOptions.strip().split("\\s+")));
    return arguments;
  }

  /** {@code 512Mi} → {@code 512m}; {@code 1Gi} → {@code 1024m}. */
  static String maxRam(String quantity) {
    if (quantity.endsWith("Mi")) {
      return quantity.substring(0, quantity.length() - 2) + "m";
    }
    if (quantity.endsWith("Gi")) {
      return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024 + "m";
    }
    throw new IllegalArgumentException("unsupported memory limit " + quantity);
  }

  /** A CPU limit rounded up to whole processors, as the JVM's container support does. */
  static int processors(String quantity) {
    double cpus =
        quantity.endsWith("m")
            ? Double.parseDouble(quantity.substring(0, quantity.length() - 1)) / 1000
            : Double.parseDouble(quantity);
    return Math.max(1, (int) Math.ceil(cpus));
  }
}
