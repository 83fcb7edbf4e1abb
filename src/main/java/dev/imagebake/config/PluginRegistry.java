package dev.imagebake.config;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plugins imagebake knows, by kind and {@code type}. Built-in and third-party plugins are found
 * the same way, through {@link ServiceLoader} ({@code META-INF/services}). Immutable.
 */
public final class PluginRegistry {
  private final Map<PluginKind, SortedMap<String, PluginFactory<?>>> byKind;

  private PluginRegistry(Map<PluginKind, SortedMap<String, PluginFactory<?>>> byKind) {
    this.byKind = byKind;
  }

  /** The plugins visible to this class's loader. */
  public static PluginRegistry load() {
    return load(PluginRegistry.class.getClassLoader());
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
