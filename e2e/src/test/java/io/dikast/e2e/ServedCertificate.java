package io.dikast.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate an HTTPS port presents right now. It only looks, it does not trust: whether the
 * certificate is trusted is the API server's question, answered by its caBundle.
 */
final class ServedCertificate {

  private ServedCertificate() {}

  static BigInteger serialNumber(int port) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new Recorder()}, null);
      try (SSLSocket socket =
          (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Recorder implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("a client never presents a certificate here");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // Accepted only to read it; no request is ever sent over this connection.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
