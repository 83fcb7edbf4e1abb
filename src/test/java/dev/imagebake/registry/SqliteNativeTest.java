package dev.imagebake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteNativeTest {
  @TempDir Path dir;

  private static Path driverJar() throws Exception {
    return Path.of(
        org.sqlite.JDBC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static byte[] library(Path jar) throws Exception {
    try (JarFile in = new JarFile(jar.toFile());
        InputStream lib =
            in.getInputStream(in.getJarEntry("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"))) {
      return lib.readAllBytes();
    }
  }

  private static String version(Path jar) throws Exception {
    try (JarFile in = new JarFile(jar.toFile());
        InputStream pom =
            in.getInputStream(
                in.getJarEntry("META-INF/maven/org.xerial/sqlite-jdbc/pom.properties"))) {
      Properties p = new Properties();
      p.load(pom);
      return p.getProperty("version");
    }
  }

  @Test
  void theLibraryIsExtractedOnceIntoAFolderNamedAfterTheDriversVersion() throws Exception {
    Path jar = driverJar();
    String version = version(jar);

    Path lib = SqliteNative.cachedCopy(jar, "x86_64", dir);

    assertThat(lib)
        .isEqualTo(dir.resolve("sqlite-jdbc-" + version + "-linux-x86_64/libsqlitejdbc.so"));
    assertThat(Files.readAllBytes(lib)).isEqualTo(library(jar));
    // A copy that is there is used as it is, not extracted again.
    Files.writeString(lib, "kept");
    assertThat(SqliteNative.cachedCopy(jar, "x86_64", dir)).isEqualTo(lib);
    assertThat(Files.readString(lib)).isEqualTo("kept");
    assertThat(Files.list(lib.getParent())).containsExactly(lib);
  }

  @Test
  void aRenamedJarIsKnownByItsMavenMetadata() throws Exception {
    Path renamed = dir.resolve("driver.jar");
    Files.copy(driverJar(), renamed);
    Path cache = dir.resolve("cache");

    Path lib = SqliteNative.cachedCopy(renamed, "x86_64", cache);

    String version = version(renamed);
    assertThat(lib)
        .isEqualTo(cache.resolve("sqlite-jdbc-" + version + "-linux-x86_64/libsqlitejdbc.so"));
    assertThat(Files.readAllBytes(lib)).isEqualTo(library(renamed));
  }

  @Test
  void aJarWithoutTheLibraryGivesNothing() throws Exception {
    Path jar = dir.resolve("sqlite-jdbc-9.9.9.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("org/sqlite/JDBC.class"));
      out.closeEntry();
    }

    assertThat(SqliteNative.cachedCopy(jar, "x86_64", dir.resolve("cache"))).isNull();
    assertThat(dir.resolve("cache")).doesNotExist();
    assertThat(SqliteNative.cachedCopy(dir.resolve("sqlite-jdbc-1.0.jar"), "x86_64", dir)).isNull();
  }
}
