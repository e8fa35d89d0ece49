package io.dikast.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs {@code java -jar quickstart/target/dikast-quickstart.jar} as a newcomer would. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class QuickstartIT {

  private static final Path JAR = Path.of(System.getProperty("dikast.quickstart.jar"));
  private static final Pattern WORKSPACE = Pattern.compile("runs under (\\S+) and is removed");
  private static final Pattern GRAFEAS_PORT = Pattern.compile("REST on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern WEBHOOK_PORT =
      Pattern.compile("https://127\\.0\\.0\\.1:(\\d+)/validate");

  private Process quickstart;
  private final List<String> transcript = new ArrayList<>();
  private final List<ProcessHandle> children = new ArrayList<>();

  @AfterEach
  void stopWhatIsLeft() {
    if (quickstart != null) {
      quickstart.descendants().forEach(ProcessHandle::destroyForcibly);
      quickstart.destroyForcibly();
    }
  }

  @Test
  void playsTheStoryAndLeavesNothingRunningOrWritten() throws Exception {
    start();
    readUntil(line -> false);
    int exitCode = quickstart.waitFor();

    String text = String.join("\n", transcript);
    assertThat(exitCode).as(text).isZero();
    assertThat(text)
        .contains(
            "=> DENIED: image gcr.io/hightowerlabs/payment@sha256:"
                + "aba48d60ba4410ec921f9d2e8169236c57660d121f9430dc9758d754eec8f887 denied by"
                + " ImageSecurityPolicy payments/qa-only: no valid attestation by authority qa"
                + " (qa: no attestation occurrence for this digest)")
        .contains("=> ADMITTED: pod \"payment\" created")
        .contains("=> ADMITTED with a warning")
        .contains(
            "admitted under break-glass despite ImageSecurityPolicy payments/qa-only: no valid"
                + " attestation by authority qa")
        .contains("Every step ended as the story says.");
    assertNothingLeft(text);
  }

  @Test
  void stopsItsServicesAndRemovesItsFilesWhenInterrupted() throws Exception {
    start();
    readUntil(line -> line.contains("The webhook answers on"));

    quickstart.destroy();
    int exitCode = quickstart.waitFor();

    assertThat(exitCode).isNotZero();
    assertNothingLeft(String.join("\n", transcript));
  }

  private void start() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    quickstart = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true).start();
  }

  /**
   * Reads the transcript until {@code stop} holds for a line, noting the children once both run.
   */
  private void readUntil(java.util.function.Predicate<String> stop) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(quickstart.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      transcript.add(line);
      if (line.contains("The webhook answers on")) {
        children.addAll(quickstart.descendants().toList());
      }
      if (stop.test(line)) {
        return;
      }
    }
  }

  private void assertNothingLeft(String text) {
    assertThat(children).as("the Grafeas server and the operator, seen running").hasSize(2);
    assertThat(children).noneMatch(ProcessHandle::isAlive);
    assertThat(Files.exists(Path.of(find(WORKSPACE, text)))).isFalse();
    assertThat(listening(Integer.parseInt(find(GRAFEAS_PORT, text)))).isFalse();
    assertThat(listening(Integer.parseInt(find(WEBHOOK_PORT, text)))).isFalse();
  }

  private static String find(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
    return matcher.group(1);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
