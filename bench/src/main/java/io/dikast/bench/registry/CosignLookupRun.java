package io.dikast.bench.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.AttestationFact;
import io.dikast.verifier.attestation.CosignFacts;
import io.dikast.verifier.registry.CosignLookup;
import io.dikast.verifier.registry.JibCosignSignatureSource;
import io.dikast.verifier.registry.RegistryAccess;
import io.dikast.verifier.registry.RegistryCredential;
import io.dikast.verifier.testing.CosignImages;
import io.dikast.verifier.testing.LocalRegistry;
import io.grpc.Deadline;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What a cosign signature costs an admission that misses the cache: one image's lookup against
 * Debian's docker-registry on loopback (plain HTTP, HTTP with a password, TLS with a private CA and
 * a password), through the operator's {@link JibCosignSignatureSource} and {@link CosignFacts}, one
 * at a time: a new HTTP client and connection per lookup, as the operator makes them. Signed images
 * (tag, manifest, one payload blob) and unsigned ones (one 404) are timed apart.
 */
public final class CosignLookupRun {

  private static final int WARM_UP = 100;
  private static final int LOOKUPS = 1_000;
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final String PATH = "team/payment";

  private final KeyPair key;
  private final TrustedKey trusted;

  public CosignLookupRun() throws GeneralSecurityException, KeyException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    this.key = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8))
                .encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    this.trusted = KeyParser.parsePkix("bench", pem, "ECDSA_P256_SHA256");
  }

  /** Runs the three registries and returns the report's section. */
  public String run() throws GeneralSecurityException {
    List<CosignLookupRow> rows = new ArrayList<>();
    try (JibCosignSignatureSource source = new JibCosignSignatureSource()) {
      try (LocalRegistry open = LocalRegistry.open()) {
        rows.addAll(
            measure(
                "plain HTTP", open, source, new RegistryAccess(List.of(), Optional.empty(), true)));
      }
      RegistryCredential credential = new RegistryCredential(USER, PASSWORD, "bench");
      try (LocalRegistry guarded = LocalRegistry.withPassword(USER, PASSWORD)) {
        rows.addAll(
            measure(
                "HTTP + basic auth",
                guarded,
                source,
                new RegistryAccess(List.of(credential), Optional.empty(), true)));
      }
      try (LocalRegistry tls = LocalRegistry.tlsWithPassword(USER, PASSWORD)) {
        rows.addAll(
            measure(
                "TLS (private CA) + basic auth",
                tls,
                source,
                new RegistryAccess(List.of(credential), tls.caPem(), false)));
      }
    }
    return CosignLookupTable.markdown(rows, WARM_UP, LOOKUPS);
  }

  private List<CosignLookupRow> measure(
      String registry, LocalRegistry local, JibCosignSignatureSource source, RegistryAccess access)
      throws GeneralSecurityException {
    ImageReference signed = image(local, "signed");
    String digest = signed.digest().orElseThrow();
    byte[] payload = CosignImages.payload(signed.repository(), digest);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(payload);
    CosignImages.pushSignatures(
        local,
        PATH,
        digest,
        List.of(
            CosignImages.signature(payload, Base64.getEncoder().encodeToString(signer.sign()))));
    ImageReference unsigned = image(local, "unsigned");
    return List.of(
        time(registry, "signed", source, new CosignLookup(signed, Optional.empty(), access), true),
        time(
            registry,
            "unsigned",
            source,
            new CosignLookup(unsigned, Optional.empty(), access),
            false));
  }

  private CosignLookupRow time(
      String registry,
      String image,
      JibCosignSignatureSource source,
      CosignLookup lookup,
      boolean verified) {
    Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
    int errors = 0;
    for (int i = 0; i < WARM_UP + LOOKUPS; i++) {
      long start = System.nanoTime();
      AttestationFact fact =
          CosignFacts.find(source, lookup, List.of(trusted), Deadline.after(3, TimeUnit.SECONDS));
      long elapsed = System.nanoTime() - start;
      if (i < WARM_UP) {
        continue;
      }
      if ((fact instanceof AttestationFact.Verified) != verified
          || fact instanceof AttestationFact.Unavailable) {
        errors++;
      }
      micros.recordValue(
          Math.min(TimeUnit.NANOSECONDS.toMicros(elapsed), micros.getHighestTrackableValue()));
    }
    return new CosignLookupRow(
        registry,
        image,
        LOOKUPS,
        errors,
        micros.getValueAtPercentile(50) / 1000.0,
        micros.getValueAtPercentile(90) / 1000.0,
        micros.getValueAtPercentile(99) / 1000.0,
        micros.getMaxValue() / 1000.0);
  }

  private static ImageReference image(LocalRegistry registry, String content) {
    return ImageReference.parse(
        registry.repository(PATH) + "@" + CosignImages.pushImage(registry, PATH, content));
  }
}
