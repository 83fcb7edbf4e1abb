package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretFilterTest {
  @Test
  void masksLongestSecretFirst() {
    SecretFilter f = new SecretFilter(Set.of("pass", "password123"));
    assertThat(f.mask("a password123 b pass c")).isEqualTo("a <sensitive> b <sensitive> c");
  }

  @Test
  void ignoresEmptySecretsAndAcceptsLateOnes() {
    SecretFilter f = new SecretFilter(Set.of(""));
    f.add("tok");
    f.add(null);
    assertThat(f.mask("x tok y")).isEqualTo("x <sensitive> y");
  }

  @Test
  void masksEveryTextOfAnEvent() {
    SecretFilter f = new SecretFilter(Set.of("s3cr3t"));
    Event masked =
        f.mask(new Event.Line(Instant.EPOCH, Event.LineKind.SAY, "b", null, "key=s3cr3t"));
    assertThat(((Event.Line) masked).text()).isEqualTo("key=<sensitive>");
  }

  @Test
  void masksEachLineOfAMultiLineSecret() {
    String key =
        "-----BEGIN OPENSSH PRIVATE KEY-----\r\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
            + "  QyNTUxOQAAACDl2xWmHcnQ  \n"
            + "}\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";
    SecretFilter f = new SecretFilter(Set.of(key));
    // A script that prints the key: its output reaches the filter one line at a time.
    assertThat(key.lines().map(l -> f.mask("out: " + l)))
        .containsExactly(
            "out: <sensitive>",
            "out: <sensitive>",
            "out:   <sensitive>  ",
            "out: }",
            "out: <sensitive>");
    assertThat(f.mask("k=" + key)).isEqualTo("k=<sensitive>");
    assertThat(f.mask("a } b")).as("short lines are not masked everywhere").isEqualTo("a } b");
  }
}
