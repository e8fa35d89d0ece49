package io.dikast.verifier.registry;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.http.VerifyingFailoverHttpClients;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One repository reached through one Jib HTTP client: TLS verified against the JVM's CAs and the
 * access's CA bundle, plain HTTP only where the access allows it, no retries, and each call made
 * anonymously or with each credential in turn until the registry accepts one. Closing it closes the
 * client's sockets.
 */
final class RegistryConnection implements AutoCloseable {

  private static final String USER_AGENT = "dikast";

  /** What a call does with the repository, which decides the token a registry hands out. */
  enum Scope {
    PULL,
    PUSH
  }

  /** Work with an authenticated client. */
  @FunctionalInterface
  interface Call<T> {
    T call(RegistryClient client)
        throws IOException, RegistryException, UnreadableSignaturesException;
  }

  private final RegistryName registry;
  private final List<RegistryCredential> credentials;
  private final RegistryTrust trust;
  private final FailoverHttpClient http;

  private RegistryConnection(
      RegistryName registry,
      List<RegistryCredential> credentials,
      RegistryTrust trust,
      FailoverHttpClient http) {
    this.registry = registry;
    this.credentials = credentials;
    this.trust = trust;
    this.http = http;
  }

  /**
   * @throws BackendUnavailableException when the access's CA bundle is not usable
   */
  static RegistryConnection open(String repository, RegistryAccess access)
      throws BackendUnavailableException {
    RegistryName registry = RegistryName.of(repository);
    RegistryTrust trust;
    try {
      trust = RegistryTrust.forBundle(access.caBundlePem());
    } catch (IllegalArgumentException e) {
      throw RegistryFailures.unavailable(
          registry.domain(), "cannot be trusted: " + e.getMessage(), e);
    }
    return new RegistryConnection(
        registry,
        access.credentials(),
        trust,
        VerifyingFailoverHttpClients.create(trust.sslContext(), access.plainHttp()));
  }

  RegistryName registry() {
    return registry;
  }

  /** {@code domain/path:tag}, for messages. */
  String where(String tag) {
    return registry.domain() + "/" + registry.path() + ":" + tag;
  }

  /**
   * Runs {@code call} anonymously when there are no credentials, else with each credential until
   * one is accepted.
   *
   * @throws BackendUnavailableException naming the registry when it refused every attempt or could
   *     not be reached
   */
  <T> T call(Scope scope, Call<T> call)
      throws UnreadableSignaturesException, BackendUnavailableException {
    if (credentials.isEmpty()) {
      try {
        return call(scope, call, null);
      } catch (RegistryUnauthorizedException | RegistryAuthenticationFailedException e) {
        throw RegistryFailures.unavailable(
            registry.domain(), "refused anonymous access; it needs credentials", e);
      }
    }
    RegistryException refused = null;
    for (RegistryCredential credential : credentials) {
      try {
        return call(scope, call, credential);
      } catch (RegistryUnauthorizedException | RegistryAuthenticationFailedException e) {
        refused = e;
      }
    }
    throw RegistryFailures.unavailable(
        registry.domain(),
        "refused the credentials ("
            + String.join(", ", credentials.stream().map(RegistryCredential::origin).toList())
            + ")",
        refused);
  }

  /** Why the registry could not be asked, for a failure that escaped {@link #call}. */
  BackendUnavailableException failure(Throwable failure) {
    // With plain HTTP allowed, Jib goes on to HTTP after a refused certificate and reports only
    // that attempt's failure, which would hide the real reason.
    return trust.refusedCertificate()
        ? RegistryFailures.untrusted(registry.domain(), failure)
        : RegistryFailures.unreachable(registry.domain(), failure);
  }

  private <T> T call(Scope scope, Call<T> call, RegistryCredential credential)
      throws RegistryUnauthorizedException,
          RegistryAuthenticationFailedException,
          UnreadableSignaturesException,
          BackendUnavailableException {
    RegistryClient client = client(credential);
    try {
      // A registry answering with a Bearer challenge gets a token, anonymous or for the
      // credential; one with Basic gets the credential itself (Jib's own order).
      boolean bearer = scope == Scope.PUSH ? client.doPushBearerAuth() : client.doPullBearerAuth();
      if (!bearer && credential != null) {
        client.configureBasicAuth();
      }
      return call.call(client);
    } catch (RegistryUnauthorizedException | RegistryAuthenticationFailedException e) {
      throw e;
    } catch (IOException | RegistryException e) {
      // A blob transfer refused midway arrives wrapped in an IOException.
      Optional<RegistryUnauthorizedException> refused =
          RegistryFailures.cause(e, RegistryUnauthorizedException.class);
      if (refused.isPresent()) {
        throw refused.get();
      }
      throw failure(e);
    }
  }

  private RegistryClient client(RegistryCredential credential) {
    RegistryClient.Factory factory =
        RegistryClient.factory(EventHandlers.NONE, registry.apiHost(), registry.path(), http)
            .setUserAgent(USER_AGENT);
    if (credential != null) {
      factory.setCredential(Credential.from(credential.username(), credential.password()));
    }
    return factory.newRegistryClient();
  }

  @Override
  public void close() {
    try {
      http.shutDown();
    } catch (IOException | RuntimeException e) {
      // Closing sockets of a finished or abandoned conversation; nothing is left to tell.
    }
  }
}
