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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the network between a client and servers it cannot otherwise be cut from: a
 * loopback TCP port that passes each connection through to the next backend that accepts it, round
 * robin. A killed replica refuses connections, as an endpoint the Service has not yet dropped
 * would, and the next replica takes the call. TLS passes through untouched; every backend serves
 * the same certificate. {@link #cut()} and {@link #restore()} take the port itself down and up.
 */
final class TcpBalancer implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

  private final int port;
  private final List<Integer> backends;
  private final AtomicInteger next = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(TcpBalancer::daemon);
  private volatile ServerSocket server;

  private TcpBalancer(ServerSocket server, List<Integer> backends) {
    this.server = server;
    this.port = server.getLocalPort();
    this.backends = List.copyOf(backends);
  }

  static TcpBalancer start(List<Integer> backendPorts) {
    TcpBalancer balancer = new TcpBalancer(listen(0), backendPorts);
    balancer.acceptOn(balancer.server);
    return balancer;
  }

  int port() {
    return port;
  }

  /**
   * Refuses new connections and resets the established ones, as a crashed or unreachable server
   * would: clients holding long-lived connections (watches) see them end, not hang.
   */
  void cut() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    open.forEach(TcpBalancer::reset);
  }

  /** Listens again on the same port. */
  void restore() {
    server = listen(port);
    acceptOn(server);
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      // The reset connections leave no TIME_WAIT, but a previous run's might hold the port.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptOn(ServerSocket listening) {
    threads.execute(() -> accept(listening));
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        // Tracked before the hand-off, so that a cut racing with it still resets this one.
        open.add(client);
        threads.execute(() -> forward(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void forward(Socket client) {
    try (client;
        Socket backend = connectToABackend()) {
      open.add(backend);
      try {
        threads.execute(() -> pipe(client, backend));
        pipe(backend, client);
      } finally {
        open.remove(backend);
      }
    } catch (IOException e) {
      // No backend accepted, or a side hung up: the caller sees the connection close.
    } finally {
      open.remove(client);
    }
  }

  private Socket connectToABackend() throws IOException {
    IOException last = new IOException("no backends");
    for (int attempt = 0; attempt < backends.size(); attempt++) {
      int backendPort = backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
      Socket socket = new Socket();
      try {
        socket.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort),
            CONNECT_TIMEOUT_MILLIS);
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

  /** Closes with an RST instead of a FIN, as a connection to a vanished peer ends. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // Already closed by its other side.
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
