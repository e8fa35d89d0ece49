package io.dikast.operator.standalone;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.AttestationAuthoritySpec;
import io.dikast.crds.v1beta1.GenericAttestationPolicy;
import io.dikast.crds.v1beta1.ImageSecurityPolicy;
import io.dikast.engine.key.TrustedKey;
import io.dikast.operator.policyset.AuthorityKeyResolver;
import io.dikast.operator.policyset.KeyOutcome;
import io.dikast.operator.policyset.KeySourceLookup;
import io.dikast.operator.policyset.PolicySetView;
import io.dikast.operator.policyset.ResolvedAuthority;
import io.dikast.verifier.policy.PolicyMapper;
import io.dikast.verifier.registry.CosignSettings;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes manifests into the {@link PolicySetView} through the code paths the reconcilers use, so
 * a policy means the same in standalone mode as in a cluster, then marks the view loaded.
 */
public final class StandalonePolicySet {

  private static final Logger LOG = Logger.getLogger(StandalonePolicySet.class);

  private StandalonePolicySet() {}

  public static void publish(PolicyManifests manifests, PolicySetView view) {
    manifests.authorities().forEach(StandalonePolicySet::requireInlineKeys);
    for (AttestationAuthority authority : manifests.authorities()) {
      view.putAuthority(resolve(authority));
    }
    for (ImageSecurityPolicy policy : manifests.imageSecurityPolicies()) {
      view.putPolicy(PolicyMapper.toPolicy(policy));
    }
    for (GenericAttestationPolicy policy : manifests.genericAttestationPolicies()) {
      view.putPolicy(PolicyMapper.toPolicy(policy));
    }
    view.markLoaded();
  }

  private static void requireInlineKeys(AttestationAuthority authority) {
    AttestationAuthoritySpec spec = authority.getSpec();
    if (spec != null && !spec.getPublicKeysFrom().isEmpty()) {
      throw new StandaloneConfigurationException(
          "AttestationAuthority "
              + name(authority)
              + " reads its keys from a ConfigMap or Secret (publicKeysFrom), which standalone mode"
              + " cannot read without an API server: put the keys inline under publicKeys");
    }
  }

  private static ResolvedAuthority resolve(AttestationAuthority authority) {
    AttestationAuthoritySpec spec =
        authority.getSpec() == null ? new AttestationAuthoritySpec() : authority.getSpec();
    List<KeyOutcome> outcomes = AuthorityKeyResolver.resolve(spec, KeySourceLookup.NONE);
    outcomes.stream()
        .filter(outcome -> !outcome.valid())
        .forEach(
            outcome ->
                LOG.warnf(
                    "AttestationAuthority %s: %s (policies naming it stay enforced)",
                    name(authority), outcome.problem()));
    List<TrustedKey> keys =
        outcomes.stream().filter(KeyOutcome::valid).map(KeyOutcome::key).toList();
    boolean ready = !outcomes.isEmpty() && keys.size() == outcomes.size();
    return ResolvedAuthority.of(
        authority.getMetadata().getNamespace(),
        authority.getMetadata().getName(),
        spec.getNoteReference(),
        keys,
        ready,
        CosignSettings.of(spec.getCosign()));
  }

  private static String name(AttestationAuthority authority) {
    return authority.getMetadata().getNamespace() + "/" + authority.getMetadata().getName();
  }
}
