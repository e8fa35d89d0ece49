package io.dikast.operator.admission;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded generator of AdmissionReview bodies for a pod in one namespace, each bent by one to three
 * mutations: wrong types, huge strings, deep nesting, missing fields, unknown kinds, non-UTF-8
 * bytes, truncation.
 */
final class MalformedReviews {

  /** A generated body, what was done to it, and whether the webhook may rightly allow it. */
  record Review(byte[] body, List<String> mutations, boolean mayBeAllowed) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");
  // Read through their typed model: a spec of the wrong type is malformed, not "no pod spec".
  private static final Set<String> BUILT_IN =
      Set.of(
          "/Pod",
          "/ReplicationController",
          "apps/Deployment",
          "apps/ReplicaSet",
          "apps/StatefulSet",
          "apps/DaemonSet",
          "batch/Job",
          "batch/CronJob");
  private static final List<String> POD_SPECS =
      List.of("/spec", "/spec/template/spec", "/spec/jobTemplate/spec/template/spec");
  private static final String NESTING_MARKER = "nesting-goes-here";
  private static final String QUOTED_MARKER = "\"" + NESTING_MARKER + "\"";
  private static final String[] KINDS = {
    "Pod", "Deployment", "CronJob", "ConfigMap", "pod", "Pod ", "", "Widget", "\u0000Pod"
  };

  private final Random random;
  private final String namespace;

  MalformedReviews(Random random, String namespace) {
    this.random = random;
    this.namespace = namespace;
  }

  byte[] wellFormed() {
    return bytes(template());
  }

  Review next() {
    ObjectNode review = template();
    List<String> mutations = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    byte[] body = null;
    for (int i = 0; i < count; i++) {
      int choice = random.nextInt(8);
      if (choice == 7 || choice == 6) {
        byte[] whole = bytes(review);
        body = choice == 7 ? nonUtf8(whole) : truncated(whole);
        mutations.add(
            (choice == 7 ? "non-UTF-8 bytes in " : "truncated to ")
                + new String(body, 0, Math.min(body.length, 400), UTF_8));
        break;
      }
      mutations.add(mutateTree(review, choice));
    }
    if (body == null) {
      body = bytes(review);
    }
    return new Review(body, mutations, mayBeAllowed(body));
  }

