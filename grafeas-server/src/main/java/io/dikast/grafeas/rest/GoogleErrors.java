package io.dikast.grafeas.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Errors in Google's JSON shape: {@code {"error":{"code":404,"message":…,"status":…}}}. */
public final class GoogleErrors {

  private GoogleErrors() {}

  public static Response response(Status status) {
    return response(HttpStatuses.of(status.getCode()), status);
  }

  public static Response response(int httpStatus, Status status) {
    return Response.status(httpStatus)
        .type(MediaType.APPLICATION_JSON)
        .entity(body(httpStatus, status))
        .build();
  }

  public static String body(int httpStatus, Status status) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("code", httpStatus);
    error.put("message", status.getDescription() == null ? "" : status.getDescription());
    error.put("status", status.getCode().name());
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("error", error);
    return body.toString();
  }
}
