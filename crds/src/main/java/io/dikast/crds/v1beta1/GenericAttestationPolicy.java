package io.dikast.crds.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Kritis GenericAttestationPolicy: the authorities whose attestations an image needs. */
@Group(KritisApi.GROUP)
@Version(KritisApi.VERSION)
@ShortNames("gap")
@Plural("genericattestationpolicies")
@AdditionalPrinterColumn(name = "Ready", jsonPath = KritisApi.READY_PATH)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.enforcementMode")
@AdditionalPrinterColumn(name = "Authorities", jsonPath = ".status.authorities")
@AdditionalPrinterColumn(name = "Provenance", jsonPath = ".status.provenanceAuthorities")
@AdditionalPrinterColumn(
    name = "Violations",
    jsonPath = ".status.violations",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Would-Deny",
    jsonPath = ".status.whatIf.wouldDeny",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class GenericAttestationPolicy
    extends CustomResource<GenericAttestationPolicySpec, PolicyStatus> implements Namespaced {}
