package io.dikast.verifier.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of one lookup: the JVM's certificate authorities plus an optional PEM bundle. It
 * remembers whether it refused a server's certificate, because with plain HTTP allowed Jib goes on
 * to try HTTP and reports only that attempt's failure.
 */
public final class RegistryTrust extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager anchors;
  private final AtomicBoolean refusedCertificate = new AtomicBoolean();

  private RegistryTrust(X509ExtendedTrustManager anchors) {
    this.anchors = anchors;
  }

  /**
   * @throws IllegalArgumentException when the bundle holds no certificate or a malformed one
   */
  static RegistryTrust forBundle(Optional<String> caBundlePem) {
    try {
      KeyStore store = null; // the JVM's own, javax.net.ssl.trustStore included
      if (caBundlePem.isPresent()) {
        store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (X509Certificate jvmAnchor : trustManager(null).getAcceptedIssuers()) {
          store.setCertificateEntry("jvm-" + n++, jvmAnchor);
        }
        for (Certificate certificate : certificates(caBundlePem.get())) {
          store.setCertificateEntry("bundle-" + n++, certificate);
        }
      }
      return new RegistryTrust(trustManager(store));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {this}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM has no TLS: " + e.getMessage(), e);
    }
  }

  /** Whether a server's certificate chain was refused during the lookup. */
  boolean refusedCertificate() {
    return refusedCertificate.get();
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    try {
      anchors.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      refusedCertificate.set(true);
      throw e;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    try {
      anchors.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      refusedCertificate.set(true);
      throw e;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    try {
      anchors.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      refusedCertificate.set(true);
      throw e;
    }
  }

  // A registry client never authenticates clients.
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a registry client trusts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a registry client trusts no clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a registry client trusts no clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return anchors.getAcceptedIssuers();
  }

  /**
   * The certificates of a PEM CA bundle, as a lookup trusts them; authority statuses use it to
   * report a bad bundle before any lookup meets it.
   *
   * @throws IllegalArgumentException when the bundle holds no certificate or a malformed one
   */
  public static Collection<? extends Certificate> certificates(String pem) {
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the CA bundle is not PEM certificates: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("the CA bundle holds no PEM certificate");
    }
    return certificates;
  }

  private static X509ExtendedTrustManager trustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM has no X.509 trust manager");
  }
}
