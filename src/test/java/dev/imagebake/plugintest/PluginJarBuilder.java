package dev.imagebake.plugintest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds plugin jars the way a third-party author does: sources compiled with {@code javax.tools}
 * against the SDK jar alone ({@code target/imagebake-sdk.jar}, which the build makes before the
 * tests), not against imagebake's class path, then packaged with their {@code META-INF/services}.
 */
public final class PluginJarBuilder {
  /** The SDK jar the build packages (pom.xml, execution {@code sdk}). */
  public static final Path SDK_JAR = Path.of("target/imagebake-sdk.jar").toAbsolutePath();

  /** The example third-party plugin's source tree. */
  public static final Path HELLO = Path.of("examples/plugin-hello").toAbsolutePath();

  private PluginJarBuilder() {}

  /** {@code examples/plugin-hello} as {@code jar}, compiled against the SDK jar alone. */
  public static Path helloJar(Path work, Path jar) {
    Path classes = compile(HELLO.resolve("src/main/java"), work.resolve("hello-classes"), SDK_JAR);
    return jar(jar, classes, HELLO.resolve("src/main/resources"));
  }

  /**
   * A plugin from sources given as text: {@code sources} maps a class's binary name to its source,
   * {@code services} maps an SDK factory interface's name to the classes its services file lists.
   * Compiled against {@code classPath} (the SDK jar, unless a test wants more).
   */
  public static Path jar(
      Path work,
      Path jar,
      Map<String, String> sources,
      Map<String, String> services,
      Path classPath) {
    try {
      Path src = Files.createDirectories(work.resolve(jar.getFileName() + "-src"));
      for (Map.Entry<String, String> s : sources.entrySet()) {
        Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.getValue());
      }
      Path resources = Files.createDirectories(work.resolve(jar.getFileName() + "-resources"));
      Path servicesDir = Files.createDirectories(resources.resolve("META-INF/services"));
      for (Map.Entry<String, String> s : services.entrySet()) {
        Files.writeString(servicesDir.resolve(s.getKey()), s.getValue() + "\n");
      }
      Path classes = compile(src, work.resolve(jar.getFileName() + "-classes"), classPath);
      return jar(jar, classes, resources);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles every {@code .java} under {@code sourceRoot} for Java 17 into {@code classes}. */
  public static Path compile(Path sourceRoot, Path classes, Path classPath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--release",
            "17",
            "-proc:none",
            "-Xlint:all",
            "-Werror",
            "-implicit:none",
            "-classpath",
            classPath.toString(),
            "-d",
            classes.toString()));
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
      Files.createDirectories(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        javac.run(null, OutputStream.nullOutputStream(), diagnostics, args.toArray(String[]::new));
    if (status != 0) {
      throw new AssertionError(
          "javac "
              + String.join(" ", args)
              + " failed:\n"
              + diagnostics.toString(StandardCharsets.UTF_8));
    }
    return classes;
  }

  /** Packages {@code classes} and {@code resources} (either may be null) as a jar. */
  public static Path jar(Path jar, Path classes, Path resources) {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try {
      Files.createDirectories(jar.toAbsolutePath().getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
        for (Path root : new Path[] {classes, resources}) {
          if (root == null || !Files.isDirectory(root)) {
            continue;
          }
          List<Path> files;
          try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
          }
          for (Path f : files) {
            out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, out);
            out.closeEntry();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }
}
