package io.dikast.operator.reconciler;

import java.util.Map;
import java.util.Optional;

/** The data of ConfigMaps and Secrets in an authority's namespace, as text. */
public interface KeySourceLookup {

  Optional<Map<String, String>> configMap(String name);

  /** Secret values already base64-decoded. */
  Optional<Map<String, String>> secret(String name);
}
