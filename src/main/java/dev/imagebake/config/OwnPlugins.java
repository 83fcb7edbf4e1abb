package dev.imagebake.config;

import dev.imagebake.config.PluginRegistry.Collector;
import dev.imagebake.config.PluginRegistry.Plugin;
import dev.imagebake.sdk.PluginFactory;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The plugins of imagebake's own jar (or class directory), and of the rest of the class path.
 *
 * <p>Creating every factory to learn its type costs a start-up loading ~20 classes, for the two or
 * three plugins a template uses; so the build writes an index of the jar's plugins (kind, type,
 * factory class; {@link PluginRegistry#INDEX}). It is a cache only: it is used when it names
 * exactly the classes the jar's {@code META-INF/services} files name, which costs reading four
 * small entries of a jar the JVM has open already; any difference (a class compiled after the index
 * was written) and the jar's plugins are found through {@link ServiceLoader} instead.
 */
final class OwnPlugins {
  private OwnPlugins() {}

  private static final ClassLoader APP = OwnPlugins.class.getClassLoader();

  /** Own plugins, from the index when it is true to the services files, else ServiceLoader. */
  static void load(Collector plugins) {
    Map<PluginKind, Map<String, String>> indexed = currentIndex();
    if (indexed == null) {
      loadServices(plugins);
      return;
    }
    for (Map.Entry<PluginKind, Map<String, String>> kind : indexed.entrySet()) {
      for (Map.Entry<String, String> type : kind.getValue().entrySet()) {
        plugins.add(
            kind.getKey(), type.getKey(), new Plugin(type.getValue(), APP, PluginSource.BUILT_IN));
      }
    }
  }

  /** Whether the index names exactly the classes own services files name (and so is used). */
  static boolean indexIsCurrent() {
    return currentIndex() != null;
  }

  /** The index, when it names exactly the classes own services files name; else null. */
  private static Map<PluginKind, Map<String, String>> currentIndex() {
    Path own = ownLocation();
    if (own == null || "off".equals(System.getProperty("imagebake.startup.pluginIndex"))) {
      return null;
    }
    Map<PluginKind, Map<String, String>> indexed = readIndex();
    return indexed != null && classes(indexed).equals(declared(own)) ? indexed : null;
  }

  /**
   * Own plugins through {@link ServiceLoader}, over the services files of own jar only: looking
   * them up through the application class loader would open every jar of the class path (the AWS
   * SDK's and Bouncy Castle's directories alone are 27,000 entries), which costs more start-up time
   * than checking a template.
   */
  static void loadServices(Collector plugins) {
    Path own = ownLocation();
    ClassLoader loader = own == null ? APP : new OwnServices(APP, own);
    for (PluginKind kind : PluginKind.values()) {
      try {
        for (PluginFactory<?> factory : ServiceLoader.load(kind.factoryType(), loader)) {
          plugins.add(kind, factory.type(), new Plugin(factory, PluginSource.BUILT_IN));
        }
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        plugins.problem("cannot load imagebake's own " + kind.noun() + "s: " + Failures.reason(e));
      }
    }
  }

  /**
   * The plugins of the class path beyond own jar, through {@link ServiceLoader} over the whole
   * class path. Skipped when the class path is own jar alone, as {@code java -jar} makes it: the
   * libraries its manifest adds are imagebake's dependencies, which the build checked declare no
   * plugin ({@link PluginRegistry#writeStartupIndexes}, at build time).
   */
  static void loadRestOfClassPath(Collector plugins) {
    Path own = ownLocation();
    if (own != null
        && classPathIsOnly(own)
        && !"off".equals(System.getProperty("imagebake.startup.ownJarOnly"))) {
      return;
    }
    for (PluginKind kind : PluginKind.values()) {
      try {
        for (ServiceLoader.Provider<? extends PluginFactory<?>> provider :
            ServiceLoader.load(kind.factoryType(), APP).stream().toList()) {
          Path from = locationOf(provider.type().getProtectionDomain().getCodeSource());
          if (from != null && from.equals(own)) {
            continue;
          }
          PluginFactory<?> factory = provider.get();
          PluginSource source = from == null ? PluginSource.BUILT_IN : new PluginSource(from);
          plugins.add(kind, factory.type(), new Plugin(factory, source));
        }
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        plugins.problem(
            "cannot load a " + kind.noun() + " plugin of the class path: " + Failures.reason(e));
      }
    }
  }

  /** Where the plugins of the class path that are not in own jar are (null: unknown). */
  static List<Path> providersElsewhere() {
    Path own = ownLocation();
    List<Path> foreign = new ArrayList<>();
    for (PluginKind kind : PluginKind.values()) {
      for (ServiceLoader.Provider<? extends PluginFactory<?>> provider :
          ServiceLoader.load(kind.factoryType(), APP).stream().toList()) {
        Path from = locationOf(provider.type().getProtectionDomain().getCodeSource());
        if (from == null || !from.equals(own)) {
          foreign.add(from);
        }
      }
    }
    return foreign;
  }

  private static boolean classPathIsOnly(Path own) {
    String classPath = System.getProperty("java.class.path", "");
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      try {
        if (!Path.of(entry).toAbsolutePath().normalize().equals(own)) {
          return false;
        }
      } catch (InvalidPathException e) {
        return false;
      }
    }
    return true;
  }

  /** Own jar or class directory; null when the JVM does not say. */
  static Path ownLocation() {
    return locationOf(OwnPlugins.class.getProtectionDomain().getCodeSource());
  }

  private static Path locationOf(CodeSource source) {
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The factory classes the index lists, by kind. */
  private static Map<PluginKind, Set<String>> classes(
      Map<PluginKind, Map<String, String>> indexed) {
    Map<PluginKind, Set<String>> classes = emptyKinds();
    for (Map.Entry<PluginKind, Map<String, String>> kind : indexed.entrySet()) {
      classes.get(kind.getKey()).addAll(kind.getValue().values());
    }
    return classes;
  }

  /** The factory classes own services files name, by kind. */
  private static Map<PluginKind, Set<String>> declared(Path own) {
    Map<PluginKind, Set<String>> declared = emptyKinds();
    try {
      if (Files.isDirectory(own)) {
        for (PluginKind kind : PluginKind.values()) {
          Path file = own.resolve(servicesFile(kind));
          if (Files.isRegularFile(file)) {
            parse(Files.readString(file, StandardCharsets.UTF_8), declared.get(kind));
          }
        }
      } else {
        // The JVM shares the open jar's central directory with this JarFile, so this is cheap.
        try (JarFile jar = new JarFile(own.toFile(), false)) {
          for (PluginKind kind : PluginKind.values()) {
            JarEntry entry = jar.getJarEntry(servicesFile(kind));
            if (entry != null) {
              try (InputStream in = jar.getInputStream(entry)) {
                parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), declared.get(kind));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the services files of " + own, e);
    }
    return declared;
  }

  static String servicesFile(PluginKind kind) {
    return "META-INF/services/" + kind.factoryType().getName();
  }

  /** A services file's class names: one a line, {@code #} starts a comment (ServiceLoader's). */
  private static void parse(String text, Set<String> into) {
    for (String line : text.split("\n")) {
      int comment = line.indexOf('#');
      String name = (comment < 0 ? line : line.substring(0, comment)).strip();
      if (!name.isEmpty()) {
        into.add(name);
      }
    }
  }

  private static Map<PluginKind, Set<String>> emptyKinds() {
    Map<PluginKind, Set<String>> byKind = new EnumMap<>(PluginKind.class);
    for (PluginKind kind : PluginKind.values()) {
      byKind.put(kind, new LinkedHashSet<>());
    }
    return byKind;
  }

  /** The index: type → factory class by kind; null without one. */
  private static Map<PluginKind, Map<String, String>> readIndex() {
    try (InputStream stream = APP.getResourceAsStream(PluginRegistry.INDEX)) {
      if (stream == null) {
        return null;
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream.readAllBytes()));
      Map<PluginKind, Map<String, String>> indexed = new EnumMap<>(PluginKind.class);
      for (int n = in.readInt(); n > 0; n--) {
        PluginKind kind = PluginKind.valueOf(in.readUTF());
        String type = in.readUTF();
        Map<String, String> types = indexed.get(kind);
        if (types == null) {
          types = new LinkedHashMap<>();
          indexed.put(kind, types);
        }
        types.put(type, in.readUTF());
      }
      return indexed;
    } catch (IOException | IllegalArgumentException e) {
      return null; // an unreadable cache is no cache
    }
  }

  /**
   * Loads classes like its parent, the application class loader, but finds resources ({@code
   * META-INF/services} files) in own jar or class directory only, without following the jar's
   * {@code Class-Path} as a {@link java.net.URLClassLoader} would.
   */
  private static final class OwnServices extends ClassLoader {
    private final Path location;

    OwnServices(ClassLoader parent, Path location) {
      super(parent);
      this.location = location;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      URL found = null;
      if (Files.isDirectory(location)) {
        Path file = location.resolve(name);
        found = Files.isRegularFile(file) ? file.toUri().toURL() : null;
      } else {
        try (JarFile jar = new JarFile(location.toFile(), false)) {
          found =
              jar.getJarEntry(name) == null
                  ? null
                  : new URL("jar:" + location.toUri() + "!/" + name);
        }
      }
      return Collections.enumeration(found == null ? List.of() : List.of(found));
    }
  }
}
