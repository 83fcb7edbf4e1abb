package dev.imagebake.config;

import dev.imagebake.config.PluginRegistry.Collector;
import dev.imagebake.config.PluginRegistry.Plugin;
import dev.imagebake.sdk.PluginFactory;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * The plugins of the jars ({@code *.jar}, in name order) of the plugin directories, found through
 * {@link ServiceLoader} over each jar's {@code META-INF/services}.
 *
 * <p>Each jar gets a class loader of its own, which sees the jar's classes (and the jars its
 * manifest's {@code Class-Path} names), the SDK and the JDK, nothing else of imagebake's: a plugin
 * is written against the SDK alone, bundles its libraries, and cannot clash with another plugin's
 * or with imagebake's versions of them (as Packer's plugins are processes of their own).
 */
final class PluginJars {
  private PluginJars() {}

  static void load(PluginPath path, Collector plugins) {
    for (Path directory : path.directories()) {
      for (Path jar : jars(directory, plugins)) {
        loadJar(jar, plugins);
      }
    }
  }

  /**
   * The jars of a directory; none when it does not exist. Checked with {@link java.io.File}, whose
   * {@code stat} throws nothing: the usual start has no plugin directory, and building the
   * exceptions {@code Files} reports a missing one with costs more than the look-up.
   */
  private static List<Path> jars(Path directory, Collector plugins) {
    File asFile = directory.toFile();
    if (!asFile.isDirectory()) {
      if (asFile.exists()) {
        plugins.problem("plugin directory " + directory + " is not a directory");
      }
      return List.of();
    }
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().endsWith(".jar")) {
          jars.add(entry.toAbsolutePath());
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (NotDirectoryException e) {
      plugins.problem("plugin directory " + directory + " is not a directory");
    } catch (IOException e) {
      plugins.problem("cannot read plugin directory " + directory + ": " + e);
    }
    Collections.sort(jars);
    return jars;
  }

  private static void loadJar(Path jar, Collector plugins) {
    // URLClassLoader skips a jar it cannot open without a word; opening it first says why.
    try (JarFile file = new JarFile(jar.toFile())) {
      file.getManifest();
    } catch (IOException | SecurityException e) {
      plugins.problem("cannot load plugin jar " + jar + ": not a valid jar (" + e + ")");
      return;
    }
    ClassLoader loader;
    try {
      loader = new JarLoader(jar);
    } catch (MalformedURLException e) {
      plugins.problem("cannot load plugin jar " + jar + ": " + e.getMessage());
      return;
    }
    PluginSource source = new PluginSource(jar);
    for (PluginKind kind : PluginKind.values()) {
      try {
        for (PluginFactory<?> factory : ServiceLoader.load(kind.factoryType(), loader)) {
          plugins.add(kind, factory.type(), new Plugin(factory, source));
        }
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        plugins.problem("cannot load plugin jar " + jar + ": " + Failures.reason(e));
        return; // one line per jar: its first problem
      }
    }
  }

  /** One plugin jar: its own classes and services files, and through its parent the SDK. */
  private static final class JarLoader extends URLClassLoader {
    static {
      registerAsParallelCapable();
    }

    JarLoader(Path jar) throws MalformedURLException {
      super("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()}, SdkOnly.INSTANCE);
    }

    /** The jar's own resources only: ServiceLoader must see this jar's services files alone. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return findResources(name);
    }
  }

  /** The SDK's classes from imagebake, everything else from the JDK. */
  private static final class SdkOnly extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    /** Made with the first plugin jar, not at every start. */
    static final SdkOnly INSTANCE = new SdkOnly(PluginJars.class.getClassLoader());

    private final ClassLoader app;

    SdkOnly(ClassLoader app) {
      super("imagebake-sdk", ClassLoader.getPlatformClassLoader());
      this.app = app;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("dev.imagebake.sdk.")) {
        return app.loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }
}
