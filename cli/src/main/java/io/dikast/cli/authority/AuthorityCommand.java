package io.dikast.cli.authority;

import io.dikast.cli.CliException;
import io.dikast.cli.ExitCode;
import io.dikast.cli.InputFiles;
import io.dikast.cli.grafeas.NoteName;
import io.dikast.cli.output.OutputFormat;
import io.dikast.cli.output.OutputOptions;
import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.CosignSource;
import io.dikast.crds.v1beta1.KeyType;
import io.dikast.crds.v1beta1.PkixPublicKey;
import io.dikast.crds.v1beta1.PublicKey;
import io.dikast.crds.v1beta1.SignatureAlgorithm;
import io.dikast.engine.key.KeyException;
import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dikast authority}: an AttestationAuthority manifest for a public key, with the key id the
 * engine computes, ready for {@code kubectl apply -f -}.
 */
@Command(
    name = "authority",
    mixinStandardHelpOptions = true,
    description = {
      "Print an AttestationAuthority manifest for a public key and a note, ready for kubectl apply.",
      "--cosign makes the authority also (or, without --note, only) accept the key's cosign"
          + " signatures from the image's registry.",
      "The key is checked and its id computed exactly as the operator will: the fingerprint of a"
          + " PGP key, the ni:///sha-256;… id of a PKIX key."
    })
public final class AuthorityCommand implements Callable<Integer> {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Exactly one public key file. */
  static final class KeyFile {
    @Option(
        names = "--pgp-public-key",
        required = true,
        paramLabel = "FILE",
        description = "Armored PGP public key (gpg --armor --export).")
    Path pgp;

    @Option(
        names = "--pkix-public-key",
        required = true,
        paramLabel = "FILE",
        description = "PEM public key (openssl pkey -pubout), used with --algorithm.")
    Path pkix;
  }

  @Spec private CommandSpec spec;

  @Option(names = "--name", required = true, description = "Name of the AttestationAuthority.")
  private String name;

  @Option(
      names = "--note",
      paramLabel = "projects/P/notes/N",
      description =
          "The Grafeas note the authority's attestations are filed under; optional with --cosign.")
  private String note;

  @Option(names = "--namespace", description = "Namespace of the manifest (default: none).")
  private String namespace;

  @ArgGroup(multiplicity = "1")
  private KeyFile keyFile;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      description = "PKIX signature algorithm, e.g. ECDSA_P256_SHA256.")
  private String algorithm;

  @Option(
      names = "--key-id",
      paramLabel = "ID",
      description = "PKIX: the id signatures name instead of the ni:///sha-256;… default.")
  private String keyId;

  @Mixin private CosignSourceOptions cosign;

  @Mixin private OutputOptions output;

  @Override
  public Integer call() {
    AttestationAuthority authority = new AttestationAuthority();
    authority.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    authority.setSpec(new io.dikast.crds.v1beta1.AttestationAuthoritySpec());
    Optional<CosignSource> cosignSource = cosign.source();
    if (note == null && cosignSource.isEmpty()) {
      throw CliException.usage("missing --note projects/P/notes/N (needed unless --cosign)");
    }
    if (cosignSource.isPresent() && keyFile.pgp != null) {
      throw CliException.usage(
          "--cosign needs --pkix-public-key: cosign signatures are checked with PKIX keys only");
    }
    if (note != null) {
      authority.getSpec().setNoteReference(NoteName.parse("--note", note).toString());
    }
    cosignSource.ifPresent(authority.getSpec()::setCosign);
    authority.getSpec().setPublicKeys(List.of(keyFile.pgp != null ? pgpKey() : pkixKey()));
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        output.format() == OutputFormat.JSON
            ? SERIALIZATION.asJson(authority) + "\n"
            : SERIALIZATION.asYaml(authority));
    out.flush();
    return ExitCode.OK;
  }

  private PublicKey pgpKey() {
    if (keyId != null || algorithm != null) {
      throw CliException.usage("--key-id and --algorithm apply to --pkix-public-key only");
    }
    String armored = read(keyFile.pgp);
    TrustedKey key = parse(keyFile.pgp, () -> KeyParser.parsePgp(null, armored));
    PublicKey publicKey = new PublicKey();
    publicKey.setKeyType(KeyType.PGP);
    publicKey.setKeyId(key.keyId());
    publicKey.setAsciiArmoredPgpPublicKey(armored);
    return publicKey;
  }

  private PublicKey pkixKey() {
    if (algorithm == null) {
      throw CliException.usage("--pkix-public-key needs --algorithm, e.g. ECDSA_P256_SHA256");
    }
    String pem = read(keyFile.pkix);
    TrustedKey key = parse(keyFile.pkix, () -> KeyParser.parsePkix(keyId, pem, algorithm));
    PkixPublicKey pkix = new PkixPublicKey();
    pkix.setPublicKeyPem(pem);
    pkix.setSignatureAlgorithm(
        SignatureAlgorithm.valueOf(
            io.dikast.engine.key.SignatureAlgorithm.fromName(algorithm).orElseThrow().name()));
    PublicKey publicKey = new PublicKey();
    publicKey.setKeyType(KeyType.PKIX);
    publicKey.setKeyId(key.keyId());
    publicKey.setPkixPublicKey(pkix);
    return publicKey;
  }

  private static String read(Path file) {
    return new String(InputFiles.read(file, "public key file"), StandardCharsets.UTF_8);
  }

  private static TrustedKey parse(Path file, KeyParsing parsing) {
    try {
      return parsing.parse();
    } catch (KeyException e) {
      throw CliException.usage("public key file " + file + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface KeyParsing {
    TrustedKey parse() throws KeyException;
  }
}
