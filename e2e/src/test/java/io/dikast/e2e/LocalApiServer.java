package io.dikast.e2e;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * etcd and kube-apiserver on random loopback ports, started by kube-api-test's offline mode from
 * the binaries {@code scripts/kube-apiserver.sh} lays out under the cache directory.
 */
final class LocalApiServer implements AutoCloseable {

  static final String VERSION = "1.20.2";
  private static final String BINARY_DIR = VERSION + "-linux-amd64";
  private static final int STARTUP_TIMEOUT_MILLIS = 120_000;

  private final KubeAPIServer server;
  private final Path binaries;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private LocalApiServer(KubeAPIServer server, Path binaries) {
    this.server = server;
    this.binaries = binaries;
    // A JVM ended before JUnit closes its store (a failsafe timeout) must not leave etcd running.
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /** The directory holding {@code kube-apiserver}, {@code etcd} and {@code kubectl}. */
  static Path binaryDirectory(Path cacheRoot) {
    return cacheRoot.resolve(BINARY_DIR);
  }

  static boolean available(Path cacheRoot) {
    Path dir = binaryDirectory(cacheRoot);
    return List.of("kube-apiserver", "etcd", "kubectl").stream()
        .allMatch(name -> Files.isExecutable(dir.resolve(name)));
  }

  /**
   * Starts both processes; kube-api-test expects its binaries under {@code <dir>/k8s/}, so the
   * cache root's parent is its directory, and it keeps its certificates there too.
   */
  static LocalApiServer start(Path cacheRoot) {
    LocalApiServer local =
        new LocalApiServer(
            new KubeAPIServer(
                KubeAPIServerConfigBuilder.anAPIServerConfig()
                    .withTestDir(cacheRoot.getParent().toString())
                    .withApiServerVersion(VERSION)
                    .withOfflineMode(true)
                    .withUpdateKubeConfig(false)
                    .withWaitForEtcdHealthCheckOnStartup(true)
                    .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
                    // A 1.20 apiserver otherwise also serves plain HTTP on localhost:8080.
                    .withApiServerFlag("--insecure-port", "0")
                    .build()),
            binaryDirectory(cacheRoot));
    try {
      local.server.start();
      return local;
    } catch (RuntimeException e) {
      // etcd may be up when the apiserver never became ready.
      local.close();
      throw e;
    }
  }

  String kubeconfigYaml() {
    return server.getKubeConfigYaml();
  }

  Path kubectl() {
    return binaries.resolve("kubectl");
  }

  @Override
  public void close() {
    if (stopped.compareAndSet(false, true)) {
      server.stop();
    }
  }
}
