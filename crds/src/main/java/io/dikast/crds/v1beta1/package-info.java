/**
 * The {@code kritis.grafeas.io/v1beta1} custom resources. Kritis field names are kept so existing
 * Kritis manifests apply unchanged; older Kritis spellings are accepted as deprecated aliases and
 * folded into the current names by the getters, so code reading the model sees one spelling.
 */
package io.dikast.crds.v1beta1;
