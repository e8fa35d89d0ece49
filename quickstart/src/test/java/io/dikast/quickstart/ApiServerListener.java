package io.dikast.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port posing as the Kubernetes API server: it counts every connection and closes it.
 * {@link #kubeconfig(Path)} names it as the cluster, so any client would dial it.
 */
final class ApiServerListener implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  ApiServerListener() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::accept, "api-server-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "https://127.0.0.1:" + socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  Path kubeconfig(Path directory) throws IOException {
    return Files.writeString(
        directory.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: listener
            cluster: {server: "%s", insecure-skip-tls-verify: true}
        users:
          - name: listener
            user: {token: not-a-real-token}
        contexts:
          - name: listener
            context: {cluster: listener, user: listener, namespace: default}
        current-context: listener
        """
            .formatted(url()));
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket connection = socket.accept()) {
        connections.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
