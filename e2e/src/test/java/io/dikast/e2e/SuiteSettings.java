package io.dikast.e2e;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the suite finds its cluster, binaries and operator, from the environment Maven gives it.
 */
record SuiteSettings(
    Optional<Path> kubeconfig, Path binaryCache, Path workDir, Path operatorJar, Path grafeasJar) {

  static SuiteSettings fromEnvironment() {
    String home = System.getProperty("user.home");
    return new SuiteSettings(
        Optional.ofNullable(System.getenv("KUBECONFIG")).filter(s -> !s.isBlank()).map(Path::of),
        Optional.ofNullable(System.getenv("DIKAST_K8S_CACHE"))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(Path.of(home, ".cache", "dikast", "k8s")),
        Path.of(System.getProperty("dikast.e2e.work-dir", "target/e2e")).toAbsolutePath(),
        Path.of(
                System.getProperty(
                    "dikast.operator.jar", "../operator/target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath(),
        Path.of(
                System.getProperty(
                    "dikast.grafeas.jar", "../grafeas-server/target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath());
  }
}
