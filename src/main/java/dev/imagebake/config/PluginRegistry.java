package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.io.IOException;
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
 * the same way, through {@link ServiceLoader} ({@code META-INF/services}). Immutable.
 */
public final class PluginRegistry {
  private final Map<PluginKind, SortedMap<String, PluginFactory<?>>> byKind;

  private PluginRegistry(Map<PluginKind, SortedMap<String, PluginFactory<?>>> byKind) {
    this.byKind = byKind;
  }

  /**
   * The plugins imagebake's own jar declares. Only that jar's {@code META-INF/services} are read:
   * {@link #load(ClassLoader)} with the application class loader opens every jar of the class path
   * to look for them, and reading the directories of the AWS SDK and Bouncy Castle jars (27,000
   * entries) costs more start-up time than checking a template.
   */
  public static PluginRegistry load() {
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
    return of(factories);
  }

  /**
   * A registry of exactly these factories; one implementing several factory interfaces counts as
   * each kind.
   *
   * @throws IllegalStateException when two plugins of one kind claim the same type
   */
  public static PluginRegistry of(Collection<? extends PluginFactory<?>> factories) {
    Map<PluginKind, SortedMap<String, PluginFactory<?>>> byKind = new EnumMap<>(PluginKind.class);
    for (PluginKind kind : PluginKind.values()) {
      byKind.put(kind, new TreeMap<>());
    }
    for (PluginFactory<?> factory : factories) {
      for (PluginKind kind : PluginKind.values()) {
        if (!kind.factoryType().isInstance(factory)) {
          continue;
        }
        PluginFactory<?> previous = byKind.get(kind).putIfAbsent(factory.type(), factory);
        if (previous != null && previous.getClass() != factory.getClass()) {
          throw new IllegalStateException(
              kind.noun()
                  + " type '"
                  + factory.type()
                  + "' is provided by both "
                  + previous.getClass().getName()
                  + " and "
                  + factory.getClass().getName());
        }
      }
    }
    byKind.replaceAll((k, v) -> Collections.unmodifiableSortedMap(v));
    return new PluginRegistry(byKind);
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

  public Optional<PluginFactory<?>> find(PluginKind kind, String type) {
    return Optional.ofNullable(byKind.get(kind).get(type));
  }

  /** The plugins of one kind, sorted by type. */
  public SortedMap<String, PluginFactory<?>> all(PluginKind kind) {
    return byKind.get(kind);
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
