package io.dikast.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the operator's Service, which a bare API server cannot reach: a loopback TCP port
 * that passes each connection through to the next backend that accepts it, round robin. A killed
 * replica refuses connections, as an endpoint the Service has not yet dropped would, and the next
 * replica takes the call. TLS passes through untouched; every replica serves the same certificate.
 */
final class TcpBalancer implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final ServerSocket server;
  private final List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final ExecutorService threads = Executors.newCachedThreadPool(TcpBalancer::daemon);

  private TcpBalancer(ServerSocket server, List<Integer> backends) {
    this.server = server;
    this.backends = List.copyOf(backends);
  }

  static TcpBalancer start(List<Integer> backendPorts) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      TcpBalancer balancer = new TcpBalancer(server, backendPorts);
      balancer.threads.execute(balancer::accept);
      return balancer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> forward(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void forward(Socket client) {
    try (client;
        Socket backend = connectToABackend()) {
      threads.execute(() -> pipe(client, backend));
      pipe(backend, client);
    } catch (IOException e) {
      // No backend accepted, or a side hung up: the caller sees the connection close.
    }
  }

  private Socket connectToABackend() throws IOException {
    IOException last = new IOException("no backends");
    for (int attempt = 0; attempt < backends.size(); attempt++) {
      int port = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
      Socket socket = new Socket();
      try {
        socket.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        return socket;
      } catch (IOException e) {
        socket.close();
        last = e;
      }
    }
    throw last;
  }

  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
      to.shutdownOutput();
    } catch (IOException e) {
      // One side closed; forward() closes both.
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "e2e-tcp-balancer");
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      threads.shutdownNow();
    }
  }
}
