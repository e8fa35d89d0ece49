package io.dikast.bench.memory;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * etcd and kube-apiserver 1.20.2 on random loopback ports, started by kube-api-test's offline mode
 * from the binaries {@code scripts/kube-apiserver.sh} lays out under {@code ~/.cache/dikast/k8s}.
 * No scheduler and no kubelet: pods stay Pending, which is all the operator needs to list them.
 */
final class LocalCluster implements AutoCloseable {

  private static final String VERSION = "1.20.2";
  private static final Path CACHE =
      Path.of(System.getProperty("user.home"), ".cache", "dikast", "k8s");

  private final KubeAPIServer server;

  private LocalCluster(KubeAPIServer server) {
    this.server = server;
  }

  static LocalCluster start() {
    Path binaries = CACHE.resolve(VERSION + "-linux-amd64");
    if (!List.of("kube-apiserver", "etcd").stream()
        .allMatch(name -> Files.isExecutable(binaries.resolve(name)))) {
      throw new IllegalStateException(
          "no etcd and kube-apiserver in " + binaries + ": run scripts/kube-apiserver.sh first");
    }
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                // kube-api-test looks for its binaries under <testDir>/k8s/.
                .withTestDir(CACHE.getParent().toString())
                .withApiServerVersion(VERSION)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withWaitForEtcdHealthCheckOnStartup(true)
                .withStartupTimeout(120_000)
                .withApiServerFlag("--insecure-port", "0")
                .build());
    LocalCluster cluster = new LocalCluster(server);
    try {
      server.start();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  String kubeconfigYaml() {
    return server.getKubeConfigYaml();
  }

  @Override
  public void close() {
    server.stop();
  }
}
