package io.dikast.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dikast.bench.report.LoadRow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenLoopTest {

  private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> indices = new ConcurrentHashMap<>();
  private HttpServer server;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          served.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          indices
              .computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet())
              .add(String.valueOf(exchange.getRequestURI().getQuery()));
          exchange.sendResponseHeaders(path.equals("/fails") ? 500 : 200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void interleavedStreamsEachGetTheRateAndTheirOwnErrors() throws InterruptedException {
    OpenLoop loop = new OpenLoop(HttpClient.newHttpClient());

    List<LoadRow> rows =
        loop.interleaved(
            40,
            Duration.ofSeconds(1),
            List.of(
                new OpenLoop.Stream("ok", i -> get("/ok?" + i), LoadRun.OK),
                new OpenLoop.Stream("fails", i -> get("/fails?" + i), LoadRun.OK)));

    assertThat(rows).extracting(LoadRow::scenario).containsExactly("ok", "fails");
    assertThat(rows).extracting(LoadRow::requests).containsExactly(40L, 40L);
    assertThat(rows).extracting(LoadRow::errors).containsExactly(0L, 40L);
    assertThat(served.get("/ok")).hasValue(40);
    assertThat(served.get("/fails")).hasValue(40);
    // Each stream numbers its own requests 0, 1, 2, … (so a prebuilt pool is walked in order).
    Set<String> first40 =
        IntStream.range(0, 40).mapToObj(String::valueOf).collect(Collectors.toSet());
    assertThat(indices.get("/ok")).isEqualTo(first40);
    assertThat(indices.get("/fails")).isEqualTo(first40);
  }

  @Test
  void aSingleStreamRunSendsRateTimesSeconds() throws InterruptedException {
    OpenLoop loop = new OpenLoop(HttpClient.newHttpClient());

    LoadRow row = loop.run("ok", 30, Duration.ofSeconds(2), i -> get("/ok"), LoadRun.OK);

    assertThat(row.requests()).isEqualTo(60);
    assertThat(row.errors()).isZero();
    assertThat(served.get("/ok")).hasValue(60);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .build();
  }
}
