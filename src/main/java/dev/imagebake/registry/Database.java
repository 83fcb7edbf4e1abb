package dev.imagebake.registry;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.io.LockFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Calendar;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the registry's database and brings its schema to {@link #SCHEMA_VERSION}.
 *
 * <p>Flyway runs the migrations, but only when the schema is behind: reading Flyway's history table
 * first costs a millisecond, while starting Flyway costs about a second of class loading and
 * classpath scanning, which {@code registry get} and a recording build cannot afford.
 */
final class Database {
  /** The highest migration this imagebake has (V{n}__*.sql in both migration folders). */
  static final int SCHEMA_VERSION = 1;

  static final String MIGRATIONS = "dev/imagebake/registry/migration/";

  private Database() {}

  /** Which SQL the database speaks, where the two differ. */
  enum Dialect {
    SQLITE("sqlite", ""),
    POSTGRESQL("postgresql", " FOR UPDATE");

    final String folder;

    /** Appended to the query that locks a bucket row for the rest of a transaction. */
    final String forUpdate;

    Dialect(String folder, String forUpdate) {
      this.folder = folder;
      this.forUpdate = forUpdate;
    }
  }

  /** An open connection and what it speaks. */
  record Opened(Connection connection, Dialect dialect) {}

  /**
   * Connects and migrates.
   *
   * @throws RegistryException when the database is unreachable, unwritable or newer than this
   *     imagebake
   */
  static Opened open(RegistryLocation location) {
    Opened opened = connect(location);
    try {
      int version = schemaVersion(opened.connection());
      if (version < SCHEMA_VERSION) {
        migrate(location, opened.dialect());
        version = schemaVersion(opened.connection());
      }
      if (version > SCHEMA_VERSION) {
        throw new RegistryException(
            "registry "
                + location.describe()
                + " was written by a newer imagebake (schema version "
                + version
                + "; this imagebake knows up to "
                + SCHEMA_VERSION
                + "): upgrade imagebake to use it");
      }
      return opened;
    } catch (RuntimeException e) {
      closeQuietly(opened.connection());
      throw e;
    }
  }

  private static Opened connect(RegistryLocation location) {
    try {
      if (location instanceof RegistryLocation.Sqlite s) {
        Path parent = s.file().toAbsolutePath().getParent();
        try {
          Files.createDirectories(parent);
        } catch (IOException e) {
          throw new RegistryException(
              "cannot create the registry's folder " + parent + ": " + e.getMessage());
        }
        // sqlite-jdbc makes a date format for every connection, and the first one in a process
        // makes the JDK compute its calendar data for the default locale, which is most of a
        // short registry command's own work: computed here on another thread while this one
        // finds the native library and loads the driver, then waited for (the JDK caches it).
        // Switch-off (docs/startup.md): -Dimagebake.startup.registryCalendar=off.
        CompletableFuture<?> calendar =
            "off".equals(System.getProperty("imagebake.startup.registryCalendar"))
                ? CompletableFuture.completedFuture(null)
                : Background.run(
                    "registry-calendar",
                    () -> Calendar.getInstance(TimeZone.getDefault(), Locale.getDefault()));
        // The process's own environment: where this user's cache is, whoever called.
        SqliteNative.useCachedCopy(System.getenv());
        org.sqlite.JDBC driver = new org.sqlite.JDBC();
        // A warm-up only: whatever it ended with, the connection makes its own calendar.
        calendar.handle((done, failed) -> null).join();
        Connection c = driver.connect(sqliteUrl(s), sqliteProperties());
        return new Opened(c, Dialect.SQLITE);
      }
      RegistryLocation.Postgres p = (RegistryLocation.Postgres) location;
      Properties props = new Properties();
      if (p.user() != null) {
        props.setProperty("user", p.user());
      }
      if (p.password() != null) {
        props.setProperty("password", p.password());
      }
      props.setProperty("connectTimeout", "10");
      props.setProperty("ApplicationName", "imagebake");
      Connection c = new org.postgresql.Driver().connect(p.jdbcUrl(), props);
      if (c == null) {
        throw RegistryException.usage("not a PostgreSQL URL: " + p.describe());
      }
      return new Opened(c, Dialect.POSTGRESQL);
    } catch (SQLException e) {
      throw new RegistryException(
          "cannot open the registry " + location.describe() + ": " + oneLine(e), false, e);
    }
  }

  static String sqliteUrl(RegistryLocation.Sqlite s) {
    return "jdbc:sqlite:" + s.file().toAbsolutePath();
  }

  /**
   * WAL lets readers run beside a writer; IMMEDIATE transactions take the write lock when they
   * begin, so concurrent writers queue (busy_timeout) instead of failing on upgrade.
   */
  static Properties sqliteProperties() {
    Properties props = new Properties();
    props.setProperty("journal_mode", "WAL");
    props.setProperty("synchronous", "NORMAL");
    props.setProperty("busy_timeout", "60000");
    props.setProperty("transaction_mode", "IMMEDIATE");
    props.setProperty("foreign_keys", "true");
    return props;
  }

  /** The highest successful migration applied, 0 for an empty database. */
  static int schemaVersion(Connection c) {
    try (Statement st = c.createStatement()) {
      if (!historyExists(c)) {
        return 0;
      }
      int max = 0;
      try (ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history")) {
        while (rs.next()) {
          String v = rs.getString(1);
          if (v != null && rs.getBoolean(2)) {
            max = Math.max(max, Integer.parseInt(v.split("\\.")[0]));
          }
        }
      }
      return max;
    } catch (SQLException e) {
      throw new RegistryException("cannot read the registry's schema version: " + oneLine(e));
    }
  }

  private static boolean historyExists(Connection c) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
      return rs.next();
    }
  }

  private static void migrate(RegistryLocation location, Dialect dialect) {
    // Flyway logs its progress through SLF4J at INFO, which reaches only the debug log
    // (dev.imagebake.log): without PACKER_LOG only warnings are written.
    if (location instanceof RegistryLocation.Sqlite s) {
      // Flyway takes no lock on SQLite: two first runs at once would both create the tables.
      // The lock file goes when released, so none is left beside the database.
      Path lock = s.file().toAbsolutePath().resolveSibling(s.file().getFileName() + ".migrating");
      try (LockFiles.Held held = new LockFiles().acquire(lock, Cancellation.never())) {
        Migrations.run(sqliteUrl(s), null, null, dialect);
      } catch (IOException e) {
        throw new RegistryException("cannot lock " + lock + ": " + e.getMessage());
      }
    } else {
      RegistryLocation.Postgres p = (RegistryLocation.Postgres) location;
      Migrations.run(p.jdbcUrl(), p.user(), p.password(), dialect);
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing to do: the connection is gone either way.
    }
  }
}
