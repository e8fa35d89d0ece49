package io.dikast.operator.admission;

import io.dikast.operator.metrics.DikastMetrics;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@code POST /validate}: the validating admission webhook the API server calls. */
@Path("/validate")
public class ValidateResource {

  private static final Logger LOG = Logger.getLogger(ValidateResource.class);

  private final AdmissionService admission;
  private final DikastMetrics metrics;

  public ValidateResource(AdmissionService admission, DikastMetrics metrics) {
    this.admission = admission;
    this.metrics = metrics;
  }

  // On the event loop: a warm decision needs no other thread, and one that must ask Grafeas
  // completes on the thread of Grafeas' answer.
  @POST
  @NonBlocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<String> validate(String body) {
    long start = System.nanoTime();
    try {
      return admission
          .review(AdmissionReviewReader.read(body), start)
          .thenApply(AdmissionJson::write);
    } catch (MalformedAdmissionReviewException e) {
      metrics.admission("malformed", "unknown", Duration.ofNanos(System.nanoTime() - start));
      throw e;
    }
  }

  @ServerExceptionMapper
  public Response malformed(MalformedAdmissionReviewException e) {
    return AdmissionExceptionMappers.json(400, e.getMessage());
  }

  // Decisions fail closed inside the service; what reaches here failed before a review existed.
  @ServerExceptionMapper
  public Response unreadable(Exception e) {
    LOG.warnf("refused a request that could not be read: %s", e.toString());
    return AdmissionExceptionMappers.json(
        400, "request could not be processed: " + e.getClass().getSimpleName());
  }
}
