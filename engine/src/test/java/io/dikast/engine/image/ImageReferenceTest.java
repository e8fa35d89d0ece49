package io.dikast.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

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
  void acceptsTheResourceUriFormAndSurroundingWhitespace() {
    ImageReference image = ImageReference.parse("  https://gcr.io/x/payment@" + DIGEST + "\n");

    assertThat(image.pinned()).isEqualTo("gcr.io/x/payment@" + DIGEST);
  }

  @Test
  void keepsTagAndDigestWhenBothAreGiven() {
    ImageReference image = ImageReference.parse("registry:5000/team/app:1.2@" + DIGEST);

    assertThat(image.repository()).isEqualTo("registry:5000/team/app");
    assertThat(image.tag()).contains("1.2");
    assertThat(image.pinned()).isEqualTo("registry:5000/team/app@" + DIGEST);
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
        "gcr.io/x/payment@sha256:aba48d",
        "gcr.io/x/payment@sha256:ABA48D60BA4410EC921F9D2E8169236C57660D121F9430DC9758D754EEC8F887",
        "gcr.io/x/payment@sha256:zba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887",
        "gcr.io/x/payment@sha512:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887",
        "gcr.io/x/payment@aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887",
        "gcr.io/x/payment@sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f8870"
      })
  void aShortUpperCaseOrForeignDigestIsNotPinned(String text) {
    ImageReference image = ImageReference.parse(text);

    assertThat(image.isDigestPinned()).isFalse();
    assertThat(image.rawDigest()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "team/UPPER", "gcr.io/x/payment:bad tag", "a//b"})
  void rejectsTextThatIsNoImageReference(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
