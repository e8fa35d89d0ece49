package io.dikast.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The DSSE pre-authentication encoding as bash writes it from the spec's definition: printf for the
 * header, the payload file appended. Tests sign these bytes with openssl and gpg, so neither the
 * signed bytes nor the expectations come from the code under test.
 */
public final class BashPae {

  private BashPae() {}

  /** The encoding of {@code payload} as {@code type}, written through files in {@code dir}. */
  public static byte[] encode(Path dir, String type, byte[] payload)
      throws IOException, InterruptedException {
    Path body = Files.write(Files.createTempFile(dir, "payload", ".json"), payload);
    Path out = Files.createTempFile(dir, "pae", ".bin");
    // The environment carries the inputs, so no quoting of them reaches the shell.
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                "-c",
                "printf 'DSSEv1 %d %s %d ' \"${#TYPE}\" \"$TYPE\" \"$(stat -c %s \"$BODY\")\" > \"$OUT\""
                    + " && cat \"$BODY\" >> \"$OUT\"")
            .redirectErrorStream(true);
    builder.environment().put("TYPE", type);
    builder.environment().put("BODY", body.toString());
    builder.environment().put("OUT", out.toString());
    Process bash = builder.start();
    bash.getOutputStream().close();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Files.readAllBytes(out);
  }
}
