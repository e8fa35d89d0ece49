package io.dikast.verifier.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerConfigCredentialsTest {

  private static final String ORIGIN = "Secret payments/pull";

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }

  private static String entry(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  private static DockerConfigCredentials config(String auths) {
    return DockerConfigCredentials.dockerConfigJson("{\"auths\":" + auths + "}", ORIGIN);
  }

  private static Optional<String> userFor(DockerConfigCredentials config, String repository) {
    return config.credentialFor(repository).map(RegistryCredential::username);
  }

  @Test
  void readsUsernameAndPasswordOfAMatchingHost() {
    DockerConfigCredentials config =
        config("{\"registry.example.com\":" + entry("bob", "pw") + "}");

    assertThat(config.credentialFor("registry.example.com/team/app"))
        .contains(new RegistryCredential("bob", "pw", ORIGIN + " (registry.example.com)"));
  }

  @Test
  void decodesAuthAndPrefersItToUsernameAndPassword() {
    DockerConfigCredentials config =
        config(
            "{\"registry.example.com\":{\"username\":\"old\",\"password\":\"old\",\"auth\":\""
                + b64("carol:pa:ss")
                + "\"}}");

    RegistryCredential credential = config.credentialFor("registry.example.com/app").orElseThrow();
    assertThat(credential.username()).isEqualTo("carol");
    assertThat(credential.password()).isEqualTo("pa:ss");
  }

  @ParameterizedTest
  @CsvSource({
    "registry.example.com",
    "https://registry.example.com",
    "http://registry.example.com",
    "https://registry.example.com/v1/",
    "https://registry.example.com/v2/",
    "registry.example.com/",
    "REGISTRY.example.com",
  })
  void matchesTheHostWhateverTheKeysSpelling(String key) {
    DockerConfigCredentials config = config("{\"" + key + "\":" + entry("bob", "pw") + "}");

    assertThat(userFor(config, "registry.example.com/team/app")).contains("bob");
  }

  @Test
  void matchesThePortExactly() {
    DockerConfigCredentials config =
        config(
            "{\"registry.example.com:5000\":"
                + entry("port", "pw")
                + ",\"other.example.com\":"
                + entry("noport", "pw")
                + "}");

    assertThat(userFor(config, "registry.example.com:5000/app")).contains("port");
    assertThat(userFor(config, "registry.example.com/app")).isEmpty();
    assertThat(userFor(config, "other.example.com:5000/app")).isEmpty();
  }

  @Test
  void takesTheLongestMatchingPath() {
    DockerConfigCredentials config =
        config(
            "{\"registry.example.com\":"
                + entry("host", "pw")
                + ",\"registry.example.com/team\":"
                + entry("team", "pw")
                + ",\"registry.example.com/team/app\":"
                + entry("app", "pw")
                + "}");

    assertThat(userFor(config, "registry.example.com/team/app")).contains("app");
    assertThat(userFor(config, "registry.example.com/team/app/sub")).contains("app");
    assertThat(userFor(config, "registry.example.com/team/other")).contains("team");
    assertThat(userFor(config, "registry.example.com/teams/x")).contains("host");
  }

  @Test
  void aPathMatchesWholeSegmentsOnly() {
    DockerConfigCredentials config =
        config("{\"registry.example.com/team\":" + entry("t", "pw") + "}");

    assertThat(userFor(config, "registry.example.com/teamwork/app")).isEmpty();
    assertThat(userFor(config, "registry.example.com/team/app")).contains("t");
  }

  @ParameterizedTest
  @CsvSource({
    "https://index.docker.io/v1/",
    "docker.io",
    "registry-1.docker.io",
    "index.docker.io"
  })
  void treatsDockerHubsNamesAsOne(String key) {
    DockerConfigCredentials config = config("{\"" + key + "\":" + entry("hub", "pw") + "}");

    assertThat(userFor(config, "docker.io/library/nginx")).contains("hub");
  }

  @Test
  void doesNotMatchAnotherHost() {
    DockerConfigCredentials config =
        config("{\"registry.example.com\":" + entry("bob", "pw") + "}");

    assertThat(config.credentialFor("registry.example.org/app")).isEmpty();
    assertThat(config.credentialFor("sub.registry.example.com/app")).isEmpty();
  }

  @Test
  void ignoresEntriesWithoutCredentials() {
    DockerConfigCredentials config =
        config("{\"registry.example.com\":{\"identitytoken\":\"t\"},\"r.example.com\":{}}");

    assertThat(config.credentialFor("registry.example.com/app")).isEmpty();
    assertThat(config.credentialFor("r.example.com/app")).isEmpty();
  }

  @Test
  void readsBothSecretTypes() {
    String auths = "{\"registry.example.com\":" + entry("bob", "pw") + "}";

    DockerConfigCredentials json =
        DockerConfigCredentials.fromSecret(
            "kubernetes.io/dockerconfigjson",
            Map.of(".dockerconfigjson", b64("{\"auths\":" + auths + "}")),
            ORIGIN);
    DockerConfigCredentials legacy =
        DockerConfigCredentials.fromSecret(
            "kubernetes.io/dockercfg", Map.of(".dockercfg", b64(auths)), ORIGIN);

    assertThat(userFor(json, "registry.example.com/app")).contains("bob");
    assertThat(userFor(legacy, "registry.example.com/app")).contains("bob");
  }

  @Test
  void refusesASecretOfAnotherType() {
    assertThatThrownBy(
            () -> DockerConfigCredentials.fromSecret("Opaque", Map.of("a", b64("{}")), ORIGIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Secret payments/pull is of type Opaque, not kubernetes.io/dockerconfigjson or"
                + " kubernetes.io/dockercfg");
  }

  @Test
  void refusesASecretWithoutItsKey() {
    assertThatThrownBy(
            () ->
                DockerConfigCredentials.fromSecret(
                    "kubernetes.io/dockerconfigjson", Map.of(".dockercfg", b64("{}")), ORIGIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Secret payments/pull has no .dockerconfigjson key");
  }

  @Test
  void refusesDataThatIsNotBase64() {
    assertThatThrownBy(
            () ->
                DockerConfigCredentials.fromSecret(
                    "kubernetes.io/dockerconfigjson", Map.of(".dockerconfigjson", "!!!"), ORIGIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Secret payments/pull's .dockerconfigjson is not base64");
  }

  @Test
  void refusesMalformedJsonWithoutQuotingIt() {
    assertThatThrownBy(
            () ->
                DockerConfigCredentials.dockerConfigJson(
                    "{\"auths\":{\"r\":{\"password\":\"hunter2\"", ORIGIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Secret payments/pull is not valid JSON (line 1, column")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesAConfigWithoutAuths() {
    assertThatThrownBy(() -> DockerConfigCredentials.dockerConfigJson("{\"x\":{}}", ORIGIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Secret payments/pull has no \"auths\" object");
  }

  @Test
  void refusesAnAuthThatIsNotBase64OfUserColonPassword() {
    assertThatThrownBy(() -> config("{\"r.example.com\":{\"auth\":\"%%%\"}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Secret payments/pull's entry r.example.com has an auth that is not base64");
    assertThatThrownBy(() -> config("{\"r.example.com\":{\"auth\":\"" + b64("hunter2") + "\"}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Secret payments/pull's entry r.example.com has an auth that is not base64 of"
                + " user:password")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesAnEntryThatIsNotAnObject() {
    assertThatThrownBy(() -> config("{\"r.example.com\":\"bob:pw\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Secret payments/pull's entry r.example.com is not an object");
  }
}
