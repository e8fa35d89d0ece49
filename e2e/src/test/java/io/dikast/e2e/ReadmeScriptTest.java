package io.dikast.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadmeScriptTest {

  @Test
  void wrapsTheCommandAfterAnExpectationWithItsContinuationLinesAndKeepsTheRest() {
    ReadmeScript script =
        ReadmeScript.of(
            """
            Text with `# expect: denied` inline is not a block.

            ```sh
            kubectl apply -f policy.yaml
            # expect: denied
            kubectl apply -n "$NS" \\
              -f pod.yaml
            echo done
            ```

            ```yaml
            # expect: admitted
            kind: Pod
            ```

            ```sh
            # expect: warning
            kubectl apply -f hotfix.yaml
            ```
            """);

    assertThat(script.expectations()).isEqualTo(2);
    assertThat(script.text())
        .startsWith(ReadmeScript.PRELUDE)
        .endsWith(
            """
            kubectl apply -f policy.yaml
            dikast_expect denied <<'DIKAST_COMMAND'
            kubectl apply -n "$NS" \\
              -f pod.yaml
            DIKAST_COMMAND
            echo done
            dikast_expect warning <<'DIKAST_COMMAND'
            kubectl apply -f hotfix.yaml
            DIKAST_COMMAND
            """);
  }
}
