package io.dikast.bench.jmh;

import io.dikast.bench.keys.BenchKeys;
import io.dikast.bench.keys.BenchKeys.PkixKey;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.PgpTrustedKey;
import io.dikast.engine.key.PkixTrustedKey;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.signing.PgpSigningKey;
import io.dikast.engine.signing.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One attestation verified through the engine's {@link AttestationVerifier} next to the bare
 * primitive the engine ends in, on the same key objects and bytes: for PKIX keys the {@code
 * Signature} the trusted key's algorithm makes (Bouncy Castle) on the public key the engine's
 * reader decoded; for PGP the armored packet read with Bouncy Castle's lightweight factory and
 * verified with its lightweight content verifier on the ring's signing key, which any verifier must
 * do. The ratio engine/bare is then what the engine adds: key-id matching, payload binding, bounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBench {

  @Param({"PGP_RSA3072", "ECDSA_P256", "RSA2048_PKCS1"})
  String key;

  private ImageReference image;
  private byte[] payload;
  private byte[] signature;
  private Attestation attestation;
  private List<TrustedKey> keys;
  private PkixTrustedKey pkixKey;
  private PgpTrustedKey pgpKey;

  @Setup
  public void setUp() {
    image = ImageReference.parse("registry.example.com/bench/app@sha256:" + "%064x".formatted(7));
    payload = AtomicContainerSignature.payloadFor(image);
    SigningKey signer;
    if (key.equals("PGP_RSA3072")) {
      PgpSigningKey pgp = BenchKeys.pgpRsa3072();
      pgpKey = (PgpTrustedKey) pgp.trustedKey();
      signer = pgp;
    } else {
      PkixKey pkix = key.equals("ECDSA_P256") ? BenchKeys.ecdsaP256() : BenchKeys.rsa2048();
      pkixKey = (PkixTrustedKey) pkix.signing().trustedKey();
      signer = pkix.signing();
    }
    signature = signer.sign(payload);
    attestation =
        new Attestation(
            "projects/bench/occurrences/1",
            payload,
            List.of(new AttestationSignature(signature, signer.publicKeyId())));
    keys = List.of(signer.trustedKey());
    Verification check = engine();
    if (!check.verified() || !bare()) {
      throw new IllegalStateException("the " + key + " signature does not verify: " + check);
    }
  }

  @Benchmark
  public Verification engine() {
    return AttestationVerifier.verify(image, attestation, keys);
  }

  @Benchmark
  public boolean bare() {
    try {
      return pgpKey != null ? pgpVerify() : jcaVerify();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean jcaVerify() throws Exception {
    Signature verifier = pkixKey.signatureAlgorithm().newSignature();
    verifier.initVerify(pkixKey.publicKey());
    verifier.update(payload);
    return verifier.verify(signature);
  }

  private boolean pgpVerify() throws Exception {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
      PGPSignature sig = ((PGPSignatureList) new BcPGPObjectFactory(in).nextObject()).get(0);
      sig.init(new BcPGPContentVerifierBuilderProvider(), pgpKey.signingKey(sig.getKeyID()).get());
      sig.update(payload);
      return sig.verify();
    }
  }
}
