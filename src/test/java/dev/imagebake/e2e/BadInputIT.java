package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No input makes imagebake print a stack trace: each gets a located message and exit 1, through the
 * launcher as a user runs it.
 */
class BadInputIT {
  @TempDir Path work;

  private void assertCleanFailure(Launcher.Result r) {
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.stderr()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "build", "inspect"})
  void emptyFile(String command) throws Exception {
    Path t = Files.writeString(work.resolve("empty.json"), "");
    Launcher.Result r = Launcher.run(work, command, t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("empty.json");
  }

  @Test
  void binaryGarbage() throws Exception {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    Path t = Files.write(work.resolve("garbage.json"), junk);
    assertCleanFailure(Launcher.run(work, "validate", t.toString()));
  }

  @Test
  void aMegabyteOfNesting() throws Exception {
    Path t = work.resolve("deep.json");
    byte[] open = "[".repeat(500 * 1024).getBytes(StandardCharsets.US_ASCII);
    byte[] close = "]".repeat(500 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (var out = Files.newOutputStream(t)) {
      out.write(open);
      out.write(close);
    }
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("deep.json:1:");
  }

  @Test
  void wrongTypesEverywhere() throws Exception {
    Path t =
        Files.writeString(
            work.resolve("types.json"),
            """
            {"variables": {"a": 5, "b": [1]},
             "builders": [{"type": "null", "ssh_port": {}, "ssh_pty": "yes", "ssh_timeout": "30"}],
             "provisioners": [{"type": "shell", "inline": 7, "pause_before": "abc"}],
             "post-processors": [5]}
            """);
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("types.json:1:");
  }

  @Test
  void aDirectoryWithoutTemplates() throws Exception {
    // validate DIR checks every template under it; with none it is a usage error.
    Launcher.Result r = Launcher.run(work, "validate", work.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
    assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.stderr()).contains("no *.json template under the directory");
  }

  @Test
  void anUnreadableFile() throws Exception {
    Path t = Files.writeString(work.resolve("secret.json"), "{}");
    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("---------"));
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    // root reads anything; the point is that neither case throws.
    assertThat(r.all()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void aMissingFile() throws Exception {
    Launcher.Result r = Launcher.run(work, "validate", "nope.json");
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("nope.json").contains("no such file or directory");
  }

  @Test
  void aBadFlagIsAUsageError() throws Exception {
    Launcher.Result r = Launcher.run(work, "validate", "-bogus", "x.json");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr()).contains("-bogus").doesNotContain("\tat ");
  }

  private static final String TEMPLATE =
      """
      {"variables": {"password": ""}, "sensitive-variables": ["password"],
       "builders": [{"type": "null", "communicator": "none"}]}
      """;

  /** One line naming the file and what it is, at once (no read that blocks or never ends). */
  private void assertRefusedAtOnce(Launcher.Result r, String file, String why) {
    assertCleanFailure(r);
    assertThat(r.stderr()).contains(file + ": error: read " + file + ": " + why);
    assertThat(r.stderr().lines().filter(l -> l.contains("error")).count())
        .as(r.stderr())
        .isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/zero", "/dev/urandom", "/dev/null"})
  void aDeviceIsNoTemplateOrVarFile(String device) throws Exception {
    Path t = Files.writeString(work.resolve("t.json"), TEMPLATE);
    assertRefusedAtOnce(
        Launcher.run(work, "validate", device), device, "not a regular file (a character device)");
    assertRefusedAtOnce(
        Launcher.run(work, "validate", "-var-file", device, t.toString()),
        device,
        "not a regular file (a character device)");
  }

  @Test
  void aFifoIsNoTemplateOrVarFile() throws Exception {
    Path t = Files.writeString(work.resolve("t.json"), TEMPLATE);
    Path fifo = work.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    // Nobody writes to it: reading it would block for ever.
    assertRefusedAtOnce(
        Launcher.run(work, "validate", fifo.toString()),
        fifo.toString(),
        "not a regular file (a FIFO)");
    assertRefusedAtOnce(
        Launcher.run(work, "build", "-var-file", fifo.toString(), t.toString()),
        fifo.toString(),
        "not a regular file (a FIFO)");
  }

  @Test
  void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
    Path t = Files.writeString(work.resolve("t.json"), TEMPLATE);
    Path huge = work.resolve("huge.json");
    try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(16L << 30); // sparse: 16 GiB that take no disk
    }
    String why = "larger than 1 MiB, the limit for templates and var-files";
    assertRefusedAtOnce(Launcher.run(work, "validate", huge.toString()), huge.toString(), why);
    assertRefusedAtOnce(
        Launcher.run(work, "build", "-var-file", huge.toString(), t.toString()),
        huge.toString(),
        why);
  }

  @Test
  void aVarFileThatIsNotJsonIsNeverQuoted() throws Exception {
    Path t = Files.writeString(work.resolve("t.json"), TEMPLATE);
    Path vars =
        Files.writeString(
            work.resolve("secrets.vars"), "password = \"hunter2-sw0rdfish\"\n{\"x\": ]\n");
    for (String command : new String[] {"validate", "build"}) {
      Launcher.Result r = Launcher.run(work, command, "-var-file", vars.toString(), t.toString());
      assertCleanFailure(r);
      assertThat(r.stderr()).contains(vars + ":1:1: error: Error reading variables in");
      assertThat(r.all())
          .doesNotContain("hunter2")
          .doesNotContain("sw0rdfish")
          .doesNotContain("'p'");
    }
  }

  @Test
  void variablesThatDoubleEachOtherStopAtTheCap() throws Exception {
    StringBuilder vars = new StringBuilder("\"a\": \"xx\"");
    String previous = "a";
    for (int i = 0; i < 40; i++) {
      vars.append(", \"v%d\": \"{{user `%s`}}{{user `%s`}}\"".formatted(i, previous, previous));
      previous = "v" + i;
    }
    Path t =
        Files.writeString(
            work.resolve("double.json"),
            "{\"variables\": {"
                + vars
                + "}, \"builders\": [{\"type\": \"null\","
                + " \"communicator\": \"none\"}]}");
    // (inspect shows the defaults unrendered, as Packer does.)
    for (String command : new String[] {"validate", "build"}) {
      Launcher.Result r = Launcher.run(work, command, t.toString());
      assertCleanFailure(r);
      assertThat(r.stderr())
          .contains("error interpolating default value for 'v19'")
          .contains("the rendered value is longer than 1 Mi characters");
      assertThat(r.all().length()).as("output size").isLessThan(10_000);
    }
  }

  @Test
  void deeplyNestedTemplateExpressionsAreAnError() throws Exception {
    String deep = "{{if true}}".repeat(5000) + "x" + "{{end}}".repeat(5000);
    Path t =
        Files.writeString(
            work.resolve("deep.json"),
            "{\"variables\": {\"x\": \""
                + deep
                + "\"}, \"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}");
    Launcher.Result r = Launcher.run(work, "validate", t.toString());
    assertCleanFailure(r);
    assertThat(r.stderr()).contains("deep.json:1:").contains("max expression depth exceeded");
  }

  @Test
  void anInternalErrorIsOneLineAndExit3() throws Exception {
    // Out of memory stands for any bug: a 1 MiB array of numbers needs more than 24 MiB of heap.
    Path t = work.resolve("numbers.json");
    Files.writeString(
        t,
        "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}], \"_\": ["
            + "0,".repeat(500 * 1024)
            + "0]}");
    Map<String, String> small = Map.of("IMAGEBAKE_JAVA_OPTS", "-Xmx24m");
    Launcher.Result r = Launcher.run(work, small, "validate", t.toString());
    assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
    assertThat(r.stderr().strip())
        .as("one line")
        .doesNotContain("\n")
        .startsWith("imagebake: internal error: java.lang.OutOfMemoryError")
        .endsWith("rerun with --stacktrace and report it");
    Launcher.Result traced = Launcher.run(work, small, "validate", "--stacktrace", t.toString());
    assertThat(traced.exitCode()).isEqualTo(3);
    assertThat(traced.stderr()).contains("\tat ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "inspect", "version"})
  void shortCommandsRunWithABoundedHeap(String command) throws Exception {
    Path t = Files.writeString(work.resolve("t.json"), TEMPLATE);
    Launcher.Result r =
        Launcher.run(
            work,
            Map.of("IMAGEBAKE_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
            command.equals("version")
                ? new String[] {command}
                : new String[] {command, t.toString()});
    String line =
        r.stdout().lines().filter(l -> l.contains(" MaxHeapSize ")).findFirst().orElseThrow();
    long max = Long.parseLong(line.replaceAll(".*= *(\\d+).*", "$1"));
    assertThat(max).as(line).isLessThanOrEqualTo(256L << 20);
  }
}
