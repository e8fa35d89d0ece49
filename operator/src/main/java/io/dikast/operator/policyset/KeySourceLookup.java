package io.dikast.operator.policyset;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The data of ConfigMaps and Secrets in an authority's namespace, as text. */
public interface KeySourceLookup {

  /** Where no ConfigMap or Secret can hold a key: standalone mode has no API server. */
  KeySourceLookup NONE =
      new KeySourceLookup() {
        @Override
        public Optional<Map<String, String>> configMap(String name) {
          return Optional.empty();
        }

        @Override
        public Optional<Map<String, String>> secret(String name) {
          return Optional.empty();
        }
      };

  Optional<Map<String, String>> configMap(String name);

  /** Secret values already base64-decoded. */
  Optional<Map<String, String>> secret(String name);

  /** A Secret's {@code data} decoded, with {@code stringData} (not yet folded in) on top. */
  static Map<String, String> secretText(Secret secret) {
    Map<String, String> result = new HashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (key, value) ->
                  result.put(
                      key,
                      new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      result.putAll(secret.getStringData());
    }
    return result;
  }
}
