package io.dikast.crds.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Kritis' cluster-wide settings, accepted so Kritis manifest sets apply. One per cluster; Dikast
 * takes its continuous-validation interval from it and reports which other settings its own
 * configuration supersedes.
 */
@Group(KritisApi.GROUP)
@Version(KritisApi.VERSION)
@Plural("kritisconfigs")
@AdditionalPrinterColumn(name = "Ready", jsonPath = KritisApi.READY_PATH)
@AdditionalPrinterColumn(name = "Interval", jsonPath = ".spec.cronInterval")
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class KritisConfig extends CustomResource<KritisConfigSpec, KritisConfigStatus> {}
