package io.dikast.operator.ha;

/** Whether this replica's reconcilers act on the events their informers keep receiving. */
interface EventProcessing {

  /** Acts on the events received while paused, then on every new one. */
  void resume();

  /** Stops acting on events; they are still received and remembered for {@link #resume}. */
  void pause();
}
