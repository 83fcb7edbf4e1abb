package dev.imagebake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on an SQLite file (the default store). */
class SqliteRegistryTest extends RegistryContract {
  @TempDir Path dir;
  private int databases;

  @Override
  String freshDatabase() {
    return "sqlite:" + dir.resolve("sub" + ++databases).resolve("registry.db");
  }

  @Test
  void theFirstMigrationLeavesOnlyTheDatabaseFiles() throws Exception {
    String spec = freshDatabase();
    Path db = Path.of(spec.substring("sqlite:".length()));
    try (Registry r = Registry.open(RegistryLocation.parse(spec))) {
      assertThat(r.buckets()).isEmpty();
    }
    try (Stream<Path> files = Files.list(db.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .allMatch(name -> name.startsWith("registry.db"))
          .noneMatch(name -> name.endsWith(".migrating"));
    }
  }

  @Override
  Connection rawConnection(String spec) throws Exception {
    return new org.sqlite.JDBC()
        .connect("jdbc:sqlite:" + spec.substring("sqlite:".length()), new java.util.Properties());
  }
}
