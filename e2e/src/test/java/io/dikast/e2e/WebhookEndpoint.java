package io.dikast.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The operator's HTTPS port on 127.0.0.1 and the certificate it serves there, kept across operator
 * restarts so a registered webhook configuration keeps pointing at the operator.
 */
record WebhookEndpoint(int port, ServingCertificate certificate) {

  static WebhookEndpoint create(Path workDir) {
    int port = freePort();
    try {
      return new WebhookEndpoint(port, ServingCertificate.create(workDir.resolve("tls-" + port)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url(String path) {
    return "https://127.0.0.1:" + port + path;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
