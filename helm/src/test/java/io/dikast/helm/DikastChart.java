package io.dikast.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** The chart as the build assembled it in target/chart/dikast, rendered and linted by real Helm. */
final class DikastChart {

  static final String RELEASE = "dikast";
  static final String NAMESPACE = "dikast-system";

  /** Embedded Helm assumes Kubernetes 1.20 without a cluster; the chart needs policy/v1 (1.21). */
  static final String KUBE_VERSION = "1.30.0";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Path directory;

  private DikastChart(Path directory) {
    this.directory = directory;
  }

  static DikastChart assembled() {
    return new DikastChart(Paths.get(System.getProperty("dikast.chart.directory")));
  }

  Path directory() {
    return directory;
  }

  /** Renders the chart with the values of {@code src/test/resources/values/<name>}, or defaults. */
  RenderedObjects render(String valueSet) {
    return RenderedObjects.parse(template(valueSet));
  }

  String template(String valueSet) {
    var command =
        new Helm(directory)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    if (valueSet != null) {
      command = command.withValuesFile(valuesFile(valueSet));
    }
    return command.call();
  }

  /**
   * Lints with a value set. helm-java's lint takes no values file, so it lints a copy of the chart
   * whose values.yaml is the defaults overlaid with the set, as {@code helm lint -f} would merge.
   */
  LintResult lintStrict(String valueSet, Path scratch) {
    Path chart = valueSet == null ? directory : copyWithValues(valueSet, scratch);
    return new Helm(chart).lint().strict().call();
  }

  static Path valuesFile(String valueSet) {
    return Paths.get("src/test/resources/values", valueSet);
  }

  private Path copyWithValues(String valueSet, Path scratch) {
    Path copy = scratch.resolve("dikast");
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(directory.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
      ObjectNode values = (ObjectNode) YAML.readTree(directory.resolve("values.yaml").toFile());
      YAML.readerForUpdating(values).readValue(valuesFile(valueSet).toFile());
      YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
