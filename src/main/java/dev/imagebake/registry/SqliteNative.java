package dev.imagebake.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final String LIBRARY = "libsqlitejdbc.so";
  private static final Pattern VERSIONED_JAR = Pattern.compile("sqlite-jdbc-(\\d[\\w.]*)\\.jar");

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
    Path jar = driverJar();
    if (jar == null) {
      return;
    }
    String cache = env.getOrDefault("XDG_CACHE_HOME", "");
    Path base =
        !cache.isEmpty() && Path.of(cache).isAbsolute()
            ? Path.of(cache)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
    Path lib = cachedCopy(jar, arch, base.resolve("imagebake"));
    if (lib != null) {
      System.setProperty(PATH, lib.getParent().toString());
      System.setProperty(NAME, lib.getFileName().toString());
    }
  }

  /**
   * The driver's native library for {@code arch}, extracted from {@code jar} into a folder of
   * {@code cache} named after the driver's version, unless it is there already; null when the jar
   * has none or it cannot be written.
   *
   * <p>The jar is read directly, and only when the copy is missing: a look-up through the class
   * loader opens every jar before the one that answers (docs/startup.md, "Class-path look-ups").
   */
  static Path cachedCopy(Path jar, String arch, Path cache) {
    String name = jar.getFileName().toString();
    Matcher versioned = VERSIONED_JAR.matcher(name);
    try {
      if (versioned.matches()) {
        Path lib = folder(cache, versioned.group(1), arch).resolve(LIBRARY);
        return Files.isRegularFile(lib) ? lib : extract(jar, arch, lib);
      }
      // Renamed or repackaged: the version comes from the jar's Maven metadata.
      try (JarFile in = new JarFile(jar.toFile())) {
        JarEntry pom = in.getJarEntry("META-INF/maven/org.xerial/sqlite-jdbc/pom.properties");
        if (pom == null) {
          return null;
        }
        Properties p = new Properties();
        try (InputStream stream = in.getInputStream(pom)) {
          p.load(stream);
        }
        String version = p.getProperty("version");
        if (version == null) {
          return null;
        }
        Path lib = folder(cache, version, arch).resolve(LIBRARY);
        return Files.isRegularFile(lib) ? lib : extract(jar, arch, lib);
      }
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static Path folder(Path cache, String version, String arch) {
    return cache.resolve("sqlite-jdbc-" + version + "-linux-" + arch);
  }

  private static Path extract(Path jar, String arch, Path lib) throws IOException {
    try (JarFile in = new JarFile(jar.toFile())) {
      JarEntry entry = in.getJarEntry("org/sqlite/native/Linux/" + arch + "/" + LIBRARY);
      if (entry == null) {
        return null;
      }
      Files.createDirectories(lib.getParent());
      Path tmp = Files.createTempFile(lib.getParent(), "libsqlitejdbc", ".tmp");
      try (InputStream stream = in.getInputStream(entry)) {
        Files.copy(stream, tmp, StandardCopyOption.REPLACE_EXISTING);
        // Atomic: a concurrent run sees the whole file or none.
        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return lib;
    }
  }

  /** The jar the driver was loaded from, or null (a folder of classes, a jar in a jar, ...). */
  private static Path driverJar() {
    try {
      CodeSource source = org.sqlite.JDBC.class.getProtectionDomain().getCodeSource();
      if (source == null || !"file".equals(source.getLocation().getProtocol())) {
        return null;
      }
      Path jar = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(jar) ? jar : null;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }
}
