package io.dikast.engine.policy;

import io.dikast.engine.attestation.SlsaProvenance;
import io.dikast.engine.duration.GoDuration;
import io.dikast.engine.vulnerability.SeverityLimit;
import io.dikast.engine.vulnerability.Vulnerability;
import io.dikast.engine.vulnerability.VulnerabilityRequirements;
import io.dikast.engine.workload.PodSpecKind;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one-line texts of a {@link Decision}. Their formats are a contract: users read them in {@code
 * kubectl} output and tests assert them exactly. {@code <ref>} is the image as written in the
 * manifest; {@code <policy>} is {@code <Kind> <namespace>/<name>}, e.g. {@code ImageSecurityPolicy
 * payments/qa-only}.
 *
 * <p>Denial lines, one per failing image and policy, then one per policy that says the object's
 * kind keeps a pod spec where it has none:
 *
 * <ul>
 *   <li>{@code image <ref> denied by <policy>: <reason>}
 *   <li>{@code <Kind> <namespace>/<name> denied by <policy>: <reason>} for the object itself
 *   <li>{@code image <ref> denied by <policy>: <reason>; break-glass is forbidden by this policy}
 *       when break-glass was requested and the policy says {@code breakglass: Deny}
 * </ul>
 *
 * <p>Warning lines, for violations that do not deny: {@code image <ref> admitted <cause> despite
 * <policy>: <reason>} (or {@code <Kind> <namespace>/<name> admitted …} for the object), where
 * {@code <cause>} is {@code under break-glass}, {@code in dry run} or {@code with
 * onBackendUnavailable Allow}.
 *
 * <p>Warning line for an image that passed a policy with {@code onBackendUnavailable:
 * UseCachedFacts} only by counting attestations verified before the outage: {@code image <ref>
 * admitted on a cached attestation by qa verified 4m12s ago despite <policy>: attestation backend
 * unavailable (<outage>)}, or {@code … on cached attestations by qa verified 4m12s ago, security
 * verified 10s ago …} for several, in policy order; ages are Go durations in whole seconds.
 *
 * <p>Reasons:
 *
 * <ul>
 *   <li>{@code invalid image reference "<ref>" (<why>)} when the distribution reference grammar
 *       refuses the image, e.g. {@code (it has surrounding whitespace)}, {@code (a scheme such as
 *       https:// is not part of an image reference)}, {@code (a repository path must be lower
 *       case)}; {@code <ref>} with control characters as {@code ?}
 *   <li>{@code image is not pinned by a sha256 digest} for a valid reference by tag, or by a digest
 *       of another algorithm
 *   <li>{@code no valid attestation by authority qa<details>} when all authorities are required
 *   <li>{@code no valid attestation by authorities qa, security<details>} likewise, several missing
 *   <li>{@code 1 of 2 required attestations (qa, security, release); missing: security,
 *       release<details>} when k of n are required: verified count, required count, all
 *       authorities, then those without a valid attestation
 *   <li>{@code attestation backend unavailable (<outage>)} when only the outage prevents a pass;
 *       {@code <outage>} lists the distinct outage reasons separated by {@code "; "}
 *   <li>{@code 2 vulnerabilities above MEDIUM: CVE-2024-1234 (HIGH, openssl), CVE-2024-99 (HIGH,
 *       zlib)} for an ImageSecurityPolicy's vulnerability requirements: the count, the limits
 *       exceeded ({@code above <maximumSeverity>} for vulnerabilities with a fix, {@code without a
 *       fix above <maximumFixUnavailableSeverity>} for those without, joined by {@code " or "}, or
 *       named once when both kinds broke the same limit; {@code under BLOCK_ALL} instead of {@code
 *       above BLOCK_ALL}), then the worst five (most severe first, then those without a fix, then
 *       by CVE id) as {@code <cve id> (<severity>, <package>, …[, no fix])}, and {@code and <n>
 *       more} for the rest
 *   <li>{@code vulnerability backend unavailable (<outage>)} when the image's vulnerabilities could
 *       not be read
 *   <li>{@code no valid provenance by authority ci (ci: <reason>)} for a provenance requirement
 *       without any verified SLSA provenance statement about the image, the reason the verifier's
 *       (e.g. {@code no build occurrence for this digest})
 *   <li>{@code provenance by authority ci names builder <id>, not one of <pattern>, <pattern>} when
 *       no verified statement has an allowed builder; the first statement's builder is named
 *   <li>{@code provenance by authority ci names no source repository matching <pattern>, <pattern>
 *       (it names <uri>, <uri>)} when the statements with an allowed builder name no allowed
 *       source; the first such statement's sources are named ({@code it names none} without any)
 *   <li>{@code provenance backend unavailable (<outage>)} when only an outage prevents a provenance
 *       requirement from being checked
 *   <li>{@code the policy says Rollout.argoproj.io keeps its pod spec at /spec/template/spec, but
 *       the object has nothing there} for the object, when a policy's {@code podSpecKinds} entry
 *       finds nothing
 * </ul>
 *
 * <p>When an image fails several of the attestation, provenance and vulnerability requirements of a
 * policy, the reasons share its one line in that order, separated by {@code "; "}; failing
 * provenance requirements are listed in policy order.
 *
 * <p>{@code <details>} is {@code " (<authority>: <reason>; …)"} with one entry per authority
 * without a valid attestation, in policy order; the reason is the verifier's, or {@code unavailable
 * (<outage>)} when the backend did not answer for that authority.
 *
 * <p>Authorities are always listed in the order the policy names them.
 */
