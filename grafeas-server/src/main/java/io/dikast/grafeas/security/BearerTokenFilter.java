package io.dikast.grafeas.security;

import io.dikast.grafeas.rest.GoogleErrors;
import io.grpc.Status;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Rejects REST calls without the bearer token; health endpoints are not REST resources. */
public class BearerTokenFilter {

  private final BearerTokens tokens;

  public BearerTokenFilter(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @ServerRequestFilter(preMatching = true)
  public Optional<Response> authenticate(ContainerRequestContext request) {
    if (tokens.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
      return Optional.empty();
    }
    Response unauthenticated =
        Response.fromResponse(
                GoogleErrors.response(
                    Status.UNAUTHENTICATED.withDescription("a valid bearer token is required")))
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .build();
    return Optional.of(unauthenticated);
  }
}
