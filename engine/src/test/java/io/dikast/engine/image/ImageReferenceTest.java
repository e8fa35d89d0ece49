package io.dikast.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String HEX =
      "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";
  private static final String DIGEST = "sha256:" + HEX;

  @Test
  void splitsTheArticlesPinnedReference() {
    ImageReference image = ImageReference.parse("gcr.io/hightowerlabs/payment@" + DIGEST);

    assertThat(image.repository()).isEqualTo("gcr.io/hightowerlabs/payment");
    assertThat(image.digest()).contains(DIGEST);
    assertThat(image.tag()).isEmpty();
    assertThat(image.isDigestPinned()).isTrue();
    assertThat(image.resourceUri()).isEqualTo("https://gcr.io/hightowerlabs/payment@" + DIGEST);
  }

  @Test
  void keepsTagAndDigestWhenBothAreGiven() {
    ImageReference image = ImageReference.parse("registry:5000/team/app:1.2@" + DIGEST);

    assertThat(image.repository()).isEqualTo("registry:5000/team/app");
    assertThat(image.tag()).contains("1.2");
    assertThat(image.pinned()).isEqualTo("registry:5000/team/app@" + DIGEST);
    assertThat(image.normalised()).isEqualTo("registry:5000/team/app:1.2@" + DIGEST);
  }

  @Test
  void aTagOnlyImageIsNotPinned() {
    ImageReference image = ImageReference.parse("gcr.io/x/payment:0.0.1");

    assertThat(image.isDigestPinned()).isFalse();
    assertThat(image.digest()).isEmpty();
    assertThatThrownBy(image::pinned).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gcr.io/x/payment@sha384:" + HEX + "0123456789abcdef0123456789abcdef",
        "gcr.io/x/payment@sha512:" + HEX + HEX
      })
  void aDigestOfAnotherRegisteredAlgorithmIsValidButNotPinned(String text) {
    ImageReference image = ImageReference.parse(text);

    assertThat(image.isDigestPinned()).isFalse();
    assertThat(image.anyDigest()).isPresent();
  }

  // Written from the grammar in github.com/distribution/reference (reference.go, regexp.go).
  @ParameterizedTest
  @ValueSource(
      strings = {
        "test_com",
        "test.com:tag",
        "test.com:5000",
        "test.com/repo:tag",
        "test:5000/repo",
        "test:5000/repo:tag",
        "test:5000/repo@" + DIGEST,
        "test:5000/repo:tag@" + DIGEST,
        "lowercase:Uppercase",
        "sub-dom1.foo.com/bar/baz/quux",
        "sub-dom1.foo.com/bar/baz/quux:some-long-tag",
        "b.gcr.io/test.example.com/my-app:test.example.com",
        "xn--n3h.com/myimage:xn--n3h.com",
        "foo_bar.com:8080",
        "foo/foo_bar.com:8080",
        "[2001:db8::1]:5000/repo",
        "[2001:db8::1]/repo:tag",
        "192.168.1.1:5000/repo",
        "a/a__b",
        "a/a---b",
        "a/a.b_c-d",
        "Docker.example/team/app"
      })
  void acceptsWhatTheGrammarAccepts(String text) {
    assertThat(ImageReference.parse(text).original()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":justtag",
        "@" + DIGEST,
        "repo@sha256:ffffffffffffffffffffffffffffffffff",
        "repo@sha256:" + HEX + "0",
        "repo@sha256:ABA48D60BA4410EC921F9D2E8169236C57660D121F9430DC9758D754EEC8F887",
        "repo@md5:0123456789abcdef0123456789abcdef",
        "repo@" + HEX,
        "validname@invaliddigest:" + HEX,
        "Uppercase:tag",
        "test:5000/Uppercase/lowercase:tag",
        "aa/asdf$$^/aa",
        "a//b",
        "-foo",
        "foo-",
        "foo/a_-b",
        "foo:bad tag",
        "foo:-tag",
        HEX,
        "https://gcr.io/x/payment@" + DIGEST,
        " gcr.io/x/payment@" + DIGEST,
        "gcr.io/x/payment@" + DIGEST + "\n",
        "gcr.io/x/pay ment@" + DIGEST
      })
  void refusesWhatTheGrammarRefuses(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageStartingWith("invalid image reference \"");
  }

  @Test
  void refusesANormalisedNameLongerThanTheGrammarsLimit() {
    String longest =
        "a".repeat(ImageReference.NAME_TOTAL_LENGTH_MAX - "docker.io/library/".length());

    assertThat(ImageReference.parse(longest + "@" + DIGEST).repository()).hasSize(255);
    assertThatThrownBy(() -> ImageReference.parse(longest + "a@" + DIGEST))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining("longer than 255 characters");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "' gcr.io/x/payment'   | it has surrounding whitespace",
        "https://gcr.io/x/p    | a scheme such as https:// is not part of an image reference",
        "gcr.io/x/pay ment     | it contains whitespace",
        "gcr.io/Acme/Payment   | a repository path must be lower case",
        "NGINX                 | a repository path must be lower case",
        "a//b                  | it does not follow the distribution reference grammar",
        "gcr.io/x/p@sha256:ab  | its digest is not sha256, sha384 or sha512 followed by that many"
            + " lower-case hex digits"
      })
  void saysWhyAReferenceIsInvalid(String text, String reason) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOfSatisfying(
            InvalidImageReferenceException.class,
            invalid -> assertThat(invalid.reason()).isEqualTo(reason));
  }

  @Test
  void quotesAnInvalidReferenceOnOneLine() {
    assertThatThrownBy(() -> ImageReference.parse("nginx\n@" + DIGEST))
        .hasMessage("invalid image reference \"nginx?@" + DIGEST + "\" (it contains whitespace)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nginx",
        "library/nginx",
        "docker.io/nginx",
        "docker.io/library/nginx",
        "index.docker.io/library/nginx",
        "index.docker.io/nginx"
      })
  void normalisesDockerHubSpellingsOfAnOfficialImage(String name) {
    ImageReference image = ImageReference.parse(name + "@" + DIGEST);

    assertThat(image.repository()).isEqualTo("docker.io/library/nginx");
    assertThat(image.pinned()).isEqualTo("docker.io/library/nginx@" + DIGEST);
    assertThat(image.original()).isEqualTo(name + "@" + DIGEST);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "acme/app               | docker.io/acme/app",
        "docker.io/acme/app     | docker.io/acme/app",
        "docker.io/library/a/b  | docker.io/library/a/b",
        "localhost/app          | localhost/app",
        "localhost:5000/app     | localhost:5000/app",
        "Registry/app           | Registry/app",
        "gcr.io/x/payment       | gcr.io/x/payment",
        "quay.io/library/nginx  | quay.io/library/nginx"
      })
  void normalisesOnlyDockerHubNames(String name, String repository) {
    assertThat(ImageReference.parse(name + ":1").repository()).isEqualTo(repository);
  }

  @Test
  void listsEverySpellingOfAPinnedOfficialImage() {
    ImageReference image = ImageReference.parse("nginx@" + DIGEST);

    assertThat(image.pinnedSpellings())
        .containsExactly(
            "docker.io/library/nginx@" + DIGEST,
            "index.docker.io/library/nginx@" + DIGEST,
            "library/nginx@" + DIGEST,
            "docker.io/nginx@" + DIGEST,
            "index.docker.io/nginx@" + DIGEST,
            "nginx@" + DIGEST)
        .allSatisfy(
            spelling -> assertThat(ImageReference.parse(spelling).sameImage(image)).isTrue());
  }

  @Test
  void listsTheDockerHubSpellingsOfAUsersImageAndOneSpellingElsewhere() {
    assertThat(ImageReference.parse("acme/app@" + DIGEST).pinnedSpellings())
        .containsExactly(
            "docker.io/acme/app@" + DIGEST,
            "index.docker.io/acme/app@" + DIGEST,
            "acme/app@" + DIGEST);
    assertThat(ImageReference.parse("gcr.io/x/payment@" + DIGEST).pinnedSpellings())
        .containsExactly("gcr.io/x/payment@" + DIGEST);
  }

  @Test
  void anotherRepositoryOrDigestIsAnotherImage() {
    ImageReference nginx = ImageReference.parse("nginx@" + DIGEST);

    assertThat(nginx.sameImage(ImageReference.parse("acme/nginx@" + DIGEST))).isFalse();
    assertThat(nginx.sameImage(ImageReference.parse("gcr.io/library/nginx@" + DIGEST))).isFalse();
    assertThat(nginx.sameImage(ImageReference.parse("nginx@sha256:" + "0".repeat(64)))).isFalse();
  }

  @Test
  void readsAGrafeasResourceUriWithOrWithoutItsScheme() {
    assertThat(ImageReference.fromResourceUri("https://nginx@" + DIGEST).pinned())
        .isEqualTo("docker.io/library/nginx@" + DIGEST);
    assertThat(ImageReference.fromResourceUri("HTTPS://gcr.io/x/payment@" + DIGEST).pinned())
        .isEqualTo("gcr.io/x/payment@" + DIGEST);
    assertThat(ImageReference.fromResourceUri("gcr.io/x/payment@" + DIGEST).pinned())
        .isEqualTo("gcr.io/x/payment@" + DIGEST);
    assertThatThrownBy(() -> ImageReference.fromResourceUri("http://gcr.io/x/payment@" + DIGEST))
        .isInstanceOf(InvalidImageReferenceException.class);
  }
}
