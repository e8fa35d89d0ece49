package com.google.cloud.tools.jib.http;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * Jib's HTTP client without retries and without unverified TLS, which only its package-private
 * constructor allows. This class sits in Jib's package, rather than reaching the constructor by
 * reflection, so that a Jib upgrade that changes the constructor breaks the build instead of the
 * first registry lookup.
 */
public final class VerifyingFailoverHttpClients {

  private VerifyingFailoverHttpClients() {}

  /**
   * @param sslContext whose trust managers verify every TLS connection
   * @param plainHttp whether to fall back to plain HTTP, sending credentials there too, when the
   *     registry does not speak TLS; the fallback Jib calls "insecure" gets a verifying transport
   *     as well, so TLS is never accepted unverified
   */
  public static FailoverHttpClient create(SSLContext sslContext, boolean plainHttp) {
    Supplier<HttpTransport> verifying =
        () ->
            new ApacheHttpTransport(
                ApacheHttpTransport.newDefaultHttpClientBuilder()
                    .setSSLSocketFactory(new SSLConnectionSocketFactory(sslContext))
                    .build());
    // Retries (ten, with exponential back-off) would outlast any admission deadline.
    return new FailoverHttpClient(plainHttp, plainHttp, event -> {}, verifying, verifying, false);
  }
}
