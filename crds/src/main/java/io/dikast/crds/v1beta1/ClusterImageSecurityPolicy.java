package io.dikast.crds.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Dikast's cluster default policy: an ImageSecurityPolicy for every namespace its selector picks,
 * as Binary Authorization's default rule is for a project.
 */
@Group(KritisApi.GROUP)
@Version(KritisApi.VERSION)
@ShortNames("cisp")
@Plural("clusterimagesecuritypolicies")
@AdditionalPrinterColumn(name = "Ready", jsonPath = KritisApi.READY_PATH)
@AdditionalPrinterColumn(name = "Mode", jsonPath = ".status.enforcementMode")
@AdditionalPrinterColumn(name = "Authorities", jsonPath = ".status.authorities")
@AdditionalPrinterColumn(name = "Provenance", jsonPath = ".status.provenanceAuthorities")
@AdditionalPrinterColumn(
    name = "Namespaces",
    jsonPath = ".status.selectedNamespaces",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Excluded", jsonPath = ".status.excluded")
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
public class ClusterImageSecurityPolicy
    extends CustomResource<ClusterImageSecurityPolicySpec, ClusterPolicyStatus> {}
