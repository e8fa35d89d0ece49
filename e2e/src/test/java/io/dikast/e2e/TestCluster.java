package io.dikast.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The API server the suite runs against: the cluster {@code KUBECONFIG} names when it is set,
 * otherwise a local etcd and kube-apiserver from the binary cache. Neither available is a failure,
 * never a skip, so a CI machine without the binaries cannot pass by accident.
 */
final class TestCluster implements AutoCloseable {

  private final Path kubeconfig;
  private final Path kubectlBinary;
  private final KubernetesClient admin;
  private final Optional<LocalApiServer> localServer;
  private final Path workDir;

  private TestCluster(
      Path kubeconfig, Path kubectlBinary, Optional<LocalApiServer> localServer, Path workDir) {
    this.kubeconfig = kubeconfig;
    this.kubectlBinary = kubectlBinary;
    this.localServer = localServer;
    this.workDir = workDir;
    this.admin = new KubernetesClientBuilder().withConfig(config(kubeconfig)).build();
  }

  static TestCluster start(SuiteSettings settings) {
    Path workDir = settings.workDir();
    if (settings.kubeconfig().isPresent()) {
      return new TestCluster(
          settings.kubeconfig().get(), Path.of("kubectl"), Optional.empty(), workDir);
    }
    Path cache = settings.binaryCache();
    if (!LocalApiServer.available(cache)) {
      throw new IllegalStateException(
          "No kube-apiserver in "
              + LocalApiServer.binaryDirectory(cache)
              + " and KUBECONFIG is not set: run scripts/kube-apiserver.sh (as root) to build it,"
              + " or point KUBECONFIG at a cluster of your own");
    }
    LocalApiServer server = LocalApiServer.start(cache);
    Path kubeconfig = write(workDir.resolve("admin.kubeconfig"), server.kubeconfigYaml());
    return new TestCluster(kubeconfig, server.kubectl(), Optional.of(server), workDir);
  }

  KubernetesClient admin() {
    return admin;
  }

  Kubectl kubectl() {
    return new Kubectl(kubectlBinary, kubeconfig, workDir);
  }

  /** A kubectl that authenticates with a bearer token instead of the admin's credentials. */
  Kubectl kubectlWithToken(String name, String token) {
    return new Kubectl(kubectlBinary, tokenKubeconfig(name, token), workDir);
  }

  /** Writes a kubeconfig for the same server and CA that authenticates with the token. */
  Path tokenKubeconfig(String name, String token) {
    return tokenKubeconfig(name, token, apiServer());
  }

  /**
   * Writes a kubeconfig that authenticates with the token to the server at {@code server}, which
   * must present the API server's certificate (the API server itself, or a pass-through to it).
   */
  Path tokenKubeconfig(String name, String token, URI server) {
    Config config = admin.getConfiguration();
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: e2e",
            "  cluster:",
            "    server: " + server,
            "    certificate-authority-data: " + caData(config),
            "users:",
            "- name: " + name,
            "  user:",
            "    token: " + token,
            "contexts:",
            "- name: " + name,
            "  context:",
            "    cluster: e2e",
            "    user: " + name,
            "current-context: " + name,
            "");
    return write(workDir.resolve(name + ".kubeconfig"), yaml);
  }

  /** Where the admin reaches the API server. */
  URI apiServer() {
    return URI.create(admin.getConfiguration().getMasterUrl());
  }

  /** From {@code v1.20.2}; managed clusters report minors like {@code 27+}, so not that field. */
  int serverMinorVersion() {
    return Integer.parseInt(admin.getKubernetesVersion().getGitVersion().split("\\.")[1]);
  }

  Path workDir() {
    return workDir;
  }

  /** The admin's kubeconfig, for tools run as processes. */
  Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubectl the suite uses: the cached one, or {@code kubectl} from {@code PATH}. */
  Path kubectlBinary() {
    return kubectlBinary;
  }

  private static String caData(Config config) {
    if (config.getCaCertData() != null) {
      return config.getCaCertData();
    }
    try {
      return Base64.getEncoder()
          .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Config config(Path kubeconfig) {
    try {
      return Config.fromKubeconfig(Files.readString(kubeconfig));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    admin.close();
    localServer.ifPresent(LocalApiServer::close);
  }
}
