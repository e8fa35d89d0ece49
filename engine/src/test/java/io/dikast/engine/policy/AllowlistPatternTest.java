package io.dikast.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowlistPatternTest {

  private static final String DIGEST =
      "sha256:aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887";

  @ParameterizedTest
  @CsvSource({
    "gcr.io/google-containers/*, gcr.io/google-containers/pause:3.9",
    "gcr.io/google-containers/*, gcr.io/google-containers/pause@" + DIGEST,
    "gcr.io/google-containers/*, https://gcr.io/google-containers/pause",
    "gcr.io/**, gcr.io/a/b/c/d:1",
    "gcr.io/**, gcr.io/x",
    "gcr.io/*/pause:*, gcr.io/google-containers/pause:3.9",
    "gcr.io/x/app, gcr.io/x/app",
    "https://gcr.io/x/app, gcr.io/x/app",
    "registry:5000/team/app:1.2, registry:5000/team/app:1.2",
  })
  void exempts(String pattern, String image) {
    assertThat(AllowlistPattern.compile(pattern).matches(image)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "singleStarDoesNotCrossSlash, gcr.io/google-containers/*, gcr.io/google-containers/a/b",
    "noPrefixMatch, gcr.io/x/app, gcr.io/x/app:latest",
    "noPrefixMatchOfDigest, gcr.io/x/app, gcr.io/x/app@" + DIGEST,
    "noSuffixMatch, gcr.io/x/app, evil.io/gcr.io/x/app",
    "noSuffixMatchOfGlob, gcr.io/**, evil.io/gcr.io/x",
    "dotIsLiteral, gcr.io/x/app, gcrXio/x/app",
    "otherMetacharactersAreLiteral, gcr.io/x/app+, gcr.io/x/appp",
    "exactTextDiffers, gcr.io/x/app, gcr.io/x/ap",
    "singleStarStaysInItsSegment, gcr.io/*, gcr.io/x/app",
  })
  void doesNotExempt(String attack, String pattern, String image) {
    assertThat(AllowlistPattern.compile(pattern).matches(image)).as(attack).isFalse();
  }
}
