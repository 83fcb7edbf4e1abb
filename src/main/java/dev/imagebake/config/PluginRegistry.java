package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * The plugins imagebake knows, by kind and {@code type}. Built-in and third-party plugins are found
 * the same way, through {@link ServiceLoader} ({@code META-INF/services}). Immutable; a plugin's
 * factory is created when it is first asked for.
 */
public final class PluginRegistry {
  /**
   * The index of the plugins of imagebake's own jar (kind, type, factory class), which the build
   * writes from its {@code META-INF/services} ({@link #writeIndex}).
   */
  static final String INDEX = "META-INF/imagebake/plugins.bin";

  private final Map<PluginKind, SortedMap<String, Plugin>> byKind;

  private PluginRegistry(Map<PluginKind, SortedMap<String, Plugin>> byKind) {
    this.byKind = byKind;
  }

  /** One plugin: its factory, or the factory's class until the factory is first asked for. */
  private static final class Plugin {
    private final String factoryClass;
    private final ClassLoader loader;
    private PluginFactory<?> factory;

    Plugin(PluginFactory<?> factory) {
      this.factoryClass = factory.getClass().getName();
      this.loader = factory.getClass().getClassLoader();
      this.factory = factory;
    }

    Plugin(String factoryClass, ClassLoader loader) {
      this.factoryClass = factoryClass;
      this.loader = loader;
    }

    synchronized PluginFactory<?> factory() {
      if (factory == null) {
        try {
          factory =
              Class.forName(factoryClass, true, loader)
                  .asSubclass(PluginFactory.class)
                  .getConstructor()
                  .newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
          throw new IllegalStateException(
              "cannot create plugin factory " + factoryClass + " (" + INDEX + " is stale?)", e);
        }
      }
      return factory;
    }
  }

  /**
   * The plugins imagebake's own jar declares, from the index the build wrote; without one, from the
   * jar's {@code META-INF/services} ({@link #loadServices}). The index spares a start-up loading
   * and creating every factory, and reading the services files, for the two or three plugins a
   * template uses.
   */
  public static PluginRegistry load() {
    ClassLoader app = PluginRegistry.class.getClassLoader();
    try (InputStream in = app.getResourceAsStream(INDEX)) {
      if (in != null) {
        return readIndex(new DataInputStream(new ByteArrayInputStream(in.readAllBytes())), app);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + INDEX, e);
    }
    return loadServices();
  }

  /**
   * The plugins imagebake's own jar declares in its {@code META-INF/services}. Only that jar's are
   * read: {@link #load(ClassLoader)} with the application class loader opens every jar of the class
   * path to look for them, and reading the directories of the AWS SDK and Bouncy Castle jars
   * (27,000 entries) costs more start-up time than checking a template.
   */
  static PluginRegistry loadServices() {
    ClassLoader app = PluginRegistry.class.getClassLoader();
    CodeSource own = PluginRegistry.class.getProtectionDomain().getCodeSource();
    if (own == null || own.getLocation() == null) {
      return load(app);
    }
    return load(new OwnServices(app, own.getLocation()));
  }

  /**
   * Loads classes like its parent, the application class loader, but finds resources ({@code
   * META-INF/services} files) in one jar or class directory only, without following the jar's
   * {@code Class-Path} as a {@link java.net.URLClassLoader} would.
   */
  private static final class OwnServices extends ClassLoader {
    private final URL location;

    OwnServices(ClassLoader parent, URL location) {
      super(parent);
      this.location = location;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Path path;
      try {
        path = Path.of(location.toURI());
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new IOException("cannot read the plugins of " + location, e);
      }
      URL found = null;
      if (Files.isDirectory(path)) {
        Path file = path.resolve(name);
        found = Files.isRegularFile(file) ? file.toUri().toURL() : null;
      } else {
        try (JarFile jar = new JarFile(path.toFile(), false)) {
          found = jar.getJarEntry(name) == null ? null : new URL("jar:" + location + "!/" + name);
        }
      }
      return Collections.enumeration(found == null ? List.of() : List.of(found));
    }
  }

  /**
   * @throws IllegalStateException when two plugins of one kind claim the same type
   */
  public static PluginRegistry load(ClassLoader loader) {
    List<PluginFactory<?>> factories = new ArrayList<>();
    ServiceLoader.load(BuilderFactory.class, loader).forEach(factories::add);
    ServiceLoader.load(ProvisionerFactory.class, loader).forEach(factories::add);
    ServiceLoader.load(PostProcessorFactory.class, loader).forEach(factories::add);
    ServiceLoader.load(CommunicatorFactory.class, loader).forEach(factories::add);
    return of(factories);
  }

