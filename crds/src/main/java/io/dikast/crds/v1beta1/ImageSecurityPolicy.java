package io.dikast.crds.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Kritis ImageSecurityPolicy: what an image needs to be admitted in this namespace. */
@Group(KritisApi.GROUP)
@Version(KritisApi.VERSION)
@ShortNames("isp")
@Plural("imagesecuritypolicies")
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
public class ImageSecurityPolicy extends CustomResource<ImageSecurityPolicySpec, PolicyStatus>
    implements Namespaced {}
