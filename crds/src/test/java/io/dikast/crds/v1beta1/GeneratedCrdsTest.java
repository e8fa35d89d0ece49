package io.dikast.crds.v1beta1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed CRD YAML is exactly what the generator makes from the model. */
class GeneratedCrdsTest {

  static final List<Class<? extends HasMetadata>> MODEL =
      List.of(
          AttestationAuthority.class,
          ImageSecurityPolicy.class,
          GenericAttestationPolicy.class,
          ClusterImageSecurityPolicy.class,
          KritisConfig.class);
  static final Path COMMITTED = Path.of("src/main/resources/crds");
  private static final Path PACKAGED = Path.of("target/classes/crds");
  private static final String REFRESH_PROPERTY = "dikast.crds.refresh";
  private static final String REFRESH_COMMAND =
      "mvn -B -q -pl crds -am verify -D" + REFRESH_PROPERTY + "=true";

  @Test
  void committedCrdYamlMatchesTheModel(@TempDir Path generated) throws IOException {
    generate(generated);
    if (Boolean.getBoolean(REFRESH_PROPERTY)) {
      refresh(generated);
    }

    List<Path> files = list(generated);
    assertThat(files)
        .extracting(path -> path.getFileName().toString())
        .containsExactlyInAnyOrder(
            "attestationauthorities.kritis.grafeas.io-v1.yml",
            "imagesecuritypolicies.kritis.grafeas.io-v1.yml",
            "genericattestationpolicies.kritis.grafeas.io-v1.yml",
            "clusterimagesecuritypolicies.kritis.grafeas.io-v1.yml",
            "kritisconfigs.kritis.grafeas.io-v1.yml");
    for (Path file : files) {
      Path committed = COMMITTED.resolve(file.getFileName());
      assertThat(Files.exists(committed) ? Files.readString(committed) : "")
          .as("%s is stale or missing; refresh it with: %s", committed, REFRESH_COMMAND)
          .isEqualTo(Files.readString(file));
    }
  }

  static void generate(Path directory) {
    new CRDGenerator()
        .inOutputDir(directory.toFile())
        .forCRDVersions("v1")
        .customResourceClasses(MODEL)
        .withParallelGenerationEnabled(false)
        .withPostProcessor(new DeclaredPrinterColumnOrder(MODEL))
        .generate();
  }

  /** Writes the committed copy, and the packaged one so this build's jar is already current. */
  private static void refresh(Path generated) throws IOException {
    for (Path target : List.of(COMMITTED, PACKAGED)) {
      Files.createDirectories(target);
      for (Path file : list(generated)) {
        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }
}
