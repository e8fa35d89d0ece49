package io.dikast.operator.admission;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Refuses an AdmissionReview whose declared length is above {@link AdmissionConfig#maxBodySize()}
 * with a 413 and a message, before any of it is read. It runs ahead of Quarkus' own upload limit,
 * which answers without a message and closes the connection: under HTTP/2 that connection carries
 * the API server's other admissions too.
 */
@ApplicationScoped
class AdmissionBodyLimit {

  private static final Logger LOG = Logger.getLogger(AdmissionBodyLimit.class);

  private final long limit;

  AdmissionBodyLimit(AdmissionConfig config) {
    this.limit = config.maxBodySize().asLongValue();
  }

  void install(@Observes Router router) {
    router
        .post("/validate")
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::refuseIfTooLarge);
  }

  void refuseIfTooLarge(RoutingContext context) {
    long declared = declaredLength(context);
    if (declared <= limit) {
      context.next();
      return;
    }
    LOG.warnf("refused an admission request of %d bytes, above %d", declared, limit);
    if (context.request().version() != HttpVersion.HTTP_2) {
      // The unread body would otherwise be taken for the next request on this connection.
      context.response().putHeader(HttpHeaderNames.CONNECTION, "close");
    }
    context
        .response()
        .setStatusCode(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
        .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .end(AdmissionJson.message(message(declared, limit)));
  }

  static String message(long declared, long limit) {
    return "AdmissionReview body of "
        + declared
        + " bytes is larger than the webhook's limit of "
        + limit
        + " bytes (dikast.admission.max-body-size)";
  }

  // A missing or unreadable length is left to the framework, which counts what it reads.
  private static long declaredLength(RoutingContext context) {
    String header = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
