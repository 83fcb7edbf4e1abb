package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plugins imagebake knows, by kind and type. Every plugin, built in or not, declares itself the
 * {@link java.util.ServiceLoader} way, in {@code
 * META-INF/services/dev.imagebake.sdk.BuilderFactory} and the like, and is looked for in three
 * places, in this order:
 *
 * <ol>
 *   <li>imagebake's own jar (or class directory): the factories its services files name. So that a
 *       start creates only the factories a template uses, they are read from an index the build
 *       wrote next to the classes ({@link OwnPlugins}); a cache only, used while it names exactly
 *       the classes the jar's services files name, else the jar's plugins are loaded through {@code
 *       ServiceLoader};
 *   <li>the rest of the class path, through {@code ServiceLoader}, when there is any beyond that
 *       jar (not with {@code bin/imagebake}: its class path is the jar and the libraries its
 *       manifest names, which the build checked declare no plugin);
 *   <li>every {@code *.jar} of the plugin directories ({@link PluginPath}), through {@code
 *       ServiceLoader} over a class loader per jar that sees the jar, the SDK and the JDK ({@link
 *       PluginJars}).
 * </ol>
 *
 * <p>A jar that cannot be loaded and two plugins of one kind claiming one type are refused, all of
 * them in one {@link PluginLoadException}. Immutable; a built-in plugin's factory is created when
 * it is first asked for (the others were created to learn their types).
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

  /**
   * One plugin: where it came from and its factory, or the factory's class until the factory is
   * first asked for.
   */
  static final class Plugin {
    private final String factoryClass;
    private final ClassLoader loader;
    private final PluginSource source;
    private PluginFactory<?> factory;

    Plugin(PluginFactory<?> factory, PluginSource source) {
      this.factoryClass = factory.getClass().getName();
      this.loader = factory.getClass().getClassLoader();
      this.source = source;
      this.factory = factory;
    }

    Plugin(String factoryClass, ClassLoader loader, PluginSource source) {
      this.factoryClass = factoryClass;
      this.loader = loader;
      this.source = source;
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
          // The index was checked against the services files, so this is a broken build.
          throw new IllegalStateException("cannot create plugin factory " + factoryClass, e);
        }
      }
      return factory;
    }

    String describe() {
      return source.builtIn()
          ? "imagebake itself (" + factoryClass + ")"
          : source + " (" + factoryClass + ")";
    }
  }

  /** Gathers plugins and problems while they are looked for, in order of precedence. */
  static final class Collector {
    private final Map<PluginKind, SortedMap<String, Plugin>> byKind = emptyKinds();
    private final List<String> problems = new ArrayList<>();

    /** Adds a plugin; a second one claiming the type of another of its kind is a problem. */
    void add(PluginKind kind, String type, Plugin plugin) {
      if (type == null || type.isBlank()) {
        problem(kind.noun() + " " + plugin.describe() + " claims no type");
        return;
      }
      Plugin previous = byKind.get(kind).putIfAbsent(type, plugin);
      if (previous != null
          && !(previous.factoryClass.equals(plugin.factoryClass)
              && previous.source.equals(plugin.source))) {
        problem(
            kind.noun()
                + " type '"
                + type
                + "' is provided by both "
                + previous.describe()
                + " and "
                + plugin.describe());
      }
    }

    void problem(String line) {
      problems.add(line);
    }

    /**
     * @throws PluginLoadException with every problem found
     */
    PluginRegistry registry() {
      if (!problems.isEmpty()) {
        throw new PluginLoadException(problems);
      }
      return new PluginRegistry(unmodifiable(byKind));
    }
  }

  /**
   * imagebake's own plugins and those of the rest of the class path: no plugin directory. For the
   * build's tools and tests; the commands use {@link #load(Map)}.
   *
   * @throws PluginLoadException when a plugin cannot be loaded or two claim one type
   */
  public static PluginRegistry load() {
    return load(PluginPath.NONE);
  }

  /**
   * Every plugin: imagebake's own, the rest of the class path's, and those of the plugin
   * directories the environment names ({@link PluginPath#from}).
   *
   * @throws PluginLoadException when a plugin jar cannot be loaded or two plugins claim one type
   */
  public static PluginRegistry load(Map<String, String> env) {
    return load(PluginPath.from(env));
  }

  /**
   * @throws PluginLoadException when a plugin jar cannot be loaded or two plugins claim one type
   */
  public static PluginRegistry load(PluginPath path) {
    Collector plugins = new Collector();
    OwnPlugins.load(plugins);
    OwnPlugins.loadRestOfClassPath(plugins);
    PluginJars.load(path, plugins);
    return plugins.registry();
  }

  /**
   * The plugins imagebake's own jar declares in its {@code META-INF/services}, each factory created
   * through {@link java.util.ServiceLoader}: what the index must list.
   */
  static PluginRegistry loadServices() {
    Collector plugins = new Collector();
    OwnPlugins.loadServices(plugins);
    return plugins.registry();
  }

  /**
   * A registry of exactly these factories, all counted as built in; one implementing several
   * factory interfaces counts as each kind.
   *
   * @throws PluginLoadException when two plugins of one kind claim the same type
   */
  public static PluginRegistry of(Collection<? extends PluginFactory<?>> factories) {
    Collector plugins = new Collector();
    for (PluginFactory<?> factory : factories) {
      for (PluginKind kind : PluginKind.values()) {
        if (kind.factoryType().isInstance(factory)) {
          plugins.add(kind, factory.type(), new Plugin(factory, PluginSource.BUILT_IN));
        }
      }
    }
    return plugins.registry();
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
    Map<PluginKind, SortedMap<String, Plugin>> copy = new EnumMap<>(PluginKind.class);
    for (Map.Entry<PluginKind, SortedMap<String, Plugin>> kind : byKind.entrySet()) {
      copy.put(kind.getKey(), Collections.unmodifiableSortedMap(kind.getValue()));
    }
    return copy;
  }

  /**
   * Build time only, run by {@code dev.imagebake.buildtools.StartupIndexes} after compiling: writes
   * under the class output directory what start-up reads instead of creating every plugin's factory
   * and of reflection, the plugin index ({@link #INDEX}) and the config records' annotations
   * ({@link ConfigAnnotations#INDEX}), each in the format its reader here expects. It must run on
   * the class path of the packaged jar (the classes and the runtime dependencies).
   *
   * @param classes the class output directory
   * @throws IllegalStateException when a dependency declares a plugin: {@code bin/imagebake} looks
   *     for plugins on the class path only in imagebake's own jar ({@link
   *     OwnPlugins#loadRestOfClassPath})
   */
  public static void writeStartupIndexes(Path classes) throws IOException {
    List<Path> others = OwnPlugins.providersElsewhere();
    if (!others.isEmpty()) {
      throw new IllegalStateException(
          "dependencies declare imagebake plugins, which bin/imagebake would not look for: "
              + others);
    }
    PluginRegistry plugins = loadServices();
    plugins.writeIndex(classes.resolve(INDEX));
    ConfigAnnotations.writeIndex(plugins, classes.resolve(ConfigAnnotations.INDEX));
  }

  /** Writes the index {@link OwnPlugins} reads: kind, type and factory class of every plugin. */
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

  /** The communicator a builder block's {@code communicator} key names, e.g. {@code ssh}. */
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
   * Every plugin with where it came from, by kind then type, without creating a factory that was
   * not created yet.
   */
  public List<PluginEntry> entries() {
    List<PluginEntry> entries = new ArrayList<>();
    byKind.forEach(
        (kind, plugins) ->
            plugins.forEach(
                (type, plugin) ->
                    entries.add(new PluginEntry(kind, type, plugin.factoryClass, plugin.source))));
    return Collections.unmodifiableList(entries);
  }

  /**
   * Why {@code type} cannot be used, for a type {@link #find} did not find: {@code builder type
   * 'virtualbox-iso' is not supported by imagebake yet} for a Packer type imagebake lacks, else
   * {@code unknown builder type 'amazon-ebz'; did you mean 'amazon-ebs'?}.
   */
  public String unknownTypeMessage(PluginKind kind, String type) {
    TreeSet<String> packer = new TreeSet<>(PackerTypes.ALL.getOrDefault(kind, Set.of()));
    if (packer.contains(type)) {
      return kind.noun() + " type '" + type + "' is not supported by imagebake yet";
    }
    TreeSet<String> known = new TreeSet<>(byKind.get(kind).keySet());
    Optional<String> suggestion = DidYouMean.suggest(type, known);
    if (suggestion.isEmpty()) {
      suggestion = DidYouMean.suggest(type, packer);
    }
    return "unknown "
        + kind.noun()
        + " type '"
        + type
        + "'"
        + suggestion.map(s -> "; did you mean '" + s + "'?").orElse("");
  }
}
