package dev.imagebake.registry;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Runs Flyway's versioned migrations; a class of its own so Flyway loads only when needed. */
final class Migrations {
  private Migrations() {}

  static void run(String url, String user, String password, Database.Dialect dialect) {
    try {
      Flyway.configure(Migrations.class.getClassLoader())
          .dataSource(url, user, password)
          .locations("classpath:" + Database.MIGRATIONS + dialect.folder)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new RegistryException(
          "cannot migrate the registry's schema: " + Database.oneLine(e), false, e);
    }
  }
}
