package dev.imagebake.config;

/**
 * One plugin as {@code imagebake plugins} lists it.
 *
 * @param factoryClass the class named in its {@code META-INF/services} file
 */
public record PluginEntry(PluginKind kind, String type, String factoryClass, PluginSource source) {}
