package io.dikast.operator.policyset;

import io.dikast.crds.v1beta1.AttestationAuthoritySpec;
import io.dikast.crds.v1beta1.KeyStatus;
import io.dikast.crds.v1beta1.KeyType;
import io.dikast.crds.v1beta1.PublicKey;
import io.dikast.crds.v1beta1.PublicKeySource;
import io.dikast.crds.v1beta1.SignatureAlgorithm;
import io.dikast.engine.key.TrustedKey;
import io.dikast.verifier.policy.AuthorityKeys;
import io.dikast.verifier.policy.ParsedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Parses every key an authority declares, inline or from a ConfigMap or Secret, with the engine's
 * key parser. One bad key never hides the good ones.
 */
public final class AuthorityKeyResolver {

  static final String INVALID_KEY = AuthorityKeys.INVALID_KEY;
  static final String KEY_SOURCE_NOT_FOUND = "KeySourceNotFound";
  static final String KEY_SOURCE_KEY_NOT_FOUND = "KeySourceKeyNotFound";

  private AuthorityKeyResolver() {}

  public static List<KeyOutcome> resolve(AttestationAuthoritySpec spec, KeySourceLookup lookup) {
    List<KeyOutcome> outcomes = new ArrayList<>();
    List<PublicKey> inline = spec.getPublicKeys();
    for (int i = 0; i < inline.size(); i++) {
      outcomes.add(inlineKey(inline.get(i), "publicKeys[" + i + "]"));
    }
    for (PublicKeySource source : spec.getPublicKeysFrom()) {
      outcomes.addAll(sourceKeys(source, lookup));
    }
    return outcomes;
  }

  private static KeyOutcome inlineKey(PublicKey key, String source) {
    KeyType type = key.getKeyType() == KeyType.PKIX ? KeyType.PKIX : KeyType.PGP;
    return outcome(type, source, AuthorityKeys.inline(key));
  }

  private static List<KeyOutcome> sourceKeys(PublicKeySource source, KeySourceLookup lookup) {
    boolean fromSecret = source.getSecretName() != null;
    String name = fromSecret ? source.getSecretName() : source.getConfigMapName();
    String label = (fromSecret ? "secret/" : "configmap/") + name;
    Optional<Map<String, String>> data = fromSecret ? lookup.secret(name) : lookup.configMap(name);
    if (data.isEmpty()) {
      String kind = fromSecret ? "Secret " : "ConfigMap ";
      return List.of(
          failure(
              null, source.getKeyType(), label, KEY_SOURCE_NOT_FOUND, kind + name + " not found"));
    }
    Map<String, String> entries = new TreeMap<>(data.get());
    if (source.getKey() != null) {
      if (!entries.containsKey(source.getKey())) {
        return List.of(
            failure(
                null,
                source.getKeyType(),
                label + "/" + source.getKey(),
                KEY_SOURCE_KEY_NOT_FOUND,
                "no data key "
                    + source.getKey()
                    + " in "
                    + label
                    + "; it has "
                    + entries.keySet()));
      }
      entries = Map.of(source.getKey(), entries.get(source.getKey()));
    }
    if (entries.isEmpty()) {
      return List.of(
          failure(
              null,
              source.getKeyType(),
              label,
              KEY_SOURCE_KEY_NOT_FOUND,
              label + " holds no keys"));
    }
    List<KeyOutcome> outcomes = new ArrayList<>();
    entries.forEach(
        (dataKey, text) ->
            outcomes.add(
                parse(
                    // The source object is trusted as a whole: its keys are known by fingerprint.
                    null,
                    source.getKeyType(),
                    label + "/" + dataKey,
                    text,
                    source.getSignatureAlgorithm())));
    return outcomes;
  }

  private static KeyOutcome parse(
      String declaredId,
      KeyType type,
      String source,
      String material,
      SignatureAlgorithm algorithm) {
    return outcome(type, source, AuthorityKeys.parse(declaredId, type, material, algorithm));
  }

  private static KeyOutcome outcome(KeyType type, String source, ParsedKey parsed) {
    if (parsed.key().isEmpty()) {
      return failure(parsed.declaredId(), type, source, parsed.reason(), parsed.error());
    }
    TrustedKey key = parsed.key().get();
    KeyStatus status = new KeyStatus();
    status.setKeyId(key.keyId());
    status.setKeyType(type);
    status.setSource(source);
    status.setFingerprint(key.fingerprint());
    status.setAlgorithm(key.algorithm());
    return new KeyOutcome(status, key, null);
  }

  private static KeyOutcome failure(
      String keyId, KeyType type, String source, String reason, String message) {
    KeyStatus status = new KeyStatus();
    status.setKeyId(keyId);
    status.setKeyType(type);
    status.setSource(source);
    status.setError(message);
    return new KeyOutcome(status, null, reason);
  }
}
