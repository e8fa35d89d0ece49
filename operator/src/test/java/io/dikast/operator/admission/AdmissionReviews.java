package io.dikast.operator.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** AdmissionReview request bodies as the API server sends them. */
public final class AdmissionReviews {

  public static final String PAYMENT =
      "gcr.io/hightowerlabs/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode review = MAPPER.createObjectNode();
  private final ObjectNode request;

  private AdmissionReviews(String operation, String group, String version, String kind) {
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString()).put("operation", operation);
    request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    request.putObject("userInfo").put("username", "alice@example.com");
  }

  public static AdmissionReviews create(String group, String version, String kind) {
    return new AdmissionReviews("CREATE", group, version, kind);
  }

  public static AdmissionReviews update(String group, String version, String kind) {
    return new AdmissionReviews("UPDATE", group, version, kind);
  }

  public static AdmissionReviews operation(
      String operation, String group, String version, String kind) {
    return new AdmissionReviews(operation, group, version, kind);
  }

  /** CREATE of {@code pod} in {@code namespace}, the way kubectl apply sends it. */
  public static String createPod(String namespace, String podJson) {
    return create("", "v1", "Pod").namespace(namespace).object(podJson).json();
  }

  public AdmissionReviews namespace(String namespace) {
    request.put("namespace", namespace);
    return this;
  }

  public AdmissionReviews uid(String uid) {
    request.put("uid", uid);
    return this;
  }

  public AdmissionReviews subResource(String subResource) {
    request.put("subResource", subResource);
    return this;
  }

  public AdmissionReviews dryRun() {
    request.put("dryRun", true);
    return this;
  }

  public AdmissionReviews object(String json) {
    request.set("object", read(json));
    return this;
  }

  public AdmissionReviews oldObject(String json) {
    request.set("oldObject", read(json));
    return this;
  }

  public String json() {
    return review.toString();
  }

  /** A pod manifest without namespace, its containers running {@code images}. */
  public static String pod(String name, String... images) {
    StringBuilder containers = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      containers
          .append(i == 0 ? "" : ",")
          .append("{\"name\":\"c")
          .append(i)
          .append("\",\"image\":\"")
          .append(images[i])
          .append("\"}");
    }
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name
        + "\"},\"spec\":{\"containers\":["
        + containers
        + "]}}";
  }

  private static ObjectNode read(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
