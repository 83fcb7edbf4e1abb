package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTreeTest {
  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void laterItemsMergeIntoDirectoriesAndReplaceFiles() throws IOException {
    write("pb/site.yml", "from playbook_dir");
    write("pb/group_vars/all.yml", "dir all");
    write("pb/group_vars/db.yml", "dir db");
    write("vars/all.yml", "group_vars all");
    write("main.yml", "main");

    Path root;
    try (StagingTree tree = StagingTree.create()) {
      root = tree.root();
      tree.addContents(dir.resolve("pb"));
      tree.add("group_vars", dir.resolve("vars"));
      tree.add("site.yml", dir.resolve("main.yml"));
      tree.add(dir.resolve("main.yml").toString(), dir.resolve("main.yml"));
      tree.write("inventory", "127.0.0.1");

      assertThat(root.resolve("site.yml")).content().isEqualTo("main");
      assertThat(root.resolve("group_vars/all.yml")).content().isEqualTo("group_vars all");
      assertThat(root.resolve("group_vars/db.yml")).content().isEqualTo("dir db");
      assertThat(root.resolve(dir.toString().substring(1) + "/main.yml"))
          .content()
          .isEqualTo("main");
      assertThat(root.resolve("inventory")).content().isEqualTo("127.0.0.1");
    }
    assertThat(root).doesNotExist();
    // The user's files are untouched.
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).hasSize(5);
    }
    assertThat(dir.resolve("pb/group_vars/all.yml")).content().isEqualTo("dir all");
    assertThat(dir.resolve("pb/site.yml")).content().isEqualTo("from playbook_dir");
  }
}
