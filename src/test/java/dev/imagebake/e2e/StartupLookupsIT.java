package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Look-ups that would open every jar of the class path (docs/startup.md) stay out of a build over
 * SSH through {@code bin/imagebake}: the JDK's first {@code http} URL (its cryptography makes one)
 * finds its handler without asking the jars for a {@code URLStreamHandlerProvider}, and no region
 * time zone asks them for zone rules. Read from the JVM's class-loading log: the service types of
 * those look-ups are loaded only when a look-up runs.
 */
class StartupLookupsIT {
  private static OpenSshServer sshd;

  @TempDir Path work;

  @BeforeAll
  static void startSshd() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopSshd() {
    sshd.close();
  }

  @Test
  void aBuildOverSshLooksUpNoUrlHandlerAndNoZoneRules() throws Exception {
    Path template =
        Files.writeString(
            work.resolve("t.json"),
            """
            {"builders": [%s],
             "provisioners": [{"type": "shell", "inline": ["echo over ssh"]}]}
            """
                .formatted(sshd.nullBuilder()));
    Path classes = work.resolve("classes.log");

    Launcher.Result result =
        Launcher.run(
            work,
            Map.of("IMAGEBAKE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes),
            "build",
            template.toString());

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.stdout()).contains("over ssh");
    String loaded = Files.readString(classes);
    // The cipher of the SSH connection ran: the JDK's cryptography made its http URL.
    assertThat(loaded).contains("javax.crypto.JceSecurity ");
    assertThat(loaded)
        .doesNotContain("java.net.spi.URLStreamHandlerProvider ")
        .doesNotContain("java.time.zone.ZoneRulesProvider ");
  }
}
