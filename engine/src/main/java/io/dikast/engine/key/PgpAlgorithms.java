package io.dikast.engine.key;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.gnu.GNUObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.bcpg.BCPGKey;
import org.bouncycastle.bcpg.ECPublicBCPGKey;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;

/** Names a PGP key's algorithm for status, the way {@code gpg --list-keys} readers expect. */
final class PgpAlgorithms {

  private static final Map<ASN1ObjectIdentifier, String> CURVES =
      Map.of(
          SECObjectIdentifiers.secp256r1, "P-256",
          SECObjectIdentifiers.secp384r1, "P-384",
          SECObjectIdentifiers.secp521r1, "P-521",
          GNUObjectIdentifiers.Ed25519, "Ed25519",
          EdECObjectIdentifiers.id_Ed25519, "Ed25519",
          EdECObjectIdentifiers.id_Ed448, "Ed448");

  private PgpAlgorithms() {}

  static String describe(PGPPublicKey key) {
    return switch (key.getAlgorithm()) {
      case PublicKeyAlgorithmTags.RSA_GENERAL,
          PublicKeyAlgorithmTags.RSA_SIGN,
          PublicKeyAlgorithmTags.RSA_ENCRYPT ->
          "RSA " + key.getBitStrength();
      case PublicKeyAlgorithmTags.DSA -> "DSA " + key.getBitStrength();
      case PublicKeyAlgorithmTags.ECDSA -> "ECDSA " + curve(key);
      case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA " + curve(key);
      case PublicKeyAlgorithmTags.Ed25519 -> "EdDSA Ed25519";
      case PublicKeyAlgorithmTags.Ed448 -> "EdDSA Ed448";
      default -> "PGP algorithm " + key.getAlgorithm();
    };
  }

  private static String curve(PGPPublicKey key) {
    BCPGKey material = key.getPublicKeyPacket().getKey();
    if (!(material instanceof ECPublicBCPGKey ec)) {
      return "unknown curve";
    }
    ASN1ObjectIdentifier oid = ec.getCurveOID();
    String known = CURVES.get(oid);
    if (known != null) {
      return known;
    }
    String named = ECNamedCurveTable.getName(oid);
    return named != null ? named : oid.getId();
  }
}
