package io.dikast.bench.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** {@code admission.k8s.io/v1} AdmissionReviews for a pod CREATE, as the API server sends them. */
public final class AdmissionReviews {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdmissionReviews() {}

  /** A review of a pod in {@code namespace} with one container per image. */
  public static String podCreate(String namespace, String name, List<String> images) {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    pod.putObject("metadata").put("name", name).put("namespace", namespace);
    ArrayNode containers = pod.putObject("spec").putArray("containers");
    for (int i = 0; i < images.size(); i++) {
      containers.addObject().put("name", "c" + i).put("image", images.get(i));
    }
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    request.put("name", name).put("namespace", namespace).put("operation", "CREATE");
    request.putObject("userInfo").put("username", "system:serviceaccount:bench:driver");
    request.set("object", pod);
    request.put("dryRun", false);
    try {
      return JSON.writeValueAsString(review);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an AdmissionReview", e);
    }
  }

  /** An image reference pinned to a digest made from {@code n}, distinct for each {@code n}. */
  public static String pinnedImage(String repository, long n) {
    return repository + "@sha256:" + "%064x".formatted(n);
  }
}