final class DecisionMessages {

  static final String NOT_PINNED = "image is not pinned by a sha256 digest";
  static final String BREAKGLASS_FORBIDDEN = "break-glass is forbidden by this policy";
  static final int LISTED_VULNERABILITIES = 5;

  /** What let a violating image in anyway. */
  enum Leniency {
    BREAKGLASS("under break-glass"),
    DRY_RUN("in dry run"),
    BACKEND_OUTAGE_ALLOWED("with onBackendUnavailable Allow");

    private final String phrase;

    Leniency(String phrase) {
      this.phrase = phrase;
    }
  }

  private DecisionMessages() {}

  static String denial(Violation violation) {
    return "%s denied by %s: %s"
        .formatted(violation.subject(), PolicyRef.of(violation.policy()), violation.reason());
  }

  static String denialWithBreakglassForbidden(Violation violation) {
    return denial(violation) + "; " + BREAKGLASS_FORBIDDEN;
  }

  static String warning(Violation violation, Leniency leniency) {
    return "%s admitted %s despite %s: %s"
        .formatted(
            violation.subject(),
            leniency.phrase,
            PolicyRef.of(violation.policy()),
            violation.reason());
  }

  static String cachedFactsWarning(CachedFactsUse use) {
    return "image %s admitted on %s despite %s: %s"
        .formatted(
            use.image(),
            cachedAttestations(use.attestations()),
            PolicyRef.of(use.policy()),
            backendUnavailable(use.outages()));
  }

  private static String cachedAttestations(Map<String, LastVerified> byAuthority) {
    String listed =
        byAuthority.entrySet().stream()
            .map(
                entry ->
                    entry.getKey()
                        + " verified "
                        + GoDuration.format(entry.getValue().age().truncatedTo(ChronoUnit.SECONDS))
                        + " ago")
            .collect(Collectors.joining(", "));
    return (byAuthority.size() == 1 ? "a cached attestation by " : "cached attestations by ")
        + listed;
  }

  static String missingAttestations(Policy policy, AttestationTally tally) {
    List<String> missing = tally.missing();
    String summary =
        policy.requiredCount() == policy.authorityNames().size()
            ? allOfSummary(missing)
            : "%d of %d required attestations (%s); missing: %s"
                .formatted(
                    tally.verifiedCount(),
                    policy.requiredCount(),
                    String.join(", ", policy.authorityNames()),
                    String.join(", ", missing));
    return summary + details(tally.factsOf(missing));
  }

  static String absentPodSpec(PodSpecKind declared) {
    return "the policy says %s keeps its pod spec at %s, but the object has nothing there"
        .formatted(declared.kind(), declared.podSpecPath());
  }

  static String backendUnavailable(List<AttestationFact.Unavailable> outages) {
    return "attestation backend unavailable (%s)"
        .formatted(
            outages.stream()
                .map(AttestationFact.Unavailable::reason)
                .distinct()
                .collect(Collectors.joining("; ")));
  }

