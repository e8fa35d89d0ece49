package io.dikast.engine.workload;

import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Objects of kinds without a built-in model: where their pod spec is, and what it runs. */
class GenericWorkloadsTest {

  private static final String APP = pinnedImage("payment");
  private static final String SIDECAR = pinnedImage("sidecar");
  private static final GroupKind ROLLOUT = new GroupKind("argoproj.io", "Rollout");
  private static final GroupKind KNATIVE = new GroupKind("serving.knative.dev", "Service");
  private static final GroupKind RUNNER = new GroupKind("ci.example.com", "Runner");

  @Test
  void readsTheTemplateOfAnArgoRollout() {
    JsonNode rollout =
        json(
            """
            {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
             "metadata": {"name": "payment", "namespace": "payments"},
             "spec": {"strategy": {"canary": {}},
                      "template": {"spec": {"containers": [{"name": "app", "image": "%s"}],
                                            "initContainers": [{"name": "init", "image": "%s"}]}}}}
            """
                .formatted(APP, SIDECAR));

    assertThat(WorkloadExtractor.read(ROLLOUT, rollout, List.of()))
        .contains(
            new Workload(
                "Rollout",
                "payments",
                "payment",
                List.of(
                    new ContainerImage("app", ContainerType.CONTAINER, APP),
                    new ContainerImage("init", ContainerType.INIT, SIDECAR)),
                false));
  }

  @Test
  void readsThePullSecretsOfACustomKindsTemplate() {
    JsonNode rollout =
        json(
            """
            {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout",
             "metadata": {"name": "payment", "namespace": "payments"},
             "spec": {"template": {"spec": {"serviceAccountName": "builder",
                                            "imagePullSecrets": [{"name": "pull"}, {"other": 1}],
                                            "containers": [{"name": "app", "image": "%s"}]}}}}
            """
                .formatted(APP));

    assertThat(WorkloadExtractor.read(ROLLOUT, rollout, List.of()).orElseThrow().pullSecrets())
        .isEqualTo(new PullSecrets("builder", List.of("pull")));
  }

  @Test
  void readsTheTemplateOfAKnativeServiceAndItsBreakglassAnnotation() {
    JsonNode service =
        json(
            """
            {"apiVersion": "serving.knative.dev/v1", "kind": "Service", "metadata": {"name": "web"},
             "spec": {"template": {"metadata": {"annotations": {"kritis.grafeas.io/breakglass": "true"}},
                                   "spec": {"containerConcurrency": 10,
                                            "containers": [{"image": "%s"}]}}}}
            """
                .formatted(APP));

    Workload workload = WorkloadExtractor.read(KNATIVE, service, List.of()).orElseThrow();

    assertThat(workload.images())
        .containsExactly(new ContainerImage("", ContainerType.CONTAINER, APP));
    assertThat(workload.breakglassRequested()).isTrue();
  }

  @Test
  void readsAPodWhateverItsKindIsSpelled() {
    JsonNode pod =
        json(
            """
            {"apiVersion": "v1", "kind": "pod", "metadata": {"generateName": "payment-"},
             "spec": {"containers": [{"name": "app", "image": "%s"}],
                      "ephemeralContainers": [{"name": "debug", "image": "%s"}]}}
            """
                .formatted(APP, SIDECAR));

    Workload workload = WorkloadExtractor.read(new GroupKind("", "pod"), pod, List.of()).get();

    assertThat(workload.kind()).isEqualTo("pod");
    assertThat(workload.name()).isEqualTo("payment-");
    assertThat(workload.images())
        .containsExactly(
            new ContainerImage("app", ContainerType.CONTAINER, APP),
            new ContainerImage("debug", ContainerType.EPHEMERAL, SIDECAR));
  }

  @Test
  void readsAJobTemplateAndBreakglassOnIt() {
    JsonNode scheduled =
        json(
            """
            {"apiVersion": "ci.example.com/v1", "kind": "Runner", "metadata": {"name": "nightly"},
             "spec": {"jobTemplate": {"metadata": {"annotations": {"kritis.grafeas.io/breakglass": "true"}},
                                      "spec": {"template": {"spec": {"containers": [{"image": "%s"}]}}}}}}
            """
                .formatted(APP));

    Workload workload = WorkloadExtractor.read(RUNNER, scheduled, List.of()).orElseThrow();

    assertThat(workload.distinctImages()).containsExactly(APP);
    assertThat(workload.breakglassRequested()).isTrue();
  }

  @Test
  void readsEveryConventionalPlaceAnObjectFillsSoNoneGoesUnchecked() {
    JsonNode both =
        json(
            """
            {"apiVersion": "ci.example.com/v1", "kind": "Runner", "metadata": {"name": "r"},
             "spec": {"containers": [{"image": "%s"}],
                      "template": {"spec": {"containers": [{"image": "%s"}]}}}}
            """
                .formatted(APP, SIDECAR));

    assertThat(WorkloadExtractor.read(RUNNER, both, List.of()).orElseThrow().distinctImages())
        .containsExactly(APP, SIDECAR);
  }

