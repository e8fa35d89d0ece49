package io.dikast.bench.jmh;

import io.dikast.bench.keys.BenchKeys;
import io.dikast.bench.keys.BenchKeys.PkixKey;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.BouncyCastle;
import io.dikast.engine.key.PgpTrustedKey;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.signing.PgpSigningKey;
import io.dikast.engine.signing.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.jcajce.JcaPGPObjectFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
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
 * primitive on the same bytes: {@code Signature.verify} with the engine's Bouncy Castle provider
 * for PKIX keys, and for PGP the signature packet read from its bytes then {@code
 * PGPSignature.verify}, which any verifier must do.
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
  private PublicKey jcaPublicKey;
  private String jcaAlgorithm;
  private PGPPublicKey pgpPublicKey;

  @Setup
  public void setUp() {
    image = ImageReference.parse("registry.example.com/bench/app@sha256:" + "%064x".formatted(7));
    payload = AtomicContainerSignature.payloadFor(image);
    SigningKey signer;
    if (key.equals("PGP_RSA3072")) {
      PgpSigningKey pgp = BenchKeys.pgpRsa3072();
      pgpPublicKey = ((PgpTrustedKey) pgp.trustedKey()).keyRing().getPublicKey();
      signer = pgp;
    } else {
      PkixKey pkix = key.equals("ECDSA_P256") ? BenchKeys.ecdsaP256() : BenchKeys.rsa2048();
      jcaPublicKey = pkix.pair().getPublic();
      jcaAlgorithm = pkix.jcaAlgorithm();
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
      return pgpPublicKey != null ? pgpVerify() : jcaVerify();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean jcaVerify() throws Exception {
    Signature verifier = Signature.getInstance(jcaAlgorithm, BouncyCastle.PROVIDER);
    verifier.initVerify(jcaPublicKey);
    verifier.update(payload);
    return verifier.verify(signature);
  }

  private boolean pgpVerify() throws Exception {
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
      PGPSignature sig = ((PGPSignatureList) new JcaPGPObjectFactory(in).nextObject()).get(0);
      sig.init(new JcaPGPContentVerifierBuilderProvider(), pgpPublicKey);
      sig.update(payload);
      return sig.verify();
    }
  }
}
