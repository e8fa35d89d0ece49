package io.dikast.crds.v1beta1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Grafeas note and the keys whose signed attestations under it count. */
@Group(KritisApi.GROUP)
@Version(KritisApi.VERSION)
@ShortNames("aa")
@Plural("attestationauthorities")
@AdditionalPrinterColumn(name = "Ready", jsonPath = KritisApi.READY_PATH)
@AdditionalPrinterColumn(name = "Note", jsonPath = ".spec.noteReference")
@AdditionalPrinterColumn(
    name = "Keys",
    jsonPath = ".status.keyCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class AttestationAuthority
    extends CustomResource<AttestationAuthoritySpec, AttestationAuthorityStatus>
    implements Namespaced {}
