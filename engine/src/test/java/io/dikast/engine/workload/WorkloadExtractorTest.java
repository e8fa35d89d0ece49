package io.dikast.engine.workload;

import static io.dikast.engine.workload.WorkloadFixtures.ofKind;
import static io.dikast.engine.workload.WorkloadFixtures.pinnedImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkloadExtractorTest {

  private static final String APP = pinnedImage("payment");
  private static final Map<String, String> BREAKGLASS = Map.of(BreakglassAnnotation.NAME, "true");
  private static final List<String> KINDS = WorkloadFixtures.KINDS;

  @ParameterizedTest
  @FieldSource("KINDS")
  void readsThePodTemplateImageOfEveryKind(String kind) {
    Workload workload = WorkloadExtractor.extract(ofKind(kind, APP));

    assertThat(workload)
        .isEqualTo(
            new Workload(
                kind,
                "payments",
                "payment",
                List.of(new ContainerImage("app", ContainerType.CONTAINER, APP)),
                false));
  }

  @Test
  void readsTheServiceAccountAndPullSecretsTheKubeletPullsWith() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("payment")
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName("builder")
            .addNewImagePullSecret("pull-a")
            .addNewImagePullSecret("pull-b")
            .withContainers(new ContainerBuilder().withName("app").withImage(APP).build())
            .endSpec()
            .build();

    assertThat(WorkloadExtractor.extract(pod).pullSecrets())
        .isEqualTo(new PullSecrets("builder", List.of("pull-a", "pull-b")));
  }

  @ParameterizedTest
  @FieldSource("KINDS")
  void aPodSpecWithoutEitherPullsWithTheDefaultServiceAccount(String kind) {
    assertThat(WorkloadExtractor.extract(ofKind(kind, APP)).pullSecrets())
        .isEqualTo(new PullSecrets("default", List.of()));
  }

  @Test
  void readsContainersInitContainersAndEphemeralContainersInThatOrder() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("payment")
            .endMetadata()
            .withNewSpec()
            .withInitContainers(new ContainerBuilder().withName("migrate").withImage("m:1").build())
            .withContainers(new ContainerBuilder().withName("app").withImage("a:1").build())
            .withEphemeralContainers(
                new EphemeralContainerBuilder().withName("debug").withImage("busybox").build())
            .endSpec()
            .build();

    assertThat(WorkloadExtractor.extract(pod).images())
        .containsExactly(
            new ContainerImage("app", ContainerType.CONTAINER, "a:1"),
            new ContainerImage("migrate", ContainerType.INIT, "m:1"),
            new ContainerImage("debug", ContainerType.EPHEMERAL, "busybox"));
  }

  @Test
  void namesAnObjectByGenerateNameWhenItHasNoNameYetAndLeavesAMissingNamespaceEmpty() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withGenerateName("payment-7d9f-")
            .endMetadata()
            .withNewSpec()
            .endSpec()
            .build();

    Workload workload = WorkloadExtractor.extract(pod);

    assertThat(workload.name()).isEqualTo("payment-7d9f-");
    assertThat(workload.namespace()).isEmpty();
    assertThat(workload.inNamespaceIfAbsent("payments").namespace()).isEqualTo("payments");
    assertThat(workload.images()).isEmpty();
  }

  @Test
  void keepsAContainerWithoutImageAsAnEmptyReference() {
    Pod pod =
        new PodBuilder()
            .withNewSpec()
            .withContainers(new ContainerBuilder().withName("app").build())
            .endSpec()
            .build();

    assertThat(WorkloadExtractor.extract(pod).images())
        .containsExactly(new ContainerImage("app", ContainerType.CONTAINER, ""));
  }

  @ParameterizedTest
  @FieldSource("KINDS")
  void honoursBreakglassOnTheObject(String kind) {
    assertThat(WorkloadExtractor.extract(ofKind(kind, APP, BREAKGLASS, Map.of())))
        .extracting(Workload::breakglassRequested)
        .isEqualTo(true);
  }

  @ParameterizedTest
  @FieldSource("KINDS")
  void honoursBreakglassOnThePodTemplate(String kind) {
    assertThat(WorkloadExtractor.extract(ofKind(kind, APP, Map.of(), BREAKGLASS)))
        .extracting(Workload::breakglassRequested)
        .isEqualTo(true);
  }

  @Test
  void honoursBreakglassOnTheJobTemplateOfACronJob() {
    CronJob cronJob =
        new CronJobBuilder((CronJob) ofKind("CronJob", APP))
            .editSpec()
            .editJobTemplate()
            .withNewMetadata()
            .withAnnotations(BREAKGLASS)
            .endMetadata()
            .endJobTemplate()
            .endSpec()
            .build();

    assertThat(WorkloadExtractor.extract(cronJob).breakglassRequested()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "TRUE", "True", "yes", "1", " true", ""})
  void anyValueButExactlyTrueIsNotBreakglass(String value) {
    Map<String, String> annotation = Map.of(BreakglassAnnotation.NAME, value);

    assertThat(WorkloadExtractor.extract(ofKind("Deployment", APP, annotation, annotation)))
        .extracting(Workload::breakglassRequested)
        .isEqualTo(false);
  }

  @Test
  void rejectsAnUnsupportedKindByName() {
    assertThatThrownBy(
            () ->
                WorkloadExtractor.extract(
                    new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()))
        .isInstanceOf(UnsupportedWorkloadException.class)
        .hasMessage("unsupported workload kind ConfigMap (apiVersion v1)");
  }

  @Test
  void readsAGenericResourceAsItsTypedKind() {
    GenericKubernetesResource generic = new GenericKubernetesResource();
    generic.setApiVersion("apps/v1");
    generic.setKind("Deployment");
    generic.setMetadata(
        new ObjectMetaBuilder().withName("payment").withNamespace("payments").build());
    generic.setAdditionalProperty(
        "spec",
        Map.of(
            "template",
            Map.of(
                "metadata", Map.of("annotations", BREAKGLASS),
                "spec", Map.of("containers", List.of(Map.of("name", "app", "image", APP))))));

    Workload workload = WorkloadExtractor.extract(generic);

    assertThat(workload)
        .isEqualTo(
            new Workload(
                "Deployment",
                "payments",
                "payment",
                List.of(new ContainerImage("app", ContainerType.CONTAINER, APP)),
                true));
  }

  @Test
  void rejectsAGenericResourceOfAnotherGroupThatReusesAWorkloadKind() {
    GenericKubernetesResource generic = new GenericKubernetesResource();
    generic.setApiVersion("example.com/v1");
    generic.setKind("Deployment");

    assertThatThrownBy(() -> WorkloadExtractor.extract(generic))
        .isInstanceOf(UnsupportedWorkloadException.class)
        .hasMessage("unsupported workload kind Deployment (apiVersion example.com/v1)");
  }

  @Test
  void readsTheRawJsonOfAnAdmissionRequestObject() {
    String json =
        """
        {"apiVersion": "batch/v1", "kind": "CronJob",
         "metadata": {"name": "report", "namespace": "payments", "labels": {"a": "b"}},
         "spec": {"schedule": "0 * * * *",
                  "jobTemplate": {"metadata": {"annotations": {"kritis.grafeas.io/breakglass": "true"}},
                                  "spec": {"template": {"spec": {
                                    "initContainers": [{"name": "init", "image": "busybox:1"}],
                                    "containers": [{"name": "report", "image": "%s"}]}}}}},
         "status": {}}
        """
            .formatted(APP);

    assertThat(
            WorkloadExtractor.read(
                new GroupKind("batch", "CronJob"), WorkloadExtractor.parse(json), List.of()))
        .contains(
            new Workload(
                "CronJob",
                "payments",
                "report",
                List.of(
                    new ContainerImage("report", ContainerType.CONTAINER, APP),
                    new ContainerImage("init", ContainerType.INIT, "busybox:1")),
                true));
  }

  @Test
  void readsAManifestAsTheKindItNames() {
    String json =
        """
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "payment"},
         "spec": {"template": {"spec": {"containers": [{"name": "app", "image": "%s"}]}}}}
        """
            .formatted(APP);

    assertThat(WorkloadExtractor.readManifest(WorkloadExtractor.parse(json), List.of()))
        .contains(
            new Workload(
                "Deployment",
                "",
                "payment",
                List.of(new ContainerImage("app", ContainerType.CONTAINER, APP)),
                false));
  }

  @Test
  void findsNoWorkloadInAManifestOfAKindWithoutPodSpec() {
    assertThat(
            WorkloadExtractor.readManifest(
                WorkloadExtractor.parse(
                    "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"spec\": {}}"),
                List.of()))
        .isEmpty();
  }

  @Test
  void refusesJsonOfABuiltInKindWhoseFieldsHaveTheWrongShape() {
    JsonNode pod =
        WorkloadExtractor.parse(
            "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": {\"containers\": 7}}");

    assertThatThrownBy(() -> WorkloadExtractor.read(new GroupKind("", "Pod"), pod, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("workload JSON does not match its kind: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"Pod\"", "{not json"})
  void rejectsTextThatIsNotAJsonObject(String text) {
    assertThatThrownBy(() -> WorkloadExtractor.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("workload ");
  }
}