  @Test
  void readsThePodSpecWhereAPolicySaysTheKindKeepsIt() {
    PodSpecKind declared = new PodSpecKind(RUNNER, "/spec/workers/pod");
    JsonNode runner =
        json(
            """
            {"apiVersion": "ci.example.com/v1", "kind": "Runner", "metadata": {"name": "r",
               "annotations": {"kritis.grafeas.io/breakglass": "true"}},
             "spec": {"workers": {"pod": {"containers": [{"name": "w", "image": "%s"}]}}}}
            """
                .formatted(APP));

    Workload workload = WorkloadExtractor.read(RUNNER, runner, List.of(declared)).orElseThrow();

    assertThat(workload.images())
        .containsExactly(new ContainerImage("w", ContainerType.CONTAINER, APP));
    assertThat(workload.breakglassRequested()).isTrue();
    assertThat(workload.absentPodSpecs()).isEmpty();
  }

  @Test
  void recordsADeclaredPlaceWhereTheObjectHasNothing() {
    PodSpecKind declared = new PodSpecKind(RUNNER, "/spec/workers/pod");
    JsonNode runner = json("{\"kind\": \"Runner\", \"spec\": {\"workers\": {}}}");

    Workload workload = WorkloadExtractor.read(RUNNER, runner, List.of(declared)).orElseThrow();

    assertThat(workload.images()).isEmpty();
    assertThat(workload.absentPodSpecs()).containsExactly(declared);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "spec/pod", "/"})
  void aDeclaredPathThatIsNotAPointerToAFieldFindsNothing(String path) {
    PodSpecKind declared = new PodSpecKind(RUNNER, path);
    JsonNode runner = json("{\"kind\": \"Runner\", \"spec\": {\"pod\": {\"containers\": []}}}");

    assertThat(WorkloadExtractor.read(RUNNER, runner, List.of(declared)).orElseThrow())
        .extracting(Workload::absentPodSpecs)
        .isEqualTo(List.of(declared));
  }

  @Test
  void ignoresDeclarationsForOtherKindsAndForBuiltInKinds() {
    JsonNode config = json("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {}}");
    JsonNode pod =
        json("{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": {\"containers\": []}}");
    List<PodSpecKind> declared =
        List.of(
            new PodSpecKind(RUNNER, "/spec/pod"), new PodSpecKind(new GroupKind("", "Pod"), "/x"));

    assertThat(WorkloadExtractor.read(new GroupKind("", "ConfigMap"), config, declared)).isEmpty();
    assertThat(WorkloadExtractor.read(new GroupKind("", "Pod"), pod, declared).orElseThrow())
        .extracting(Workload::absentPodSpecs)
        .isEqualTo(List.of());
  }

  @Test
  void findsNoPodSpecInAKindThatHasASpecWithoutContainers() {
    JsonNode service =
        json("{\"apiVersion\": \"v1\", \"kind\": \"Gateway\", \"spec\": {\"ports\": [80]}}");

    assertThat(WorkloadExtractor.read(new GroupKind("", "Gateway"), service, List.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"spec\": {\"containers\": \"%s\"}}",
        "{\"spec\": {\"containers\": [\"%s\"]}}",
        "{\"spec\": {\"containers\": [{\"image\": [\"%s\"]}]}}",
        "{\"spec\": {\"template\": {\"spec\": \"%s\"}}}",
        "{\"spec\": {\"template\": {\"spec\": {\"initContainers\": {\"image\": \"%s\"}}}}}",
      })
  void refusesAPodSpecOfTheWrongShapeRatherThanSkippingItsImages(String object) {
    JsonNode malformed = json(object.formatted(APP));

    assertThatThrownBy(() -> WorkloadExtractor.read(RUNNER, malformed, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(
            "(pod spec at )?/spec/.* is not (an object|a list|a container|a string)");
  }

  @Test
  void keepsAnImagelessContainerAsAnEmptyReference() {
    JsonNode runner = json("{\"spec\": {\"containers\": [{\"name\": \"c\"}]}}");

    assertThat(WorkloadExtractor.read(RUNNER, runner, List.of()).orElseThrow().images())
        .containsExactly(new ContainerImage("c", ContainerType.CONTAINER, ""));
  }

  @Test
  void looksForBreakglassBesideEverySpecOnTheWay() {
    assertThat(
            GenericWorkloads.metadataBeside(
                JsonPointer.compile("/spec/jobTemplate/spec/template/spec")))
        .containsExactly(
            "/metadata", "/spec/jobTemplate/metadata", "/spec/jobTemplate/spec/template/metadata");
    assertThat(GenericWorkloads.metadataBeside(JsonPointer.compile("/spec/runner/pod")))
        .containsExactly("/metadata");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"TRUE\"", "true", "\"yes\"", "[\"true\"]"})
  void anyBreakglassValueButTheTextTrueIsNone(String value) {
    JsonNode runner =
        json(
            "{\"metadata\": {\"annotations\": {\"kritis.grafeas.io/breakglass\": %s}},"
                    .formatted(value)
                + " \"spec\": {\"containers\": []}}");

    assertThat(WorkloadExtractor.read(RUNNER, runner, List.of()).orElseThrow())
        .extracting(Workload::breakglassRequested)
        .isEqualTo(false);
  }

  @Test
  void namesAKindWithItsGroupAsKubernetesPrintsIt() {
    assertThat(GroupKind.ofApiVersion("argoproj.io/v1alpha1", "Rollout"))
        .isEqualTo(ROLLOUT)
        .hasToString("Rollout.argoproj.io");
    assertThat(GroupKind.ofApiVersion("v1", "Pod")).hasToString("Pod");
    assertThat(GroupKind.ofApiVersion(null, null)).isEqualTo(new GroupKind("", ""));
  }

  private static JsonNode json(String text) {
    return WorkloadExtractor.parse(text);
  }
}
