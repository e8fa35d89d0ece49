package io.dikast.engine.key;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Whether a public key is the kind of key its declared signature algorithm signs with. */
final class PkixKeyFit {

  private PkixKeyFit() {}

  static void require(SignatureAlgorithm algorithm, SubjectPublicKeyInfo spki, PublicKey key)
      throws KeyException {
    boolean fits =
        switch (algorithm.scheme()) {
          case RSA_PSS, RSA_PKCS1 ->
              key instanceof RSAPublicKey rsa
                  && rsa.getModulus().bitLength() == algorithm.rsaModulusBits();
          case ECDSA ->
              key instanceof ECPublicKey
                  && spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve
                  && algorithm.curve().oid.equals(curve);
        };
    if (!fits) {
      throw new KeyException(
          KeyProblem.ALGORITHM_MISMATCH,
          "signatureAlgorithm "
              + algorithm
              + " needs "
              + algorithm.requiredKey()
              + ", but the key is "
              + PkixKeyReader.describe(spki, key)
              + "; set the algorithm the key was made for");
    }
  }
}