  private ObjectNode template() {
    String image = AdmissionReviews.PAYMENT;
    try {
      return (ObjectNode)
          JSON.readTree(
              AdmissionReviews.createPod(
                  namespace, AdmissionReviews.pod("payment", image, "nginx:1.25")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String mutateTree(ObjectNode review, int choice) {
    List<Slot> slots = new ArrayList<>();
    collect(review, slots);
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (choice) {
      case 0:
        slot.set(wrongType(slot.get()));
        return "wrong type at " + slot.path;
      case 1:
        slot.set(NODES.textNode(huge()));
        return "huge string at " + slot.path;
      case 2:
        slot.set(NODES.textNode(NESTING_MARKER));
        return "deep nesting at " + slot.path;
      case 3:
        slot.remove();
        return "missing " + slot.path;
      case 4:
        if (review.path("request").path("kind") instanceof ObjectNode kind) {
          kind.put("kind", KINDS[random.nextInt(KINDS.length)]);
          return "kind " + kind.path("kind");
        }
        slot.set(NODES.textNode(huge()));
        return "huge string at " + slot.path;
      default:
        slot.set(NODES.textNode(adversarialText()));
        return "adversarial text at " + slot.path;
    }
  }

  private JsonNode wrongType(JsonNode current) {
    List<JsonNode> options =
        List.of(
            NODES.numberNode(random.nextLong()),
            NODES.numberNode(random.nextDouble() * 1e300),
            NODES.booleanNode(random.nextBoolean()),
            NODES.nullNode(),
            NODES.arrayNode().add(current == null ? NODES.nullNode() : current),
            NODES.objectNode().set("value", current == null ? NODES.nullNode() : current),
            NODES.textNode(current == null ? "" : current.toString()));
    return options.get(random.nextInt(options.size()));
  }

  private String huge() {
    return "a".repeat(10_000 + random.nextInt(500_000));
  }

  private String adversarialText() {
    List<String> options =
        List.of(
            "gcr.io/x@sha256:" + "0".repeat(64) + "\u0000",
            "\ud800",
            "../../etc/passwd",
            "${jndi:ldap://127.0.0.1/a}",
            "%s%n%x",
            "gcr.io/hightowerlabs/payment@sha256:" + "A".repeat(64),
            "\u202egcr.io/evil",
            "@sha256:",
            " ");
    return options.get(random.nextInt(options.size()));
  }

  /** Jackson refuses to write past 1,000 levels, so deep nesting is spliced into the text. */
  private String nested(int depth) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      boolean array = random.nextBoolean();
      open.append(array ? "[" : "{\"n\":");
      close.append(array ? "]" : "}");
    }
    return open + "\"bottom\"" + close.reverse();
  }

  private byte[] nonUtf8(byte[] body) {
    byte[] invalid = {(byte) 0xff, (byte) 0xc3, (byte) 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
    int at = random.nextInt(body.length);
    int length = 1 + random.nextInt(invalid.length);
    byte[] out = Arrays.copyOf(body, body.length + length);
    System.arraycopy(body, at, out, at + length, body.length - at);
    System.arraycopy(invalid, 0, out, at, length);
    return out;
  }

  private byte[] truncated(byte[] body) {
    return Arrays.copyOf(body, random.nextInt(body.length));
  }

  /**
   * Mirrors what the webhook does not check: an allow is right only for an operation or subresource
   * it does not read, for a review of another namespace, or for an object whose container lists
   * name no image (the API server drops unknown fields such as a mangled {@code containers} before
   * a real webhook sees them). The kind does not excuse anything: a pod sent as {@code pod}, {@code
   * Widget} or {@code ConfigMap} still carries its pod spec and is checked. The body is read as the
   * webhook reads it: invalid UTF-8 becomes U+FFFD, so a mangled namespace is another namespace.
   */
  private boolean mayBeAllowed(byte[] body) {
    JsonNode request;
    try {
      request = JSON.readTree(new String(body, UTF_8)).path("request");
    } catch (IOException e) {
      return false;
    }
    String requestNamespace = scalar(request.path("namespace"));
    if (requestNamespace != null && !requestNamespace.equals(namespace)) {
      return true;
    }
    String operation = scalar(request.path("operation"));
    if (operation != null && !Set.of("CREATE", "UPDATE").contains(operation)) {
      return true;
    }
    String subResource = scalar(request.path("subResource"));
    if (subResource != null && !subResource.isEmpty()) {
      return true;
    }
    JsonNode kind = request.path("kind");
    String group = scalar(kind.path("group"));
    boolean builtIn =
        BUILT_IN.contains((group == null ? "" : group) + "/" + scalar(kind.path("kind")));
    return namesNoImage(request.path("object"), builtIn);
  }

  /**
   * A pod spec or container list of the wrong shape is malformed; well-formed ones, where the
   * workload kinds keep them, must hold no image. Only a built-in kind's {@code spec} must be an
   * object: any other kind's {@code spec} that is not one holds no containers, so no pod spec.
   */
  private static boolean namesNoImage(JsonNode object, boolean builtIn) {
    for (String path : POD_SPECS) {
      JsonNode spec = object.at(path);
      if (spec.isMissingNode() || spec.isNull()) {
        continue;
      }
      if (!spec.isObject()) {
        if (!builtIn && path.equals("/spec")) {
          continue;
        }
        return false;
      }
      for (String field : CONTAINER_LISTS) {
        JsonNode list = spec.path(field);
        if (list.isMissingNode() || list.isNull()) {
          continue;
        }
        if (!list.isArray()) {
          return false;
        }
        for (JsonNode container : list) {
          if (!container.path("image").isMissingNode()) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static String scalar(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  private byte[] bytes(JsonNode node) {
    try {
      String json = JSON.writeValueAsString(node);
      while (json.contains(QUOTED_MARKER)) {
        json = json.replaceFirst(QUOTED_MARKER, nested(200 + random.nextInt(5_000)));
      }
      return json.getBytes(UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    collect(node, "", slots);
  }

  private static void collect(JsonNode node, String path, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      object
          .fieldNames()
          .forEachRemaining(
              name -> {
                slots.add(new Slot(object, name, -1, path + "/" + name));
                collect(object.get(name), path + "/" + name, slots);
              });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i, path + "/" + i));
        collect(array.get(i), path + "/" + i, slots);
      }
    }
  }

  /** One place in the tree: a field of an object or an element of an array. */
  private record Slot(ContainerNode<?> parent, String field, int index, String path) {

    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }
}
