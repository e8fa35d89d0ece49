package io.dikast.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant FIRST = Instant.parse("2024-05-01T10:00:00.123Z");
  private static final Instant LATER = Instant.parse("2024-05-01T11:30:00Z");

  @Test
  void newConditionTransitionsNowAndRecordsTheGeneration() {
    List<Condition> conditions =
        Conditions.set(List.of(), "Ready", true, "KeysValid", "1 key valid", 3L, FIRST);

    assertThat(conditions).hasSize(1);
    Condition ready = conditions.get(0);
    assertThat(ready.getType()).isEqualTo("Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("KeysValid");
    assertThat(ready.getMessage()).isEqualTo("1 key valid");
    assertThat(ready.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
  }

  @Test
  void keepsTransitionTimeWhenStatusStaysButReasonAndGenerationChange() {
    List<Condition> first =
        Conditions.set(List.of(), "Ready", false, "InvalidKey", "bad key", 1L, FIRST);

    List<Condition> second =
        Conditions.set(first, "Ready", false, "KeySourceNotFound", "no map", 2L, LATER);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(second.get(0).getReason()).isEqualTo("KeySourceNotFound");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void movesTransitionTimeWhenStatusFlips() {
    List<Condition> first =
        Conditions.set(List.of(), "Ready", false, "InvalidKey", "bad key", 1L, FIRST);

    List<Condition> second = Conditions.set(first, "Ready", true, "KeysValid", "ok", 2L, LATER);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2024-05-01T11:30:00Z");
    assertThat(second.get(0).getStatus()).isEqualTo("True");
  }

  @Test
  void leavesOtherConditionsInPlace() {
    Condition other = new ConditionBuilder().withType("NoteExists").withStatus("Unknown").build();

    List<Condition> conditions =
        Conditions.set(List.of(other), "Ready", true, "KeysValid", "ok", 1L, FIRST);

    assertThat(conditions).extracting(Condition::getType).containsExactly("NoteExists", "Ready");
    assertThat(conditions.get(0)).isSameAs(other);
  }
}
