package dev.imagebake.provisioner.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.RecordingConfigCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProvisionerFactoryTest {
  @TempDir Path dir;

  private List<String> errors(FileProvisionerConfig config) {
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    new FileProvisionerFactory().check(config, check);
    return check.errors();
  }

  @Test
  void reportsEveryMissingKeyAndBadDirectionLikePacker() {
    assertThat(errors(new FileProvisionerConfig(null, null, null, "sideways", null, null)))
        .containsExactly(
            "direction: Direction must be one of: download, upload.",
            "source: Source must be specified.",
            "destination: Destination must be specified.");
  }

  @Test
  void uploadSourcesMustExistUnlessGenerated() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    assertThat(
            errors(
                new FileProvisionerConfig("nope", List.of("a.txt", "b"), "/x", null, null, null)))
        .containsExactly(
            "sources/1: Bad source 'b': stat b: no such file or directory",
            "source: Bad source 'nope': stat nope: no such file or directory");
    assertThat(errors(new FileProvisionerConfig("nope", List.of("b"), "/x", null, true, null)))
        .isEmpty();
  }

  @Test
  void downloadSourcesAndTemplatedSourcesAreNotCheckedHere() {
    assertThat(errors(new FileProvisionerConfig("/etc/x", null, "out/", "download", null, null)))
        .isEmpty();
    assertThat(errors(new FileProvisionerConfig("{{user `f`}}", null, "/x", null, null, null)))
        .isEmpty();
  }

  @Test
  void contentReplacesSourcesButNotBoth() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "a");
    assertThat(errors(new FileProvisionerConfig(null, null, "/x", null, null, "hello"))).isEmpty();
    assertThat(errors(new FileProvisionerConfig("a.txt", null, "/x", null, null, "hello")))
        .containsExactly("content: Cannot specify source file AND content");
    assertThat(errors(new FileProvisionerConfig(null, null, "/x", "download", null, "hello")))
        .containsExactly("content: content can only be uploaded, not downloaded");
  }

  @Test
  void sourceIsAppendedToSources() {
    FileProvisionerConfig c =
        new FileProvisionerConfig("c", List.of("a", "b"), "/x", null, null, null);
    assertThat(c.allSources()).containsExactly("a", "b", "c");
    assertThat(new FileProvisionerFactory().type()).isEqualTo("file");
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(
            java.util.ServiceLoader.load(dev.imagebake.sdk.ProvisionerFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::type))
        .contains(FileProvisionerFactory.class);
  }
}
