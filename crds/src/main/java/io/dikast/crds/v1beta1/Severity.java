package io.dikast.crds.v1beta1;

/** Kritis vulnerability tolerance levels: the highest severity a policy lets through. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL,
  BLOCK_ALL,
  ALLOW_ALL
}
