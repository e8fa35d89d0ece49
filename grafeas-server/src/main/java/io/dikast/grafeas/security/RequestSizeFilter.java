package io.dikast.grafeas.security;

import io.dikast.grafeas.rest.GoogleErrors;
import io.grpc.Status;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 413 in the API's error shape to a REST body declared larger than the limit, before it is
 * read. Over HTTP/2 the body handler's own limit resets the stream instead, which clients report as
 * a protocol error; bodies without a declared length are still cut off by that limit.
 */
@ApplicationScoped
public class RequestSizeFilter {

  /** Before Quarkus' body handling. */
  private static final int ORDER = -1000;

  private final long maxBytes;

  public RequestSizeFilter(GrafeasServerConfig config) {
    this.maxBytes = config.limits().maxRequestBytes();
  }

  void register(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  private void check(RoutingContext context) {
    String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || (contentType != null && contentType.startsWith("application/grpc"))) {
      context.next();
      return;
    }
    long declared;
    try {
      declared = Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      context.next();
      return;
    }
    if (declared <= maxBytes) {
      context.next();
      return;
    }
    Status status =
        Status.RESOURCE_EXHAUSTED.withDescription(
            "request body of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes");
    context
        .response()
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(GoogleErrors.body(413, status));
  }
}
