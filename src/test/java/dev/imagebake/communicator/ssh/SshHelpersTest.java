package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.go.GoDuration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure pieces: line splitting, pins, durations, quoting, paths. */
class SshHelpersTest {
  @Test
  void lineSplitterHandlesSplitWritesProgressBarsAndMultiByteCharacters() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] text =
        "a\r\nprogress 1\rprogress 2\r\nh\u00e9llo\nrest".getBytes(StandardCharsets.UTF_8);
    for (byte b : text) {
      splitter.write(new byte[] {b}, 0, 1); // worst case: one byte at a time
    }
    splitter.close();
    assertThat(lines).containsExactly("a", "progress 2", "h\u00e9llo", "rest");
  }

  @Test
  void lineSplitterKeepsEmptyLines() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] text = "one\n\ntwo\n".getBytes(StandardCharsets.UTF_8);
    splitter.write(text, 0, text.length);
    splitter.close();
    assertThat(lines).containsExactly("one", "", "two");
  }

  @Test
  void lineSplitterCutsLongLinesAtMost64KiBKeepingCharactersAndShortTailsWhole() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    // 100 000 two-byte characters, then a short trailer (think: an end-of-command marker).
    byte[] text = ("\u00e9".repeat(100_000) + "END-MARKER\n").getBytes(StandardCharsets.UTF_8);
    for (int off = 0; off < text.length; off += 4093) {
      splitter.write(text, off, Math.min(4093, text.length - off));
    }
    splitter.close();
    assertThat(lines).hasSizeGreaterThan(1);
    assertThat(lines)
        .allSatisfy(
            l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(65536));
    assertThat(String.join("", lines)).isEqualTo("\u00e9".repeat(100_000) + "END-MARKER");
    assertThat(lines.get(lines.size() - 1)).endsWith("END-MARKER");
  }

  @Test
  void lineSplitterKeepsOnlyTheLastProgressBarStateInMemory() {
    List<String> lines = new ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    byte[] update = ("x".repeat(1000) + "\r").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 1000; i++) {
      splitter.write(update, 0, update.length); // 1 MB of updates of one terminal line
    }
    byte[] end = "done\n".getBytes(StandardCharsets.UTF_8);
    splitter.write(end, 0, end.length);
    splitter.close();
    assertThat(lines).containsExactly("done");
  }

  @Test
  void patternsStayPatternsAndEverythingElseLiteral() {
    assertThat(Shell.quotePattern("/tmp/a b/x")).isEqualTo("'/tmp/a b/x'");
    assertThat(Shell.quotePattern("/tmp/a b/*.log")).isEqualTo("'/tmp/a b/'*'.log'");
    assertThat(Shell.quotePattern("~/$(id)/[ab]?")).isEqualTo("~/'$(id)/'['ab']?");
    assertThat(Shell.quotePattern("~/d/*")).isEqualTo("~/'d/'*");
  }

  @Test
  void hostKeyPinsAcceptFingerprintsAndKeyLines() {
    String blob = "AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g";
    HostKeyPolicy.Pinned fromLine = HostKeys.parsePin("ssh-ed25519 " + blob + " comment");
    HostKeyPolicy.Pinned fromKnownHosts = HostKeys.parsePin("[10.0.0.1]:22 ssh-ed25519 " + blob);
    assertThat(fromLine.keyType()).isEqualTo("ssh-ed25519");
    assertThat(fromLine.fingerprint())
        .startsWith("SHA256:")
        .isEqualTo(fromKnownHosts.fingerprint());

    assertThat(
            HostKeys.parsePin("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=").fingerprint())
        .isEqualTo("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU");
    assertThatThrownBy(() -> HostKeys.parsePin("ssh-rsa " + blob))
        .hasMessage("the key data is for ssh-ed25519, not ssh-rsa");
    assertThatThrownBy(() -> HostKeys.parsePin("SHA256:not base64!"))
        .hasMessage("the SHA256 fingerprint is not valid base64");
  }

  @Test
  void durationsPrintLikeGo() {
    assertThat(GoDuration.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
    assertThat(GoDuration.format(Duration.ofMinutes(60))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void remotePathsAreQuotedButKeepTheHomeTilde() {
    assertThat(Shell.quotePath("/tmp/a b")).isEqualTo("'/tmp/a b'");
    assertThat(Shell.quotePath("/tmp/it's")).isEqualTo("'/tmp/it'\\''s'");
    assertThat(Shell.quotePath("~/dir")).isEqualTo("~/'dir'");
    assertThat(Shell.quotePath("~")).isEqualTo("~");
  }

  @Test
  void terminalPromptsAskTheUi() {
    List<String> asked = new ArrayList<>();
    dev.imagebake.sdk.Ui answering =
        new dev.imagebake.sdk.Ui() {
          @Override
          public void say(String text) {
            asked.add("say " + text);
          }

          @Override
          public void message(String text) {}

          @Override
          public void error(String text) {}

          @Override
          public java.util.Optional<String> ask(String prompt) {
            asked.add("ask " + prompt);
            return java.util.Optional.of("123456");
          }
        };
    TerminalPrompts prompts = new TerminalPrompts(answering, "jump:22");
    prompts.init(null, "", "Enter your one-time code\n");
    assertThat(prompts.getResponse("Code: ", false)).containsExactly('1', '2', '3', '4', '5', '6');
    assertThat(asked)
        .containsExactly("say jump:22: Enter your one-time code", "ask jump:22: Code:");

    TerminalPrompts noTerminal = new TerminalPrompts(new dev.imagebake.testing.RecordingUi(), "h");
    assertThat(noTerminal.getResponse("Code: ", false)).isEmpty();
  }

  @Test
  void parentDirectoryLikeGosFilepathDir() {
    assertThat(ScpFiles.parent("/t/a.txt")).isEqualTo("/t");
    assertThat(ScpFiles.parent("/a.txt")).isEqualTo("/");
    assertThat(ScpFiles.parent("a.txt")).isEqualTo(".");
  }
}
