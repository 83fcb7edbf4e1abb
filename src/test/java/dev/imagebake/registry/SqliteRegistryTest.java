package dev.imagebake.registry;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on an SQLite file (the default store). */
class SqliteRegistryTest extends RegistryContract {
  @TempDir Path dir;
  private int databases;

  @Override
  String freshDatabase() {
    return "sqlite:" + dir.resolve("sub" + ++databases).resolve("registry.db");
  }

  @Override
  Connection rawConnection(String spec) throws Exception {
    return new org.sqlite.JDBC()
        .connect("jdbc:sqlite:" + spec.substring("sqlite:".length()), new java.util.Properties());
  }
}
