package io.dikast.verifier.policy;

import io.dikast.crds.v1beta1.AttestationAuthority;
import io.dikast.crds.v1beta1.PublicKey;
import io.dikast.engine.key.TrustedKey;
import io.dikast.verifier.decision.KnownAuthority;
import io.dikast.verifier.registry.CosignSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns an AttestationAuthority with inline keys into the authority a decision uses. */
public final class AuthorityMapper {

  private static final Pattern API_VERSION_PREFIX = Pattern.compile("^(v1beta1|v1)/");

  private AuthorityMapper() {}

  /**
   * The authority with the inline keys that parsed; it is ready only when all of them did. Keys
   * from ConfigMaps or Secrets need a cluster and are not read here.
   *
   * @param failures receives one line per inline key that did not parse
   */
  public static KnownAuthority toAuthority(AttestationAuthority resource, List<String> failures) {
    List<TrustedKey> keys = new ArrayList<>();
    List<PublicKey> inline = resource.getSpec().getPublicKeys();
    for (int i = 0; i < inline.size(); i++) {
      ParsedKey parsed = AuthorityKeys.inline(inline.get(i));
      if (parsed.key().isPresent()) {
        keys.add(parsed.key().get());
      } else {
        failures.add("publicKeys[" + i + "]: " + parsed.error());
      }
    }
    return new KnownAuthority(
        resource.getMetadata().getName(),
        normalizeNote(resource.getSpec().getNoteReference()),
        keys,
        keys.size() == inline.size(),
        CosignSettings.of(resource.getSpec().getCosign()));
  }

  /** {@code v1beta1/projects/p/notes/n} and {@code v1/projects/p/notes/n} become the bare name. */
  public static String normalizeNote(String noteReference) {
    return noteReference == null
        ? ""
        : API_VERSION_PREFIX.matcher(noteReference.strip()).replaceFirst("");
  }
}
