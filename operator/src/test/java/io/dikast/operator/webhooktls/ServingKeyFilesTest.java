package io.dikast.operator.webhooktls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServingKeyFilesTest {

  @TempDir Path directory;

  private final ServingPair first = ServingPair.issue();
  private final ServingPair second = ServingPair.issue();

  @Test
  void loadsThePairTheFilesHold() throws IOException {
    ServingKeyFiles files = write(first);

    ServingKey key = files.load();

    assertThat(key.leaf()).isEqualTo(first.issued().certificate());
    assertThat(key.key()).isEqualTo(first.issued().key());
  }

  @Test
  void seesNoChangeInFilesRewrittenWithTheSameContent() throws IOException {
    ServingKeyFiles files = write(first);
    files.load();

    write(first);
    Files.setLastModifiedTime(certificate(), FileTime.from(Instant.now().plusSeconds(60)));

    assertThat(files.changed()).isEmpty();
    assertThat(files.changed()).isEmpty();
  }

  @Test
  void servesChangedFilesOnceUnderANewAlias() throws IOException {
    ServingKeyFiles files = write(first);
    ServingKey loaded = files.load();

    write(second);

    assertThat(files.changed())
        .hasValueSatisfying(
            next -> {
              assertThat(next.leaf()).isEqualTo(second.issued().certificate());
              assertThat(next.alias()).isNotEqualTo(loaded.alias());
            });
    assertThat(files.changed()).isEmpty();
  }

  @Test
  void waitsForTheCertificateOfANewKeyWrittenBeforeIt() throws IOException {
    ServingKeyFiles files = write(first);
    files.load();

    Files.writeString(key(), second.keyPem(), StandardCharsets.US_ASCII);
    assertThat(files.changed()).isEmpty();
    assertThat(files.changed()).isEmpty();

    Files.writeString(certificate(), second.certificatePem(), StandardCharsets.US_ASCII);
    assertThat(files.changed())
        .hasValueSatisfying(
            next -> assertThat(next.leaf()).isEqualTo(second.issued().certificate()));
  }

  @Test
  void keepsServingWhenTheFilesVanishForAMoment() throws IOException {
    ServingKeyFiles files = write(first);
    files.load();

    Files.delete(certificate());

    assertThat(files.changed()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "ec -pkeyopt ec_paramgen_curve:P-256, ec, EC PRIVATE KEY",
    "rsa:2048, rsa -traditional, RSA PRIVATE KEY"
  })
  void readsTheTraditionalKeyFormsOfOpenssl(String newKey, String convert, String pemType)
      throws Exception {
    openssl(
        "req -x509 -newkey "
            + newKey
            + " -nodes -subj /CN=localhost -days 1"
            + " -keyout pkcs8.key -out tls.crt");
    openssl(convert + " -in pkcs8.key -out tls.key");
    assertThat(Files.readString(key())).startsWith("-----BEGIN " + pemType + "-----");

    ServingKey served = new ServingKeyFiles(certificate(), key()).load();

    assertThat(served.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
  }

  @Test
  void refusesToStartWithAKeyOfAnotherCertificate() throws IOException {
    Files.writeString(certificate(), first.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(key(), second.keyPem(), StandardCharsets.US_ASCII);
    ServingKeyFiles files = new ServingKeyFiles(certificate(), key());

    assertThatThrownBy(files::load)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The private key does not belong to the certificate");
  }

  private ServingKeyFiles write(ServingPair pair) throws IOException {
    Files.writeString(key(), pair.keyPem(), StandardCharsets.US_ASCII);
    Files.writeString(certificate(), pair.certificatePem(), StandardCharsets.US_ASCII);
    return new ServingKeyFiles(certificate(), key());
  }

  private Path certificate() {
    return directory.resolve("tls.crt");
  }

  private Path key() {
    return directory.resolve("tls.key");
  }

  private void openssl(String arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(arguments.split(" ")));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }
}
