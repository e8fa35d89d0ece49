package io.dikast.crds.v1beta1;

/** Names shared by the Kritis resources. */
public final class KritisApi {

  public static final String GROUP = "kritis.grafeas.io";
  public static final String VERSION = "v1beta1";
  public static final String READY_CONDITION = "Ready";

  static final String READY_PATH = ".status.conditions[?(@.type==\"Ready\")].status";

  private KritisApi() {}
}
