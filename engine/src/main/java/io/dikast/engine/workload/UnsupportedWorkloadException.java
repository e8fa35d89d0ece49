package io.dikast.engine.workload;

/** The object is not one of the kinds whose pods Dikast admits. */
public class UnsupportedWorkloadException extends IllegalArgumentException {

  public UnsupportedWorkloadException(String apiVersion, String kind) {
    super("unsupported workload kind " + kind + " (apiVersion " + apiVersion + ")");
  }
}
