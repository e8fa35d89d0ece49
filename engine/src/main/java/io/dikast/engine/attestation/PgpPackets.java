package io.dikast.engine.attestation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The packets of a PGP signature, armored or binary: either a detached signature list, or a signed
 * message (possibly compressed once) with its literal data and signatures.
 */
record PgpPackets(List<PGPSignature> signatures, Optional<byte[]> literalData) {

  private static final String NOT_PGP = "signature is not an OpenPGP signature";

  static PgpPackets read(byte[] bytes) throws Rejection {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      return read(new BcPGPObjectFactory(in), true);
    } catch (IOException | PGPException | RuntimeException e) {
      throw new Rejection(NOT_PGP);
    }
  }

  private static PgpPackets read(PGPObjectFactory factory, boolean mayDecompress)
      throws IOException, PGPException, Rejection {
    List<PGPSignature> signatures = new ArrayList<>();
    byte[] literal = null;
    boolean first = true;
    for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
      if (object instanceof PGPCompressedData compressed && mayDecompress && first) {
        PgpPackets inner = read(new BcPGPObjectFactory(compressed.getDataStream()), false);
        if (factory.nextObject() != null) {
          throw new Rejection("signed message has packets after its compressed data");
        }
        return inner;
      }
      first = false;
      if (object instanceof PGPSignatureList list) {
        list.forEach(signatures::add);
      } else if (object instanceof PGPLiteralData data && literal == null) {
        literal = Bounds.readPayload(data.getInputStream());
      } else if (!(object instanceof PGPOnePassSignatureList || object instanceof PGPMarker)) {
        throw new Rejection("signature holds OpenPGP packets other than a signed message");
      }
    }
    if (signatures.isEmpty()) {
      throw new Rejection(NOT_PGP);
    }
    return new PgpPackets(List.copyOf(signatures), Optional.ofNullable(literal));
  }
}
