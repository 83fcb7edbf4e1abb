package dev.imagebake.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.ui.SecretFilter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogSinkTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private LogSink sink(Map<String, String> env) {
    return new LogSink(LogSettings.of(env), () -> out, ZoneOffset.UTC);
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** As Packer: any value but "" and "0" turns the log on; IMAGEBAKE_LOG is our name for it. */
  @Test
  void theEnvironmentTurnsTheDebugLogOnAsPackerDoes() {
    assertThat(LogSettings.of(Map.of()).threshold()).isEqualTo(Level.WARN);
    assertThat(LogSettings.of(Map.of("PACKER_LOG", "0")).threshold()).isEqualTo(Level.WARN);
    assertThat(LogSettings.of(Map.of("PACKER_LOG", "")).threshold()).isEqualTo(Level.WARN);
    assertThat(LogSettings.of(Map.of("PACKER_LOG", "yes")).threshold()).isEqualTo(Level.DEBUG);
    assertThat(LogSettings.of(Map.of("IMAGEBAKE_LOG", "1")).threshold()).isEqualTo(Level.DEBUG);
    assertThat(LogSettings.of(Map.of("IMAGEBAKE_LOG", "trace")).threshold()).isEqualTo(Level.TRACE);
    // PACKER_LOG_PATH alone does not turn the log on (Packer's behaviour).
    assertThat(LogSettings.of(Map.of("PACKER_LOG_PATH", "/tmp/x")))
        .isEqualTo(new LogSettings(Level.WARN, null));
    assertThat(LogSettings.of(Map.of("PACKER_LOG", "1", "PACKER_LOG_PATH", "/tmp/x")).path())
        .isEqualTo(Path.of("/tmp/x"));
  }

  /** Ours at DEBUG, the SSH exchange at DEBUG, other libraries from INFO, key material never. */
  @Test
  void librariesLogLessAndKeyMaterialNever() {
    LogSettings on = LogSettings.of(Map.of("PACKER_LOG", "1"));
    assertThat(on.thresholdFor("dev.imagebake.engine.StepLog")).isEqualTo(Level.DEBUG);
    assertThat(on.thresholdFor("net.schmizz.sshj.userauth.UserAuthImpl")).isEqualTo(Level.DEBUG);
    assertThat(on.thresholdFor("net.schmizz.concurrent.Promise")).isEqualTo(Level.INFO);
    assertThat(on.thresholdFor("com.hierynomus.asn1.ASN1InputStream")).isEqualTo(Level.WARN);
    LogSettings trace = LogSettings.of(Map.of("IMAGEBAKE_LOG", "trace"));
    assertThat(trace.thresholdFor("dev.imagebake.engine.StepLog")).isEqualTo(Level.TRACE);
    assertThat(trace.thresholdFor("net.schmizz.concurrent.Promise")).isEqualTo(Level.DEBUG);
    assertThat(trace.thresholdFor("net.schmizz.sshj.transport.Decoder")).isEqualTo(Level.WARN);
    assertThat(LogSettings.of(Map.of()).thresholdFor("dev.imagebake.engine.StepLog"))
        .isEqualTo(Level.WARN);
  }

  @Test
  void everyLineIsTimeStampedAndMasked() {
    LogSink sink = sink(Map.of("PACKER_LOG", "1"));
    SecretFilter secrets = new SecretFilter(Set.of("hunter2"));
    sink.maskWith(secrets);
    secrets.add("tok-123"); // added later, as plugins do while they run
    sink.write(
        Level.DEBUG,
        "dev.imagebake.communicator.ssh.SshCommunicator",
        "starting remote command: X=hunter2 \\\n  Y=tok-123 /tmp/script.sh",
        null);
    assertThat(text())
        .matches(
            "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[DEBUG\\] communicator.ssh: starting"
                + " remote command: X=<sensitive> \\\\\n"
                + "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\[DEBUG\\] communicator.ssh:   Y=<sensitive>"
                + " /tmp/script.sh\n");
  }

  @Test
  void offItWritesWarningsOnly() {
    LogSink sink = sink(Map.of());
    SinkLogger logger = new SinkLogger("net.schmizz.sshj.Transport", sink);
    assertThat(logger.isDebugEnabled()).isFalse();
    logger.debug("not {}", "shown");
    logger.warn("shown {}", 1);
    assertThat(text()).endsWith("[WARN] net.schmizz.sshj.Transport: shown 1\n");
  }
}
