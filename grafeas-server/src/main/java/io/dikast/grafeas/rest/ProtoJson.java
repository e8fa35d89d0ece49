package io.dikast.grafeas.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.dikast.grafeas.api.ApiErrors;

/** Protobuf's JSON mapping, the one the Grafeas REST API uses; unknown fields are rejected. */
public final class ProtoJson {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

  private ProtoJson() {}

  /** Merges a JSON body into the builder; an empty body is an empty message. */
  public static <B extends Message.Builder> B parse(String json, B builder, String what) {
    if (json == null || json.isBlank()) {
      return builder;
    }
    try {
      PARSER.merge(json, builder);
      return builder;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw ApiErrors.invalidArgument("invalid " + what + " JSON: " + e.getMessage());
    }
  }

  public static String print(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a stored message cannot be printed as JSON", e);
    }
  }
}
