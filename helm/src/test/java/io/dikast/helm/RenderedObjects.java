package io.dikast.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Every object a rendering produced, each parsed into its Fabric8 model class. */
final class RenderedObjects {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  /**
   * Fabric8 model classes keep unknown fields in an "additionalProperties" map. Removing that any-
   * setter makes Jackson refuse an unknown field, so a misspelt or misplaced key fails the test
   * instead of being silently dropped by the API server.
   */
  static final KubernetesSerialization STRICT =
      new KubernetesSerialization(
          new ObjectMapper()
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .registerModule(new SimpleModule().setDeserializerModifier(new WithoutAnySetter())),
          true);

  private final List<HasMetadata> objects;

  private RenderedObjects(List<HasMetadata> objects) {
    this.objects = objects;
  }

  static RenderedObjects parse(String manifest) {
    List<HasMetadata> objects = new ArrayList<>();
    Arrays.stream(DOCUMENT_SEPARATOR.split(manifest))
        .filter(document -> !document.lines().allMatch(RenderedObjects::blankOrComment))
        .forEach(document -> objects.add(STRICT.unmarshal(document, HasMetadata.class)));
    return new RenderedObjects(objects);
  }

  List<HasMetadata> all() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    List<T> matches =
        all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
    assertThat(matches).as("%s %s", type.getSimpleName(), name).hasSize(1);
    return matches.get(0);
  }

  private static boolean blankOrComment(String line) {
    return line.isBlank() || line.stripLeading().startsWith("#");
  }

  private static final class WithoutAnySetter extends BeanDeserializerModifier {
    @Override
    public BeanDeserializerBuilder updateBuilder(
        DeserializationConfig config,
        BeanDescription description,
        BeanDeserializerBuilder builder) {
      builder.setAnySetter(null);
      return builder;
    }
  }
}
