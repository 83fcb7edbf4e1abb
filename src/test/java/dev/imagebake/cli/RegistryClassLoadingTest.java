package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up cost: {@code validate} (measured, run on every commit) and a build without the registry
 * load no registry, JDBC or Flyway class; a build with {@code --registry} does (so the check can
 * fail).
 */
class RegistryClassLoadingTest {
  private static final String REGISTRY_CLASSES =
      "(?s).*(dev\\.imagebake\\.registry\\.|org\\.sqlite\\.|org\\.postgresql\\.|org\\.flywaydb\\.).*";

  /**
   * JDBC's API: the plain validate loads none of it; picocli's built-in converters (every other
   * command line) load a few of its interfaces by reflection anyway.
   */
  private static final String JDBC = "(?s).* java\\.sql\\..*";

  @TempDir Path dir;

  @Test
  void validateAndAPlainBuildLoadNoRegistryClass() throws Exception {
    Path t =
        Files.writeString(
            dir.resolve("t.json"),
            """
            {"builders": [{"type": "file", "content": "x", "target": "%s"}]}
            """
                .formatted(dir.resolve("out.txt")));
    assertThat(loaded("validate", t.toString())).doesNotMatch(REGISTRY_CLASSES).doesNotMatch(JDBC);
    assertThat(loaded("validate", "-syntax-only", t.toString())).doesNotMatch(REGISTRY_CLASSES);
    assertThat(loaded("build", t.toString())).doesNotMatch(REGISTRY_CLASSES);
    assertThat(loaded("build", "--registry", t.toString()))
        .contains("dev.imagebake.registry.Registry ", "org.sqlite.JDBC ");
  }

  /** The classes a real JVM loads for the command, one per line. */
  private String loaded(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-Xlog:class+load=info:file=" + dir.resolve("classes.txt"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile());
    pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
    pb.environment().remove("IMAGEBAKE_REGISTRY");
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("out.log"))).isZero();
    return Files.readString(dir.resolve("classes.txt"), StandardCharsets.UTF_8);
  }
}
