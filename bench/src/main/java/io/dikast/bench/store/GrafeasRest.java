package io.dikast.bench.store;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The benchmarks' writes to the Grafeas server's REST API, and the check of their answers. */
public final class GrafeasRest {

  private GrafeasRest() {}

  public static HttpRequest post(URI grafeas, String path, String body) {
    return HttpRequest.newBuilder(grafeas.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * Fails the run on any answer but HTTP 200: a benchmark on a half-filled store measures nothing.
   */
  public static void requireOk(HttpResponse<String> answer) {
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "Grafeas answered HTTP " + answer.statusCode() + ": " + answer.body());
    }
  }
}
