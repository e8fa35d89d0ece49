package io.dikast.verifier.registry;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import java.util.Map;

/**
 * A simple-signing layer of a cosign signature manifest, as its descriptor describes it.
 *
 * @param position the layer's 1-based position in the manifest, for messages
 */
record SignatureLayer(
    int position, DescriptorDigest digest, long size, Map<String, String> annotations) {

  static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";

  SignatureLayer {
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
