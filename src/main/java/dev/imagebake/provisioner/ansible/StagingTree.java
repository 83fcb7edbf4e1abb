package dev.imagebake.provisioner.ansible;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local mirror of the remote staging directory, made of symbolic links to what the template
 * names, so that everything goes up in one tree transfer (which follows links) instead of Packer's
 * {@code mkdir} plus upload per item. Items are laid over each other in Packer's upload order:
 * where two directories meet, their contents merge; where anything else meets, the later item wins,
 * as the later upload would overwrite the earlier one on the machine. The user's files are never
 * written: links are replaced by real directories only inside this tree.
 */
final class StagingTree implements AutoCloseable {
  private final Path root;

  private StagingTree(Path root) {
    this.root = root;
  }

  static StagingTree create() throws IOException {
    return new StagingTree(Files.createTempDirectory("imagebake-ansible-"));
  }

  /** The directory to upload (its contents go into the staging directory). */
  Path root() {
    return root;
  }

  /** Lays the contents of {@code dir} over the staging root ({@code playbook_dir}). */
  void addContents(Path dir) throws IOException {
    for (Path child : list(dir)) {
      place(root.resolve(child.getFileName().toString()), child);
    }
  }

  /** Puts {@code source} (a file or directory) at {@code relative} inside the staging root. */
  void add(String relative, Path source) throws IOException {
    Path target = target(relative);
    makeParents(target);
    place(target, source.toAbsolutePath());
  }

  /** Writes a generated file at {@code relative}. */
  void write(String relative, String content) throws IOException {
    Path target = target(relative);
    makeParents(target);
    removeTree(target);
    Files.writeString(target, content, StandardCharsets.UTF_8);
  }

  private Path target(String relative) {
    Path target = root.resolve(relative.replaceFirst("^/+", "")).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IllegalArgumentException("not inside the staging directory: " + relative);
    }
    return target;
  }

  private void place(Path target, Path source) throws IOException {
    if (Files.isDirectory(target) && Files.isDirectory(source)) {
      materialize(target);
      for (Path child : list(source)) {
        place(target.resolve(child.getFileName().toString()), child);
      }
      return;
    }
    removeTree(target);
    Files.createSymbolicLink(target, source);
  }

  /** Makes every ancestor of {@code target} below the root a real directory of this tree. */
  private void makeParents(Path target) throws IOException {
    Path dir = root;
    for (Path name : root.relativize(target.getParent())) {
      dir = dir.resolve(name);
      if (Files.isDirectory(dir)) {
        materialize(dir);
      } else {
        removeTree(dir);
        Files.createDirectory(dir);
      }
    }
  }

  /** Replaces a link to a directory by a directory of links to its entries. */
  private static void materialize(Path dir) throws IOException {
    if (!Files.isSymbolicLink(dir)) {
      return;
    }
    Path linked = dir.toRealPath();
    Files.delete(dir);
    Files.createDirectory(dir);
    for (Path child : list(linked)) {
      Files.createSymbolicLink(dir.resolve(child.getFileName().toString()), child);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.sorted().toList();
    }
  }

  /** Deletes {@code path} and, if it is a real directory, what is in it; never follows links. */
  private static void removeTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes the tree (the links, not what they point to). */
  @Override
  public void close() throws IOException {
    removeTree(root);
  }
}
