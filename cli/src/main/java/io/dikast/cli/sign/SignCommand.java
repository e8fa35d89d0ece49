package io.dikast.cli.sign;

import io.dikast.cli.CliException;
import io.dikast.cli.ExitCode;
import io.dikast.cli.grafeas.GrafeasOptions;
import io.dikast.cli.grafeas.NoteName;
import io.dikast.cli.output.OutputOptions;
import io.dikast.engine.attestation.AtomicContainerSignature;
import io.dikast.engine.attestation.Attestation;
import io.dikast.engine.attestation.AttestationSignature;
import io.dikast.engine.attestation.AttestationVerifier;
import io.dikast.engine.attestation.CosignSignature;
import io.dikast.engine.attestation.CosignSignatureVerifier;
import io.dikast.engine.attestation.DsseEnvelope;
import io.dikast.engine.attestation.DsseVerifier;
import io.dikast.engine.attestation.InTotoStatement;
import io.dikast.engine.attestation.Pae;
import io.dikast.engine.attestation.Verification;
import io.dikast.engine.image.ImageReference;
import io.dikast.engine.key.PkixTrustedKey;
import io.dikast.engine.signing.SigningKey;
import io.dikast.verifier.grafeas.AttestationOccurrences;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dikast sign}: signs the atomic container signature payload of a digest-pinned image and
 * uploads it as an attestation. The signature is checked with the engine's verifier first, so
 * nothing the webhook would reject is ever uploaded.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a digest-pinned image with a private key and upload the attestation to Grafeas.",
      "PGP: an armored secret key (gpg --armor --export-secret-keys); the signature names the key's"
          + " fingerprint.",
      "PKIX: a PEM private key (PKCS#8 or SEC1) and --algorithm; the signature names the key's"
          + " ni:///sha-256;… id unless --key-id is given.",
      "--payload-only prints the payload instead, for gpg --detach-sign or openssl dgst -sign;"
          + " upload their signature with dikast attest.",
      "--cosign signs cosign's payload with a PKIX key and pushes the signature to the image's"
          + " registry (tag sha256-<hex>.sig), as cosign sign --key does; no --note.",
      "--dsse signs an in-toto statement about the image in a DSSE envelope (PGP detached or"
          + " PKIX) and uploads it to Grafeas as the occurrence's envelope."
    })
public final class SignCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--image",
      required = true,
      paramLabel = "REPO@sha256:DIGEST",
      description = "The image to attest, pinned by digest.")
  private String image;

  @Option(
      names = "--note",
      paramLabel = "projects/P/notes/N",
      description = "The authority's note the attestation is filed under.")
  private String note;

  @Option(names = "--key", paramLabel = "FILE", description = "The private key file.")
  private Path key;

  @Mixin private SigningKeyOptions keyOptions;

  @Option(
      names = "--attached",
      description = "PGP: an attached signed message (payload inside) instead of a detached one.")
  private boolean attached;

  @Option(
      names = "--project",
      paramLabel = "P",
      description = "Project the occurrence is filed under (default: the note's project).")
  private String project;

  @Option(
      names = "--payload-only",
      description = "Print the payload to sign, byte for byte, and upload nothing.")
  private boolean payloadOnly;

  @Option(
      names = "--dsse",
      description =
          "Sign an in-toto statement (predicate type "
              + InTotoStatement.APPROVAL_PREDICATE
              + ") in a DSSE envelope instead of the atomic container signature;"
              + " --payload-only prints the statement.")
  private boolean dsse;

  @Mixin private CosignOptions cosign;

  @Mixin private GrafeasOptions grafeas;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() {
    ImageReference pinned = PinnedImage.parse(image);
    if (dsse && cosign.enabled) {
      throw CliException.usage(
          "--dsse files a Grafeas attestation and --cosign a registry signature; choose one");
    }
    byte[] payload =
        cosign.enabled
            ? AtomicContainerSignature.cosignPayloadFor(pinned)
            : dsse
                ? InTotoStatement.about(pinned, InTotoStatement.APPROVAL_PREDICATE)
                : AtomicContainerSignature.payloadFor(pinned);
    if (payloadOnly) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(new String(payload, StandardCharsets.UTF_8));
      out.flush();
      return ExitCode.OK;
    }
    if (cosign.enabled) {
      return signCosign(pinned, payload);
    }
    return dsse ? signEnvelope(pinned, payload) : signAttestation(pinned, payload);
  }

  private int signEnvelope(ImageReference pinned, byte[] statement) {
    NoteName noteName = NoteName.parse("--note", required(note, "--note projects/P/notes/N"));
    if (attached) {
      throw CliException.usage("a DSSE envelope takes detached signatures; drop --attached");
    }
    SigningKey signingKey = signingKey();
    byte[] signature =
        SigningKeyFile.sign(signingKey, Pae.encode(DsseEnvelope.IN_TOTO_TYPE, statement));
    requireVerified(
        DsseVerifier.verify(
            pinned,
            new DsseEnvelope(
                DsseEnvelope.IN_TOTO_TYPE,
                statement,
                List.of(new AttestationSignature(signature, signingKey.publicKeyId()))),
            List.of(signingKey.trustedKey())));
    return AttestationUpload.upload(
        spec.commandLine(),
        grafeas,
        output,
        project,
        AttestationOccurrences.envelope(
            noteName.toString(), pinned, statement, signature, signingKey.publicKeyId()));
  }

  private int signAttestation(ImageReference pinned, byte[] payload) {
    NoteName noteName = NoteName.parse("--note", required(note, "--note projects/P/notes/N"));
    SigningKey signingKey = signingKey();
    byte[] signature = SigningKeyFile.sign(signingKey, payload);
    Verification check =
        AttestationVerifier.verify(
            pinned,
            new Attestation(
                null,
                payload,
                List.of(new AttestationSignature(signature, signingKey.publicKeyId()))),
            List.of(signingKey.trustedKey()));
    requireVerified(check);
    return AttestationUpload.upload(
        spec.commandLine(),
        grafeas,
        output,
        project,
        AttestationOccurrences.of(
            noteName.toString(), pinned, payload, signature, signingKey.publicKeyId()));
  }

  private int signCosign(ImageReference pinned, byte[] payload) {
    if (note != null) {
      throw CliException.usage(
          "--note files a Grafeas attestation and --cosign a registry signature; choose one");
    }
    SigningKey signingKey = signingKey();
    if (!(signingKey.trustedKey() instanceof PkixTrustedKey)) {
      throw CliException.usage(
          "key file "
              + key
              + " is a PGP key; cosign signatures need a PKIX key (a PEM private key and"
              + " --algorithm)");
    }
    String signature = Base64.getEncoder().encodeToString(SigningKeyFile.sign(signingKey, payload));
    requireVerified(
        CosignSignatureVerifier.verify(
            pinned,
            List.of(new CosignSignature(payload, signature, null)),
            List.of(signingKey.trustedKey())));
    return CosignUpload.upload(
        spec.commandLine(),
        output,
        cosign.target(pinned, System.getenv()),
        payload,
        signature,
        signingKey.publicKeyId());
  }

  private SigningKey signingKey() {
    return keyOptions.load(required(key, "--key FILE"), attached);
  }

  private void requireVerified(Verification check) {
    if (!check.verified()) {
      throw CliException.denied(
          "the signature made with key file " + key + " does not verify: " + check.reason());
    }
  }

  private static <T> T required(T value, String option) {
    if (value == null) {
      throw CliException.usage("missing " + option + " (needed unless --payload-only)");
    }
    return value;
  }
}
