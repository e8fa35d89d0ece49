package io.dikast.operator.policyset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamespaceSelectionTest {

  private static final List<String> KUBE = List.of("kube-system", "kube-public");

  @Test
  void anEmptySelectorSelectsEveryNamespaceButTheExcludedAndTheOperatorsOwn() {
    NamespaceSelection selection = NamespaceSelection.of(null, KUBE, "dikast");

    assertThat(selection.selects("payments", Map.of())).isTrue();
    assertThat(selection.selects("payments", null)).isTrue();
    assertThat(selection.selects("kube-system", Map.of())).isFalse();
    assertThat(selection.selects("dikast", Map.of())).isFalse();
    assertThat(selection.excludedSorted()).containsExactly("dikast", "kube-public", "kube-system");
  }

  @Test
  void anExcludedNamespaceStaysExcludedWhateverItsLabelsSay() {
    NamespaceSelection selection =
        NamespaceSelection.of(selector(Map.of("tier", "prod")), KUBE, "dikast");

    assertThat(selection.selects("kube-system", Map.of("tier", "prod"))).isFalse();
    assertThat(selection.selects("dikast", Map.of("tier", "prod"))).isFalse();
  }

  @Test
  void matchLabelsNeedsEveryLabelWithItsValue() {
    NamespaceSelection selection =
        NamespaceSelection.of(selector(Map.of("tier", "prod", "team", "pay")), List.of(), "dikast");

    assertThat(selection.selects("a", Map.of("tier", "prod", "team", "pay", "x", "y"))).isTrue();
    assertThat(selection.selects("b", Map.of("tier", "prod"))).isFalse();
    assertThat(selection.selects("c", Map.of("tier", "dev", "team", "pay"))).isFalse();
  }

  @Test
  void matchExpressionsFollowKubernetesOperators() {
    assertThat(expression("tier", "In", "prod", "staging").selects("a", Map.of("tier", "staging")))
        .isTrue();
    assertThat(expression("tier", "In", "prod").selects("a", Map.of())).isFalse();
    assertThat(expression("tier", "NotIn", "dev").selects("a", Map.of())).isTrue();
    assertThat(expression("tier", "NotIn", "dev").selects("a", Map.of("tier", "dev"))).isFalse();
    assertThat(expression("tier", "Exists").selects("a", Map.of("tier", ""))).isTrue();
    assertThat(expression("tier", "Exists").selects("a", Map.of())).isFalse();
    assertThat(expression("opt-out", "DoesNotExist").selects("a", Map.of())).isTrue();
    assertThat(expression("opt-out", "DoesNotExist").selects("a", Map.of("opt-out", "y")))
        .isFalse();
  }

  @Test
  void aRequirementKubernetesWouldRefuseMatchesNothing() {
    assertThat(expression("tier", "Like", "prod").selects("a", Map.of("tier", "prod"))).isFalse();
    assertThat(expression("tier", "In").selects("a", Map.of("tier", "prod"))).isFalse();
    assertThat(expression("tier", "NotIn").selects("a", Map.of())).isFalse();
  }

  private static LabelSelector selector(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  private static NamespaceSelection expression(String key, String operator, String... values) {
    LabelSelector selector =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey(key)
            .withOperator(operator)
            .withValues(values)
            .endMatchExpression()
            .build();
    return NamespaceSelection.of(selector, List.of(), "dikast");
  }
}
