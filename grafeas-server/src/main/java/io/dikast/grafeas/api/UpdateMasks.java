package io.dikast.grafeas.api;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;

/** Applies an update mask: the masked fields of the patch replace those of the stored message. */
final class UpdateMasks {

  private static final FieldMaskUtil.MergeOptions REPLACE =
      new FieldMaskUtil.MergeOptions()
          .setReplaceMessageFields(true)
          .setReplaceRepeatedFields(true)
          .setReplacePrimitiveFields(true);

  private UpdateMasks() {}

  /** An empty mask replaces the whole message, as the Grafeas API defines it. */
  @SuppressWarnings("unchecked")
  static <M extends Message> M apply(FieldMask mask, M patch, M stored) {
    if (mask.getPathsCount() == 0) {
      return patch;
    }
    for (String path : mask.getPathsList()) {
      if (!FieldMaskUtil.isValid(stored.getDescriptorForType(), path)) {
        throw ApiErrors.invalidArgument(
            "update_mask path '"
                + path
                + "' is not a field of "
                + stored.getDescriptorForType().getName());
      }
    }
    Message.Builder merged = stored.toBuilder();
    FieldMaskUtil.merge(mask, patch, merged, REPLACE);
    return (M) merged.build();
  }
}
