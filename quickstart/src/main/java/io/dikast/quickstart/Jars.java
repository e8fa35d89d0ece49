package io.dikast.quickstart;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Grafeas server and the operator were built: beside this jar in the same checkout
 * ({@code quickstart/target/…} and {@code <module>/target/quarkus-app/quarkus-run.jar}).
 */
record Jars(Path grafeasServer, Path operator) {

  static Jars besideThisJar() {
    Path checkout = checkout();
    return new Jars(built(checkout, "grafeas-server"), built(checkout, "operator"));
  }

  private static Path built(Path checkout, String module) {
    Path jar = checkout.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new StoryFailure(jar + " is missing: build first with mvn -B -DskipTests package");
    }
    return jar;
  }

  // This class lives in quickstart/target/<jar> or quickstart/target/classes.
  private static Path checkout() {
    try {
      Path location =
          Path.of(Jars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return location.toAbsolutePath().getParent().getParent().getParent();
    } catch (URISyntaxException e) {
      throw new StoryFailure("cannot tell where the quickstart jar is", e);
    }
  }
}
