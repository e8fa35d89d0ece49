package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;

import io.dikast.engine.key.KeyParser;
import io.dikast.engine.key.TrustedKey;
import io.dikast.engine.policy.BackendUnavailableMode;
import io.dikast.engine.policy.BreakglassMode;
import io.dikast.engine.policy.EnforcementMode;
import io.dikast.engine.policy.Policy;
import io.dikast.engine.policy.PolicyKind;
import io.dikast.engine.testing.OpenSsl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PolicySetViewTest {

  private static OpenSsl openssl;
  private static TrustedKey first;
  private static TrustedKey second;

  private final PolicySetView view = new PolicySetView("dikast");
  private final List<AuthorityChange> changes = new ArrayList<>();

  @BeforeAll
  static void keys() throws Exception {
    openssl = OpenSsl.start();
    first = KeyParser.parsePkix(null, openssl.ecKey("P-256").publicKeyPem(), "ECDSA_P256_SHA256");
    second = KeyParser.parsePkix(null, openssl.ecKey("P-256").publicKeyPem(), "ECDSA_P256_SHA256");
  }

  @AfterAll
  static void cleanUp() {
    openssl.close();
  }

  @Test
  void unknownNamespaceHasAnEmptySnapshot() {
    assertThat(view.snapshot("nowhere")).isEqualTo(NamespacePolicies.EMPTY);
  }

  @Test
  void startsNotLoadedAndTellsWhichObjectsItHolds() {
    assertThat(view.isLoaded()).isFalse();
    view.putPolicy(policy("payments", "qa-only", 0));
    view.putAuthority(
        ResolvedAuthority.of("payments", "qa", "projects/image-signing/notes/qa", List.of(), true));

    assertThat(view.holds(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "qa-only")).isTrue();
    assertThat(view.holds(PolicyKind.GENERIC_ATTESTATION_POLICY, "payments", "qa-only")).isFalse();
    assertThat(view.holds(null, "payments", "qa")).isTrue();
    assertThat(view.holds(null, "payments", "qa-only")).isFalse();
    assertThat(view.holds(PolicyKind.IMAGE_SECURITY_POLICY, "web", "qa-only")).isFalse();

    view.markLoaded();
    assertThat(view.isLoaded()).isTrue();
  }

  @Test
  void keepsPoliciesAndAuthoritiesPerNamespace() {
    view.putPolicy(policy("payments", "b-policy", 0));
    view.putPolicy(policy("payments", "a-policy", 0));
    view.putPolicy(policy("web", "c-policy", 0));
    view.putAuthority(
        ResolvedAuthority.of(
            "payments", "qa", "v1/projects/image-signing/notes/qa", List.of(first), true));

    NamespacePolicies payments = view.snapshot("payments");
    assertThat(payments.policies())
        .extracting(Policy::name)
        .containsExactly("a-policy", "b-policy");
    assertThat(payments.authority("qa").orElseThrow().noteName())
        .isEqualTo("projects/image-signing/notes/qa");
    assertThat(payments.authority("qa").orElseThrow().keys()).containsExactly(first);
    assertThat(view.snapshot("web").policies())
        .extracting(Policy::name)
        .containsExactly("c-policy");
    assertThat(view.snapshot("web").authorities()).isEmpty();
  }

  @Test
  void replacesAndRemovesAPolicyByKindAndName() {
    view.putPolicy(policy("payments", "p", 0));
    view.putPolicy(policy("payments", "p", 1));

    assertThat(view.snapshot("payments").policies())
        .singleElement()
        .extracting(Policy::requiredAttestations)
        .isEqualTo(1);

    view.removePolicy(PolicyKind.IMAGE_SECURITY_POLICY, "payments", "p");
    assertThat(view.snapshot("payments")).isEqualTo(NamespacePolicies.EMPTY);
  }

  @Test
  void tellsListenersWhenAnAuthoritysKeysChangeAndOnlyThen() {
    view.addListener(changes::add);

    ResolvedAuthority one =
        ResolvedAuthority.of("payments", "qa", "projects/p/notes/qa", List.of(first), true);
    view.putAuthority(one);
    view.putAuthority(
        ResolvedAuthority.of("payments", "qa", "projects/p/notes/qa", List.of(first), false));
    ResolvedAuthority two =
        ResolvedAuthority.of("payments", "qa", "projects/p/notes/qa", List.of(second, first), true);
    view.putAuthority(two);
    view.removeAuthority("payments", "qa");

    assertThat(changes)
        .containsExactly(
            new AuthorityChange("payments", "qa", null, one.keySetVersion()),
            new AuthorityChange("payments", "qa", one.keySetVersion(), two.keySetVersion()),
            new AuthorityChange("payments", "qa", two.keySetVersion(), null));
    assertThat(one.keySetVersion()).isNotEqualTo(two.keySetVersion());
  }

  @Test
  void keySetVersionIgnoresKeyOrder() {
    assertThat(ResolvedAuthority.keySetVersion(List.of(first, second)))
        .isEqualTo(ResolvedAuthority.keySetVersion(List.of(second, first)))
        .isNotEqualTo(ResolvedAuthority.keySetVersion(List.of(first)));
  }

  @Test
  void concurrentReadersSeeWholeSnapshots() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> readWhileWritten(stop)));
      }
      for (int i = 0; i < 20_000; i++) {
        view.putPolicy(policy("payments", "p", i % 2));
        view.putAuthority(
            ResolvedAuthority.of(
                "payments",
                "qa",
                "projects/p/notes/qa",
                i % 2 == 0 ? List.of(first) : List.of(first, second),
                true));
      }
      stop.set(true);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(30, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Returns how many snapshots it checked; fails on a snapshot that is torn or changes later. */
  private int readWhileWritten(AtomicBoolean stop) {
    int seen = 0;
    while (!stop.get() || seen == 0) {
      NamespacePolicies snapshot = view.snapshot("payments");
      List<Policy> policies = List.copyOf(snapshot.policies());
      assertThat(policies.stream().filter(p -> p.name().equals("p")).count())
          .isLessThanOrEqualTo(1);
      snapshot
          .authority("qa")
          .ifPresent(
              qa ->
                  assertThat(qa.keySetVersion())
                      .isEqualTo(ResolvedAuthority.keySetVersion(qa.keys())));
      assertThat(snapshot.policies()).isEqualTo(policies);
      seen++;
    }
    return seen;
  }

  private static Policy policy(String namespace, String name, int required) {
    return new Policy(
        PolicyKind.IMAGE_SECURITY_POLICY,
        namespace,
        name,
        List.of(),
        List.of("qa", "security"),
        required,
        EnforcementMode.ENFORCE,
        BreakglassMode.ALLOW,
        BackendUnavailableMode.DENY);
  }
}
