package io.dikast.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced {@code sh} blocks of an example README as one bash script. A {@code # expect: denied},
 * {@code admitted} or {@code warning} line makes the command after it (continuation lines included)
 * run under {@code dikast_expect}, which checks the outcome and prints {@code expect: <what> ok}.
 * Every other line runs as written, under {@code set -euo pipefail}.
 */
final class ReadmeScript {

  private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern EXPECT =
      Pattern.compile("^\\s*# expect: (denied|admitted|warning)\\s*$");

  static final String PRELUDE =
      """
      set -euo pipefail
      dikast_expect() {
        local expected=$1 command out err status
        command=$(cat)
        out=$(mktemp) err=$(mktemp)
        set +e
        ( eval "$command" ) >"$out" 2>"$err"
        status=$?
        set -e
        cat "$out"; cat "$err" >&2
        local ok=no
        case "$expected" in
          denied) [ "$status" -ne 0 ] && grep -q 'denied the request' "$out" "$err" && ok=yes ;;
          admitted) [ "$status" -eq 0 ] && ! grep -q '^Warning:' "$err" && ok=yes ;;
          warning) [ "$status" -eq 0 ] && grep -q '^Warning:' "$err" && ok=yes ;;
        esac
        rm -f "$out" "$err"
        if [ "$ok" != yes ]; then
          echo "expect: $expected FAILED (exit $status): $command" >&2
          exit 1
        fi
        echo "expect: $expected ok"
      }
      """;

  private final String text;
  private final int expectations;

  private ReadmeScript(String text, int expectations) {
    this.text = text;
    this.expectations = expectations;
  }

  static ReadmeScript of(String readme) {
    StringBuilder script = new StringBuilder(PRELUDE);
    int expectations = 0;
    Matcher block = BLOCK.matcher(readme);
    while (block.find()) {
      List<String> lines = block.group(1).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        Matcher expect = EXPECT.matcher(lines.get(i));
        if (!expect.matches()) {
          script.append(lines.get(i)).append('\n');
          continue;
        }
        List<String> command = new ArrayList<>();
        do {
          i++;
          command.add(lines.get(i));
        } while (lines.get(i).endsWith("\\"));
        script
            .append("dikast_expect ")
            .append(expect.group(1))
            .append(" <<'DIKAST_COMMAND'\n")
            .append(String.join("\n", command))
            .append("\nDIKAST_COMMAND\n");
        expectations++;
      }
    }
    return new ReadmeScript(script.toString(), expectations);
  }

  String text() {
    return text;
  }

  int expectations() {
    return expectations;
  }
}
