package io.dikast.engine.key;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/** Binary Authorization / Grafeas names; EC_SIGN_* are accepted aliases of ECDSA_*. */
public enum SignatureAlgorithm {
  RSA_PSS_2048_SHA256(Scheme.RSA_PSS, 2048, null, "SHA256"),
  RSA_PSS_3072_SHA256(Scheme.RSA_PSS, 3072, null, "SHA256"),
  RSA_PSS_4096_SHA256(Scheme.RSA_PSS, 4096, null, "SHA256"),
  RSA_PSS_4096_SHA512(Scheme.RSA_PSS, 4096, null, "SHA512"),
  RSA_SIGN_PKCS1_2048_SHA256(Scheme.RSA_PKCS1, 2048, null, "SHA256"),
  RSA_SIGN_PKCS1_3072_SHA256(Scheme.RSA_PKCS1, 3072, null, "SHA256"),
  RSA_SIGN_PKCS1_4096_SHA256(Scheme.RSA_PKCS1, 4096, null, "SHA256"),
  RSA_SIGN_PKCS1_4096_SHA512(Scheme.RSA_PKCS1, 4096, null, "SHA512"),
  ECDSA_P256_SHA256(Scheme.ECDSA, 0, Curve.P256, "SHA256"),
  ECDSA_P384_SHA384(Scheme.ECDSA, 0, Curve.P384, "SHA384"),
  ECDSA_P521_SHA512(Scheme.ECDSA, 0, Curve.P521, "SHA512");

  /** How the signature is computed from the digest. */
  enum Scheme {
    RSA_PSS,
    RSA_PKCS1,
    ECDSA
  }

  /** The NIST curves Binary Authorization names, with the OID a SubjectPublicKeyInfo carries. */
  enum Curve {
    P256("P-256", SECObjectIdentifiers.secp256r1),
    P384("P-384", SECObjectIdentifiers.secp384r1),
    P521("P-521", SECObjectIdentifiers.secp521r1);

    final String displayName;
    final ASN1ObjectIdentifier oid;

    Curve(String displayName, ASN1ObjectIdentifier oid) {
      this.displayName = displayName;
      this.oid = oid;
    }

    static Optional<Curve> byOid(ASN1ObjectIdentifier oid) {
      return Arrays.stream(values()).filter(c -> c.oid.equals(oid)).findFirst();
    }
  }

  private static final Map<String, SignatureAlgorithm> BY_NAME =
      Stream.of(values())
          .flatMap(a -> a.names().map(n -> Map.entry(n, a)))
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final Scheme scheme;
  private final int rsaModulusBits;
  private final Curve curve;
  private final String digest;

  SignatureAlgorithm(Scheme scheme, int rsaModulusBits, Curve curve, String digest) {
    this.scheme = scheme;
    this.rsaModulusBits = rsaModulusBits;
    this.curve = curve;
    this.digest = digest;
  }

  /**
   * The algorithm with this Grafeas or Binary Authorization name, ignoring case and surrounding
   * space; {@code EC_SIGN_P256_SHA256} and {@code RSA_SIGN_PSS_2048_SHA256} style aliases included.
   */
  public static Optional<SignatureAlgorithm> fromName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_NAME.get(name.strip().toUpperCase(Locale.ROOT)));
  }

  /**
   * A fresh JCA verifier/signer for this algorithm: ECDSA signatures are DER-encoded as {@code
   * openssl dgst -sign} writes them; RSA-PSS uses MGF1 with the same digest and a salt as long as
   * the digest.
   */
  public Signature newSignature() {
    String jcaName =
        switch (scheme) {
          case RSA_PSS -> digest + "withRSAandMGF1";
          case RSA_PKCS1 -> digest + "withRSA";
          case ECDSA -> digest + "withECDSA";
        };
    try {
      return Signature.getInstance(jcaName, BouncyCastle.PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Bouncy Castle lacks " + jcaName, e);
    }
  }

  /** The key this algorithm needs, for messages: {@code an RSA 3072-bit key}. */
  public String requiredKey() {
    return scheme == Scheme.ECDSA
        ? "an EC key on curve " + curve.displayName
        : "an RSA " + rsaModulusBits + "-bit key";
  }

  Scheme scheme() {
    return scheme;
  }

  int rsaModulusBits() {
    return rsaModulusBits;
  }

  Curve curve() {
    return curve;
  }

  private Stream<String> names() {
    String name = name();
    if (name.startsWith("ECDSA_")) {
      return Stream.of(name, "EC_SIGN_" + name.substring("ECDSA_".length()));
    }
    if (name.startsWith("RSA_PSS_")) {
      return Stream.of(name, "RSA_SIGN_PSS_" + name.substring("RSA_PSS_".length()));
    }
    return Stream.of(name);
  }

  static String supportedNames() {
    return Arrays.stream(values()).map(SignatureAlgorithm::name).collect(Collectors.joining(", "));
  }
}
