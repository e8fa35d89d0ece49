package io.dikast.operator.admission;

import static io.dikast.operator.admission.AdmissionReviews.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dikast.engine.workload.ContainerImage;
import io.dikast.engine.workload.ContainerType;
import io.dikast.engine.workload.GroupKind;
import io.dikast.engine.workload.Workload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdmissionReviewReaderTest {

  private static final String POD = AdmissionReviews.pod("payment", PAYMENT);

  @Test
  void readsAPodCreationWithTheRequestsNamespace() {
    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.create("", "v1", "Pod")
                .uid("705ab4f5-6393-11e8-b7cc-42010a800002")
                .namespace("payments")
                .object(POD)
                .json());

    assertThat(call.uid()).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
    assertThat(call.user()).isEqualTo("alice@example.com");
    assertThat(call.kind()).isEqualTo("Pod");
    assertThat(call.dryRun()).isFalse();
    assertThat(workload(call))
        .contains(
            new Workload(
                "Pod",
                "payments",
                "payment",
                List.of(new ContainerImage("c0", ContainerType.CONTAINER, PAYMENT)),
                false));
  }

  @Test
  void judgesAnObjectThatNamesTheRequestsNamespaceInIt() {
    String pod =
        POD.replace("\"name\":\"payment\"", "\"name\":\"payment\",\"namespace\":\"payments\"");

    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.create("", "v1", "Pod").namespace("payments").object(pod).json());

    assertThat(workload(call).orElseThrow().namespace()).isEqualTo("payments");
  }

  @Test
  void refusesAnObjectInAnotherNamespaceThanTheRequest() {
    String pod = POD.replace("\"name\":\"payment\"", "\"name\":\"payment\",\"namespace\":\"own\"");
    String body = AdmissionReviews.create("", "v1", "Pod").namespace("payments").object(pod).json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request is for namespace payments but its object is in namespace own");
  }

  @Test
  void refusesAnObjectNamingANamespaceWhenTheRequestNamesNone() {
    String pod = POD.replace("\"name\":\"payment\"", "\"name\":\"payment\",\"namespace\":\"own\"");
    String body = AdmissionReviews.create("", "v1", "Pod").object(pod).json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage("request names no namespace but its object is in namespace own");
  }

  @Test
  void findsAnUpdateThatChangesNoImageSuchAsAPodsLabels() {
    String labelled =
        POD.replace("\"name\":\"payment\"", "\"name\":\"payment\",\"labels\":{\"a\":\"b\"}");

    ReviewedObject object =
        AdmissionReviewReader.read(
                AdmissionReviews.update("", "v1", "Pod")
                    .namespace("payments")
                    .object(labelled)
                    .oldObject(POD)
                    .json())
            .object()
            .orElseThrow();

    assertThat(labelled).isNotEqualTo(POD);
    assertThat(object.changesNoImage(object.workload(List.of()).orElseThrow(), List.of())).isTrue();
  }

  @Test
  void checksTheEphemeralContainersSubresourceOfAPod() {
    String pod =
        POD.replace(
            "]}}", "],\"ephemeralContainers\":[{\"name\":\"debug\",\"image\":\"busybox:1.36\"}]}}");

    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.update("", "v1", "Pod")
                .subResource("ephemeralcontainers")
                .namespace("payments")
                .object(pod)
                .json());

    assertThat(workload(call).orElseThrow().images())
        .extracting(ContainerImage::type, ContainerImage::image)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ContainerType.CONTAINER, PAYMENT),
            org.assertj.core.groups.Tuple.tuple(ContainerType.EPHEMERAL, "busybox:1.36"));
  }

  @Test
  void marksADryRunRequest() {
    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.create("", "v1", "Pod").dryRun().namespace("p").object(POD).json());

    assertThat(call.dryRun()).isTrue();
  }

  @Test
  void skipsADeletion() {
    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.operation("DELETE", "", "v1", "Pod").oldObject(POD).json());

    assertThat(call.skipReason()).contains("operation DELETE is not checked");
  }

  @Test
  void skipsAConnect() {
    AdmissionCall call =
        AdmissionReviewReader.read(AdmissionReviews.operation("CONNECT", "", "v1", "Pod").json());

    assertThat(call.skipReason()).contains("operation CONNECT is not checked");
  }

  @Test
  void readsAKindThatRunsNoPodsAndFindsNoWorkload() {
    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.create("", "v1", "ConfigMap")
                .object("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}")
                .json());

    assertThat(workload(call)).isEmpty();
    assertThat(call.object().orElseThrow().noPodSpecReason())
        .startsWith("kind ConfigMap carries no pod spec (no containers in spec,");
  }

  @Test
  void readsACustomResourceNamedLikeAWorkloadAsACustomKind() {
    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.create("example.com", "v1", "Deployment")
                .namespace("payments")
                .object(
                    "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Deployment\",\"spec\":"
                        + "{\"template\":{\"spec\":{\"containers\":[{\"image\":\"nginx:1\"}]}}}}")
                .json());

    assertThat(call.object().orElseThrow().kind())
        .isEqualTo(new GroupKind("example.com", "Deployment"));
    assertThat(workload(call).orElseThrow().distinctImages()).containsExactly("nginx:1");
  }

  @Test
  void refusesACustomPodSpecOfTheWrongShape() {
    ReviewedObject object =
        AdmissionReviewReader.read(
                AdmissionReviews.create("example.com", "v1", "Widget")
                    .namespace("payments")
                    .object("{\"kind\":\"Widget\",\"spec\":{\"containers\":\"nginx\"}}")
                    .json())
            .object()
            .orElseThrow();

    assertThatThrownBy(() -> object.workload(List.of()))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage(
            "request object is not a valid Widget.example.com: /spec/containers is not a list");
  }

  @Test
  void skipsOtherSubresources() {
    AdmissionCall call =
        AdmissionReviewReader.read(
            AdmissionReviews.update("apps", "v1", "Deployment").subResource("scale").json());

    assertThat(call.skipReason())
        .contains("subresource scale of apps/v1 Deployment is not checked");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json",
        "[]",
        "42",
        "null",
        "\"AdmissionReview\"",
        "{",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":[]}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":{}}}",
        "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"apiVersion\":\"x\"}",
      })
  void refusesABodyThatIsNotAnAdmissionReview(String body) {
    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .isInstanceOf(MalformedAdmissionReviewException.class);
  }

  @Test
  void refusesAnEmptyBodyWithAMessageSayingSo() {
    assertThatThrownBy(() -> AdmissionReviewReader.read("")).hasMessage("request body is empty");
  }

  @Test
  void refusesAnotherApiVersion() {
    String body =
        AdmissionReviews.createPod("payments", POD)
            .replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage(
            "AdmissionReview apiVersion must be admission.k8s.io/v1, not admission.k8s.io/v1beta1");
  }

  @Test
  void refusesAnotherKind() {
    String body =
        AdmissionReviews.createPod("payments", POD)
            .replace("\"AdmissionReview\"", "\"TokenReview\"");

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage("AdmissionReview kind must be AdmissionReview, not TokenReview");
  }

  @Test
  void refusesAReviewWithoutRequest() {
    assertThatThrownBy(
            () ->
                AdmissionReviewReader.read(
                    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}"))
        .hasMessage("AdmissionReview has no request");
  }

  @Test
  void refusesARequestWithoutUid() {
    String body = AdmissionReviews.create("", "v1", "Pod").uid("").object(POD).json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage("AdmissionReview request has no uid");
  }

  @Test
  void refusesAPodThatNamesNoNamespace() {
    String body = AdmissionReviews.create("", "v1", "Pod").object(POD).json();

    assertThatThrownBy(() -> workload(AdmissionReviewReader.read(body)))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request names no namespace for its Pod");
  }

  @Test
  void refusesACreationWithoutObject() {
    String body = AdmissionReviews.create("", "v1", "Pod").namespace("payments").json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage("CREATE request has no object");
  }

  @Test
  void refusesAConfigMapSentAsAPod() {
    String body =
        AdmissionReviews.create("", "v1", "Pod")
            .object("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}")
            .json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage("request object is a ConfigMap but the request is for a Pod");
  }

  @Test
  void refusesAnObjectOfAnotherKindThanTheRequest() {
    String body = AdmissionReviews.create("apps", "v1", "Deployment").object(POD).json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage("request object is a Pod but the request is for a Deployment.apps");
  }

  @Test
  void refusesAnObjectWithoutKindSentAsABuiltInKind() {
    String body =
        AdmissionReviews.create("apps", "v1", "Deployment")
            .namespace("payments")
            .object(POD.replace("\"apiVersion\":\"v1\",\"kind\":\"Pod\",", ""))
            .json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request object names no kind but the request is for a Deployment.apps");
  }

  @Test
  void refusesAnObjectWhoseFieldsHaveTheWrongShape() {
    String pod =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":{\"ref\":\"nginx\"}}]}}";
    String body = AdmissionReviews.create("", "v1", "Pod").namespace("payments").object(pod).json();
    ReviewedObject object = AdmissionReviewReader.read(body).object().orElseThrow();

    // The object stays a tree until its pods are read: the same 400, named for the object.
    assertThatThrownBy(() -> object.workload(List.of()))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessageStartingWith("request object is not a valid Pod: ");
  }

  @Test
  void refusesAnObjectThatIsNotAJsonObject() {
    String body =
        AdmissionReviews.create("", "v1", "Pod")
            .namespace("payments")
            .json()
            .replace("\"request\":{", "\"request\":{\"object\":[1,2],");

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessage("request object is not a JSON object");
  }

  @Test
  void refusesAnObjectOfTheSameKindInAnotherGroup() {
    String body =
        AdmissionReviews.create("apps", "v1", "Deployment")
            .namespace("payments")
            .object("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Deployment\"}")
            .json();

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .hasMessage(
            "request object is a Deployment.example.com but the request is for a Deployment.apps");
  }

  @Test
  void refusesDuplicateFieldsThatCouldHideAnImage() {
    String body =
        AdmissionReviews.createPod("payments", POD)
            .replace(
                "\"operation\":\"CREATE\"", "\"operation\":\"CREATE\",\"operation\":\"DELETE\"");

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .isInstanceOf(MalformedAdmissionReviewException.class)
        .hasMessageContaining("Duplicate field 'operation'");
  }

  private static Optional<Workload> workload(AdmissionCall call) {
    return call.object().orElseThrow().workload(List.of());
  }

  @Test
  void refusesAbsurdlyDeepNesting() {
    String body = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);

    assertThatThrownBy(() -> AdmissionReviewReader.read(body))
        .isInstanceOf(MalformedAdmissionReviewException.class);
  }
}
