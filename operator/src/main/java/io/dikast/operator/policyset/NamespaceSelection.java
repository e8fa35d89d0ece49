package io.dikast.operator.policyset;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which namespaces a ClusterImageSecurityPolicy applies to: those its label selector matches, less
 * the excluded ones. Kubernetes' own selector semantics: every {@code matchLabels} entry and every
 * {@code matchExpressions} requirement must hold; an absent or empty selector matches everything. A
 * requirement Kubernetes would refuse (an unknown operator, {@code In} without values) matches
 * nothing, so a policy read from a malformed object applies nowhere rather than everywhere: the API
 * server validates the selector of a stored object, so this is a guard, not a path.
 *
 * @param excluded never selected, whatever their labels
 */
public record NamespaceSelection(LabelSelector selector, Set<String> excluded) {

  public NamespaceSelection {
    selector = selector == null ? new LabelSelector() : selector;
    excluded = Set.copyOf(excluded);
  }

  /** {@code excludedNamespaces} with the operator's own namespace, which no policy may cover. */
  public static NamespaceSelection of(
      LabelSelector selector, List<String> excludedNamespaces, String operatorNamespace) {
    Set<String> excluded = new TreeSet<>();
    excludedNamespaces.stream().filter(Objects::nonNull).forEach(excluded::add);
    excluded.add(operatorNamespace);
    return new NamespaceSelection(selector, excluded);
  }

  /** The excluded namespaces in name order, as status shows them. */
  public List<String> excludedSorted() {
    return List.copyOf(new TreeSet<>(excluded));
  }

  public boolean selects(String namespace, Map<String, String> labels) {
    return !excluded.contains(namespace) && matches(labels == null ? Map.of() : labels);
  }

  private boolean matches(Map<String, String> labels) {
    Map<String, String> matchLabels = selector.getMatchLabels();
    if (matchLabels != null
        && !matchLabels.entrySet().stream()
            .allMatch(entry -> Objects.equals(labels.get(entry.getKey()), entry.getValue()))) {
      return false;
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    return expressions == null
        || expressions.stream().allMatch(requirement -> holds(requirement, labels));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (Objects.toString(requirement.getOperator(), "")) {
      case "In" -> !values.isEmpty() && value != null && values.contains(value);
      case "NotIn" -> !values.isEmpty() && (value == null || !values.contains(value));
      case "Exists" -> labels.containsKey(requirement.getKey());
      case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
      default -> false;
    };
  }
}