  /**
   * A registry of exactly these factories; one implementing several factory interfaces counts as
   * each kind.
   *
   * @throws IllegalStateException when two plugins of one kind claim the same type
   */
  public static PluginRegistry of(Collection<? extends PluginFactory<?>> factories) {
    Map<PluginKind, SortedMap<String, Plugin>> byKind = emptyKinds();
    for (PluginFactory<?> factory : factories) {
      for (PluginKind kind : PluginKind.values()) {
        if (!kind.factoryType().isInstance(factory)) {
          continue;
        }
        Plugin previous = byKind.get(kind).putIfAbsent(factory.type(), new Plugin(factory));
        if (previous != null && !previous.factoryClass.equals(factory.getClass().getName())) {
          throw new IllegalStateException(
              kind.noun()
                  + " type '"
                  + factory.type()
                  + "' is provided by both "
                  + previous.factoryClass
                  + " and "
                  + factory.getClass().getName());
        }
      }
    }
    return new PluginRegistry(unmodifiable(byKind));
  }

  private static Map<PluginKind, SortedMap<String, Plugin>> emptyKinds() {
    Map<PluginKind, SortedMap<String, Plugin>> byKind = new EnumMap<>(PluginKind.class);
    for (PluginKind kind : PluginKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    return byKind;
  }

  private static Map<PluginKind, SortedMap<String, Plugin>> unmodifiable(
      Map<PluginKind, SortedMap<String, Plugin>> byKind) {
    for (PluginKind kind : PluginKind.values()) {
      byKind.put(kind, Collections.unmodifiableSortedMap(byKind.get(kind)));
    }
    return byKind;
  }

  private static PluginRegistry readIndex(DataInputStream in, ClassLoader loader)
      throws IOException {
    Map<PluginKind, SortedMap<String, Plugin>> byKind = emptyKinds();
    for (int n = in.readInt(); n > 0; n--) {
      PluginKind kind = PluginKind.valueOf(in.readUTF());
      String type = in.readUTF();
      byKind.get(kind).put(type, new Plugin(in.readUTF(), loader));
    }
    return new PluginRegistry(unmodifiable(byKind));
  }

  /** Writes the index {@link #load} reads: kind, type and factory class of every plugin. */
  void writeIndex(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      int count = 0;
      for (SortedMap<String, Plugin> plugins : byKind.values()) {
        count += plugins.size();
      }
      out.writeInt(count);
      for (Map.Entry<PluginKind, SortedMap<String, Plugin>> kind : byKind.entrySet()) {
        for (Map.Entry<String, Plugin> plugin : kind.getValue().entrySet()) {
          out.writeUTF(kind.getKey().name());
          out.writeUTF(plugin.getKey());
          out.writeUTF(plugin.getValue().factoryClass);
        }
      }
    }
  }

  public Optional<BuilderFactory<?>> builder(String type) {
    return find(PluginKind.BUILDER, type).map(f -> (BuilderFactory<?>) f);
  }

  public Optional<ProvisionerFactory<?>> provisioner(String type) {
    return find(PluginKind.PROVISIONER, type).map(f -> (ProvisionerFactory<?>) f);
  }

  public Optional<PostProcessorFactory<?>> postProcessor(String type) {
    return find(PluginKind.POST_PROCESSOR, type).map(f -> (PostProcessorFactory<?>) f);
  }

  public Optional<CommunicatorFactory> communicator(String type) {
    return find(PluginKind.COMMUNICATOR, type).map(CommunicatorFactory.class::cast);
  }

  public Optional<PluginFactory<?>> find(PluginKind kind, String type) {
    Plugin plugin = byKind.get(kind).get(type);
    return plugin == null ? Optional.empty() : Optional.of(plugin.factory());
  }

  /** The plugins of one kind, sorted by type. */
  public SortedMap<String, PluginFactory<?>> all(PluginKind kind) {
    SortedMap<String, PluginFactory<?>> all = new TreeMap<>();
    for (Map.Entry<String, Plugin> plugin : byKind.get(kind).entrySet()) {
      all.put(plugin.getKey(), plugin.getValue().factory());
    }
    return Collections.unmodifiableSortedMap(all);
  }

  /**
   * Why {@code type} cannot be used, for a type {@link #find} did not find: {@code builder type
   * 'virtualbox-iso' is not supported by imagebake yet} for a Packer type imagebake lacks, else
   * {@code unknown builder type 'amazon-ebz'; did you mean 'amazon-ebs'?}.
   */
  public String unknownTypeMessage(PluginKind kind, String type) {
    if (PackerTypes.ALL.get(kind).contains(type)) {
      return kind.noun() + " type '" + type + "' is not supported by imagebake yet";
    }
    TreeSet<String> known = new TreeSet<>(byKind.get(kind).keySet());
    Optional<String> suggestion = DidYouMean.suggest(type, known);
    if (suggestion.isEmpty()) {
      suggestion = DidYouMean.suggest(type, new TreeSet<>(PackerTypes.ALL.get(kind)));
    }
    return "unknown "
        + kind.noun()
        + " type '"
        + type
        + "'"
        + suggestion.map(s -> "; did you mean '" + s + "'?").orElse("");
  }
}
