package io.dikast.operator.admission;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders the framework's own refusals (404, 405, 415) as a short JSON message, so nothing the API
 * server or a prober sends yields an HTML page or a 500.
 */
public class AdmissionExceptionMappers {

  @ServerExceptionMapper
  public Response framework(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return json(status >= 500 ? 400 : status, e.getMessage());
  }

  static Response json(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(AdmissionJson.message(message))
        .build();
  }
}