  static String noValidProvenance(String authority, String reason) {
    return "no valid provenance by authority %s (%s: %s)".formatted(authority, authority, reason);
  }

  static String builderNotAllowed(ProvenanceRequirement requirement, SlsaProvenance statement) {
    return "provenance by authority %s names builder %s, not one of %s"
        .formatted(
            requirement.authorityName(),
            statement.builderId(),
            String.join(", ", requirement.builderIdPatterns()));
  }

  static String sourceNotAllowed(ProvenanceRequirement requirement, SlsaProvenance statement) {
    return "provenance by authority %s names no source repository matching %s (it names %s)"
        .formatted(
            requirement.authorityName(),
            String.join(", ", requirement.sourceRepositoryPatterns()),
            statement.sourceUris().isEmpty() ? "none" : String.join(", ", statement.sourceUris()));
  }

  static String provenanceBackendUnavailable(List<AttestationFact.Unavailable> outages) {
    return "provenance backend unavailable (%s)"
        .formatted(
            outages.stream()
                .map(AttestationFact.Unavailable::reason)
                .distinct()
                .collect(Collectors.joining("; ")));
  }

  static String vulnerabilityBackendUnavailable(VulnerabilityFact.Unavailable outage) {
    return "vulnerability backend unavailable (" + outage.reason() + ")";
  }

  /** {@code violations} are worst first, as the vulnerability evaluator returns them. */
  static String vulnerabilities(
      VulnerabilityRequirements requirements, List<Vulnerability> violations) {
    String listed =
        violations.stream()
            .limit(LISTED_VULNERABILITIES)
            .map(DecisionMessages::vulnerability)
            .collect(Collectors.joining(", "));
    int unlisted = violations.size() - LISTED_VULNERABILITIES;
    return "%d %s %s: %s%s"
        .formatted(
            violations.size(),
            violations.size() == 1 ? "vulnerability" : "vulnerabilities",
            exceededLimits(requirements, violations),
            listed,
            unlisted > 0 ? " and " + unlisted + " more" : "");
  }

  private static String exceededLimits(
      VulnerabilityRequirements requirements, List<Vulnerability> violations) {
    boolean withFix = violations.stream().anyMatch(Vulnerability::fixAvailable);
    boolean withoutFix = violations.stream().anyMatch(violation -> !violation.fixAvailable());
    SeverityLimit limit = requirements.maximumSeverity();
    SeverityLimit fixUnavailableLimit = requirements.maximumFixUnavailableSeverity();
    if (withFix && withoutFix && limit == fixUnavailableLimit) {
      return beyond(limit);
    }
    List<String> limits = new ArrayList<>();
    if (withFix) {
      limits.add(beyond(limit));
    }
    if (withoutFix) {
      limits.add("without a fix " + beyond(fixUnavailableLimit));
    }
    return String.join(" or ", limits);
  }

  private static String beyond(SeverityLimit limit) {
    return (limit == SeverityLimit.BLOCK_ALL ? "under " : "above ") + limit;
  }

  private static String vulnerability(Vulnerability vulnerability) {
    List<String> details = new ArrayList<>();
    details.add(vulnerability.severity().name());
    details.addAll(vulnerability.packages());
    if (!vulnerability.fixAvailable()) {
      details.add("no fix");
    }
    return vulnerability.cveId() + " (" + String.join(", ", details) + ")";
  }

  private static String allOfSummary(List<String> missing) {
    return (missing.size() == 1
            ? "no valid attestation by authority "
            : "no valid attestation by authorities ")
        + String.join(", ", missing);
  }

  private static String details(Map<String, AttestationFact> facts) {
    if (facts.isEmpty()) {
      return "";
    }
    return facts.entrySet().stream()
        .map(entry -> entry.getKey() + ": " + explain(entry.getValue()))
        .collect(Collectors.joining("; ", " (", ")"));
  }

  private static String explain(AttestationFact fact) {
    if (fact instanceof AttestationFact.NotVerified notVerified) {
      return notVerified.reason();
    }
    if (fact instanceof AttestationFact.Unavailable unavailable) {
      return "unavailable (" + unavailable.reason() + ")";
    }
    throw new IllegalArgumentException("a verified attestation is not missing: " + fact);
  }
}
