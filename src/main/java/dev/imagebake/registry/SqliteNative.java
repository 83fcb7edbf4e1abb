package dev.imagebake.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * Points sqlite-jdbc at a copy of its native library kept in the user's cache ({@code
 * $XDG_CACHE_HOME/imagebake}, default {@code ~/.cache}), extracted once. By itself sqlite-jdbc
 * extracts the library from its jar into a new temporary file on every run, which is a large part
 * of a short registry command's time. Anywhere this cannot work (not glibc Linux on x86_64 or
 * aarch64, no writable cache, the property already set), sqlite-jdbc's own way is left alone.
 */
final class SqliteNative {
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";

  private SqliteNative() {}

  static synchronized void useCachedCopy(Map<String, String> env) {
    if (System.getProperty(PATH) != null
        || !System.getProperty("os.name").equals("Linux")
        || "off".equals(System.getProperty("imagebake.startup.sqliteCache"))) {
      return;
    }
    String arch =
        switch (System.getProperty("os.arch")) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch64";
          default -> null;
        };
    if (arch == null || Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1"))) {
      return;
    }
    String version = version();
    if (version == null) {
      return;
    }
    String cache = env.getOrDefault("XDG_CACHE_HOME", "");
    Path base =
        !cache.isEmpty() && Path.of(cache).isAbsolute()
            ? Path.of(cache)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    Path dir = base.resolve("imagebake").resolve("sqlite-jdbc-" + version + "-linux-" + arch);
    Path lib = dir.resolve("libsqlitejdbc.so");
    try {
      if (!Files.isRegularFile(lib)) {
        String resource = "/org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so";
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
          if (in == null) {
            return;
          }
          Files.createDirectories(dir);
          Path tmp = Files.createTempFile(dir, "libsqlitejdbc", ".tmp");
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          // Atomic: a concurrent run sees the whole file or none.
          Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException | SecurityException e) {
      return;
    }
    System.setProperty(PATH, dir.toString());
    System.setProperty(NAME, lib.getFileName().toString());
  }

  private static String version() {
    try (InputStream in =
        org.sqlite.JDBC.class.getResourceAsStream(
            "/META-INF/maven/org.xerial/sqlite-jdbc/pom.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }
}
