package io.dikast.grafeas.rest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the REST API in Google's JSON shape, never as a stack trace. */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response status(StatusRuntimeException e) {
    return GoogleErrors.response(e.getStatus());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int httpStatus = e.getResponse().getStatus();
    Status status =
        Status.fromCode(HttpStatuses.codeOf(httpStatus)).withDescription(e.getMessage());
    return GoogleErrors.response(httpStatus, status);
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("REST call failed", e);
    return GoogleErrors.response(Status.INTERNAL.withDescription("internal error"));
  }
}
