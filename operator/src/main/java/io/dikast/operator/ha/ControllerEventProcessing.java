package io.dikast.operator.ha;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.stream.Stream;

/**
 * The Operator SDK's event processing of every registered controller. Its informers keep running
 * while paused: the SDK's event processor remembers the resources that changed and reconciles them
 * once it runs again, which is what the SDK itself does for a follower that becomes the leader.
 */
@ApplicationScoped
class ControllerEventProcessing implements EventProcessing {

  // Looked up when first used: the Operator is built from the leader election configuration,
  // whose callbacks lead here.
  private final Instance<Operator> operator;

  ControllerEventProcessing(Instance<Operator> operator) {
    this.operator = operator;
  }

  @Override
  public void resume() {
    controllers().forEach(Controller::startEventProcessing);
  }

  @Override
  public void pause() {
    controllers().forEach(controller -> controller.getEventProcessor().stop());
  }

  // Every RegisteredController the SDK hands out is its Controller; only that type can pause.
  private Stream<Controller<?>> controllers() {
    return operator.get().getRegisteredControllers().stream()
        .map(registered -> (Controller<?>) registered);
  }
}
