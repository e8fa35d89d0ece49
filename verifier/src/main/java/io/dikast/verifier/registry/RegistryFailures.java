package io.dikast.verifier.registry;

import com.google.cloud.tools.jib.api.RegistryException;
import io.dikast.verifier.grafeas.BackendUnavailableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Says in a short phrase why a registry could not be asked. Only exception types and the JDK's or
 * Jib's own messages go into the phrase, never a credential.
 */
final class RegistryFailures {

  private static final String UNTRUSTED = "presented a TLS certificate that is not trusted";

  private RegistryFailures() {}

  static BackendUnavailableException unavailable(String registry, String phrase, Throwable cause) {
    return new BackendUnavailableException("registry " + registry + " " + phrase, cause);
  }

  static BackendUnavailableException deadlinePassed(String registry) {
    return new BackendUnavailableException(
        "registry " + registry + " did not answer within the deadline");
  }

  static BackendUnavailableException untrusted(String registry, Throwable failure) {
    return unavailable(registry, UNTRUSTED, failure);
  }

  static BackendUnavailableException unreachable(String registry, Throwable failure) {
    return unavailable(registry, phrase(failure), failure);
  }

  private static String phrase(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLPeerUnverifiedException) {
        return "presented a TLS certificate for another host (" + t.getMessage() + ")";
      }
      if (t instanceof SSLException && hasCause(t, CertificateException.class)) {
        return UNTRUSTED;
      }
      if (t instanceof SSLException) {
        return "failed the TLS handshake (" + t.getMessage() + ")";
      }
      if (t instanceof ConnectException) {
        return "is unreachable (connection refused)";
      }
      if (t instanceof NoRouteToHostException) {
        return "is unreachable (no route to host)";
      }
      if (t instanceof UnknownHostException) {
        return "is unreachable (unknown host)";
      }
      if (t instanceof SocketTimeoutException) {
        return "did not answer in time (" + t.getMessage() + ")";
      }
    }
    if (failure instanceof RegistryException) {
      return "answered with an error (" + failure.getMessage() + ")";
    }
    return "could not be read (" + failure + ")";
  }

  static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
    return cause(failure, type).isPresent();
  }

  static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
