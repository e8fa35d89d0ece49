package io.dikast.operator.webhooktls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The HTTPS server's key manager: every handshake asks it for the certificate, so a new one is
 * served by replacing what it holds, without touching Vert.x's SSL context. Swapping that context
 * (what the TLS registry's reload does) makes Vert.x 4.5 drop connections accepted meanwhile.
 *
 * <p>A handshake picks an alias first and fetches chain and key by it afterwards; the previous key
 * stays reachable by its alias so a handshake that straddles a swap still gets a matching pair.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {

  private volatile ServingKey current;
  private volatile ServingKey previous;

  ServingKeyManager(ServingKey first) {
    this.current = first;
    this.previous = first;
  }

  synchronized void serve(ServingKey next) {
    previous = current;
    current = next;
  }

  ServingKey current() {
    return current;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServingKey key = byAlias(alias);
    return key == null ? null : key.chain();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServingKey key = byAlias(alias);
    return key == null ? null : key.key();
  }

  // The webhook never authenticates as a client.
  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  // The JDK asks once per key type the peer could accept (EC, RSA, ...): only ours has an answer.
  private String aliasFor(String keyType) {
    ServingKey key = current;
    return key.keyType().equals(keyType) ? key.alias() : null;
  }

  private ServingKey byAlias(String alias) {
    ServingKey now = current;
    if (now.alias().equals(alias)) {
      return now;
    }
    ServingKey before = previous;
    return before.alias().equals(alias) ? before : null;
  }
}
