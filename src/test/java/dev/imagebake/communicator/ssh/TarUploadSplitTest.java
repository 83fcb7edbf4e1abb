package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarUploadSplitTest {
  @Test
  void everyFileGoesOnceAndEveryPartCreatesItsFilesParentsFirst(@TempDir Path dir)
      throws Exception {
    for (int d = 0; d < 7; d++) {
      Path sub = Files.createDirectories(dir.resolve("d" + d + "/inner"));
      for (int f = 0; f < 10 + d * 13; f++) {
        Files.writeString(sub.resolve("f" + f), "x".repeat(f * 1000));
        Files.writeString(dir.resolve("d" + d + "/g" + f), "y");
      }
    }
    List<TarUpload.Entry> all = TarUpload.list(dir);
    for (int n = 1; n <= 4; n++) {
      List<List<TarUpload.Entry>> parts = TarUpload.split(all, n);
      assertThat(parts).hasSize(n);
      Set<String> files = new HashSet<>();
      for (List<TarUpload.Entry> part : parts) {
        Set<String> dirs = new HashSet<>();
        for (TarUpload.Entry entry : part) {
          String parent = entry.name().contains("/") ? entry.name().replaceAll("/[^/]*$", "") : "";
          assertThat(parent.isEmpty() || dirs.contains(parent)).as(entry.name()).isTrue();
          if (entry.size() < 0) {
            dirs.add(entry.name());
          } else {
            assertThat(files.add(entry.name())).as("sent twice: " + entry.name()).isTrue();
          }
        }
      }
      assertThat(files).hasSize((int) all.stream().filter(e -> e.size() >= 0).count());
    }
  }
}
