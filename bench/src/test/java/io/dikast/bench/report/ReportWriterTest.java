package io.dikast.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

  @Test
  void reportsEngineOverBareRatioWithItsPropagatedErrorForTheSameParams() {
    List<BenchmarkRow> rows =
        List.of(
            new BenchmarkRow("SignatureBench.bare", "key=ECDSA_P256", 40.0, 1.0),
            new BenchmarkRow("SignatureBench.engine", "key=ECDSA_P256", 50.0, 1.0),
            new BenchmarkRow("SignatureBench.bare", "key=PGP_RSA3072", 10.0, 1.0));

    String report = ReportWriter.markdown(Map.of(), rows, List.of());

    assertThat(report)
        .contains("| SignatureBench.engine | key=ECDSA_P256 | 50.00 | 1.00 | 1.25 ± 0.04 |")
        .contains("| SignatureBench.bare | key=PGP_RSA3072 | 10.00 | 1.00 |  |");
  }

  @Test
  void reportsLoadP99AsARatioToTheHealthEndpointAtTheSameRate() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cores", "2");
    List<LoadRow> load =
        List.of(
            new LoadRow("health", 500, 5000, 499.5, 0, 1.0, 2.0, 4.0, 9.0),
            new LoadRow("warm 1c 1a", 500, 5000, 499.0, 2, 2.0, 3.0, 6.0, 12.0));

    String report = ReportWriter.markdown(machine, List.of(), load);

    assertThat(report)
        .startsWith("# Dikast benchmark report\n\n- cores: 2\n")
        .contains("| warm 1c 1a | 500 | 5000 | 499 | 2 | 2.00 | 3.00 | 6.00 | 12.00 | 1.50 |");
  }
}
