package io.dikast.engine.key;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * One provider instance used explicitly, so neither verification nor signing registers a JVM-wide
 * provider.
 */
public final class BouncyCastle {

  public static final Provider PROVIDER = new BouncyCastleProvider();

  private BouncyCastle() {}
}
