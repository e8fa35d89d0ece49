package io.dikast.operator.autoattest;

import io.dikast.engine.workload.Workload;

/** Told about every reviewed workload; must return at once, whatever it does with it. */
public interface AdmittedImages {

  void offer(Workload workload);
}
