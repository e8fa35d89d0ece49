package io.dikast.operator.admission;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns whatever a request body can provoke into a short JSON message: 400 for a malformed review,
 * the framework's own status (404, 405, 415) otherwise, and never a 500 page or a stack trace.
 */
public class AdmissionExceptionMappers {

  private static final Logger LOG = Logger.getLogger(AdmissionExceptionMappers.class);

  @ServerExceptionMapper
  public Response malformed(MalformedAdmissionReviewException e) {
    return json(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
  }

  @ServerExceptionMapper
  public Response framework(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return json(status >= 500 ? 400 : status, e.getMessage());
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    LOG.warnf("refused a request that could not be read: %s", e.toString());
    return json(400, "request could not be processed: " + e.getClass().getSimpleName());
  }

  private static Response json(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(AdmissionJson.message(message))
        .build();
  }
}
