package io.dikast.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;

/** Writes a command's result to stdout in the chosen format. */
public final class Printer {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final PrintWriter out;
  private final OutputFormat format;

  public Printer(PrintWriter out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  /**
   * @param result a record or map, written as JSON with {@code --output json}
   * @param text what a person reads otherwise
   */
  public void print(Object result, String text) {
    if (format == OutputFormat.JSON) {
      out.println(json(result));
    } else {
      out.println(text);
    }
    out.flush();
  }

  static String json(Object result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("results are plain records and always serialize", e);
    }
  }
}
