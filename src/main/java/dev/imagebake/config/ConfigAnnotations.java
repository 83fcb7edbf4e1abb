package dev.imagebake.config;

import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.RenamedKey;
import dev.imagebake.sdk.config.RenderLater;
import dev.imagebake.sdk.config.Secret;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The annotations of a config record that the binder reads: {@link Doc}, {@link RenamedKey} on the
 * record, {@link Embedded}, {@link RenderLater}, {@link Secret} and {@link OneOf} on its
 * components.
 *
 * <p>Reading annotations by reflection makes the JVM generate a proxy class for every annotation
 * type and parse every annotation of every component, about a tenth of a cold {@code validate}. So
 * the build records the annotations of the config records of imagebake's own plugins in an index
 * ({@link #INDEX}, written by {@link PluginRegistry#writeStartupIndexes} after compiling), and
 * reflection is only used for other records (third-party plugins), when there is no index, or when
 * the indexed components of a record are not those of the class (a class compiled after the index
 * was written).
 *
 * @param doc the record's description, or null
 * @param deprecatedKeys old key → replacement, in declaration order
 * @param components one per record component, in declaration order
 */
record ConfigAnnotations(
    String doc, Map<String, String> deprecatedKeys, List<ComponentAnnotations> components) {

  /** The index's resource name, next to the classes. */
  static final String INDEX = "META-INF/imagebake/config-annotations.bin";

  /**
   * The annotations of one component, with the component's name and raw type to tell whether the
   * index still describes the class.
   *
   * @param oneOf the values of {@link OneOf}, empty without one
   */
  record ComponentAnnotations(
      String name,
      String rawType,
      boolean embedded,
      boolean renderLater,
      boolean secret,
      String doc,
      List<String> oneOf) {
    ComponentAnnotations {
      oneOf = List.copyOf(oneOf);
    }

    boolean describes(RecordComponent c) {
      return name.equals(c.getName()) && rawType.equals(c.getType().getName());
    }
  }

  ConfigAnnotations {
    deprecatedKeys = Collections.unmodifiableMap(new LinkedHashMap<>(deprecatedKeys));
    components = List.copyOf(components);
  }

  /** From the index when it describes {@code type}, else by reflection. */
  static ConfigAnnotations of(Class<? extends Record> type) {
    if ("off".equals(System.getProperty("imagebake.startup.annotationIndex"))) {
      return reflect(type);
    }
    byte[] entry = Index.ENTRIES.get(type.getName());
    return of(type, entry == null ? null : Index.decode(entry));
  }

  /** {@code indexed} when it describes {@code type}, else by reflection. */
  static ConfigAnnotations of(Class<? extends Record> type, ConfigAnnotations indexed) {
    return indexed != null && indexed.describes(type) ? indexed : reflect(type);
  }

  /** Everything the index holds, by class name; empty without an index. */
  static Map<String, ConfigAnnotations> indexed() {
    Map<String, ConfigAnnotations> all = new LinkedHashMap<>();
    Index.ENTRIES.forEach((name, entry) -> all.put(name, Index.decode(entry)));
    return all;
  }

  static ConfigAnnotations reflect(Class<? extends Record> type) {
    Map<String, String> deprecated = new LinkedHashMap<>();
    for (RenamedKey d : type.getAnnotationsByType(RenamedKey.class)) {
      deprecated.put(d.key(), d.use());
    }
    List<ComponentAnnotations> components = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Doc doc = c.getAnnotation(Doc.class);
      OneOf oneOf = c.getAnnotation(OneOf.class);
      components.add(
          new ComponentAnnotations(
              c.getName(),
              c.getType().getName(),
              c.isAnnotationPresent(Embedded.class),
              c.isAnnotationPresent(RenderLater.class),
              c.isAnnotationPresent(Secret.class),
              doc == null ? null : doc.value(),
              oneOf == null ? List.of() : List.of(oneOf.value())));
    }
    Doc doc = type.getAnnotation(Doc.class);
    return new ConfigAnnotations(doc == null ? null : doc.value(), deprecated, components);
  }

  private boolean describes(Class<? extends Record> type) {
    RecordComponent[] actual = type.getRecordComponents();
    if (actual.length != components.size()) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      if (!components.get(i).describes(actual[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index: for each record, its class name and its entry; an entry is decoded only when its
   * record is used (decoding them all would cost a validate more than reflection saves).
   */
  private static final class Index {
    static final Map<String, byte[]> ENTRIES = read();

    private static Map<String, byte[]> read() {
      try (InputStream in = ConfigAnnotations.class.getClassLoader().getResourceAsStream(INDEX)) {
        if (in == null) {
          return Map.of();
        }
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(in.readAllBytes()));
        Map<String, byte[]> entries = new HashMap<>();
        for (int t = data.readInt(); t > 0; t--) {
          String name = data.readUTF();
          entries.put(name, data.readNBytes(data.readInt()));
        }
        return Collections.unmodifiableMap(entries);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + INDEX, e);
      }
    }

    static ConfigAnnotations decode(byte[] entry) {
      try {
        return decode(new DataInputStream(new ByteArrayInputStream(entry)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + INDEX, e);
      }
    }

    private static ConfigAnnotations decode(DataInputStream in) throws IOException {
      String doc = readNullable(in);
      Map<String, String> deprecated = new LinkedHashMap<>();
      for (int d = in.readInt(); d > 0; d--) {
        deprecated.put(in.readUTF(), in.readUTF());
      }
      List<ComponentAnnotations> components = new ArrayList<>();
      for (int c = in.readInt(); c > 0; c--) {
        String component = in.readUTF();
        String rawType = in.readUTF();
        boolean embedded = in.readBoolean();
        boolean renderLater = in.readBoolean();
        boolean secret = in.readBoolean();
        String componentDoc = readNullable(in);
        List<String> oneOf = new ArrayList<>();
        for (int v = in.readInt(); v > 0; v--) {
          oneOf.add(in.readUTF());
        }
        components.add(
            new ComponentAnnotations(
                component, rawType, embedded, renderLater, secret, componentDoc, oneOf));
      }
      return new ConfigAnnotations(doc, deprecated, components);
    }

    private static String readNullable(DataInputStream in) throws IOException {
      return in.readBoolean() ? in.readUTF() : null;
    }
  }

  /**
   * Writes the index of the config records of these plugins (and of the records they contain), by
   * reflection.
   */
  static void writeIndex(PluginRegistry registry, Path file) throws IOException {
    Map<String, ConfigAnnotations> types = new LinkedHashMap<>();
    for (PluginKind kind : PluginKind.values()) {
      for (PluginFactory<?> factory : registry.all(kind).values()) {
        collect(factory.configType(), types);
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(types.size());
      for (Map.Entry<String, ConfigAnnotations> type : types.entrySet()) {
        out.writeUTF(type.getKey());
        byte[] entry = encode(type.getValue());
        out.writeInt(entry.length);
        out.write(entry);
      }
    }
  }

  private static byte[] encode(ConfigAnnotations type) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    writeNullable(out, type.doc());
    out.writeInt(type.deprecatedKeys().size());
    for (Map.Entry<String, String> d : type.deprecatedKeys().entrySet()) {
      out.writeUTF(d.getKey());
      out.writeUTF(d.getValue());
    }
    out.writeInt(type.components().size());
    for (ComponentAnnotations c : type.components()) {
      out.writeUTF(c.name());
      out.writeUTF(c.rawType());
      out.writeBoolean(c.embedded());
      out.writeBoolean(c.renderLater());
      out.writeBoolean(c.secret());
      writeNullable(out, c.doc());
      out.writeInt(c.oneOf().size());
      for (String v : c.oneOf()) {
        out.writeUTF(v);
      }
    }
    return bytes.toByteArray();
  }

  /** {@code type} and every record its components hold, directly or in a list or map. */
  static void collect(Class<? extends Record> type, Map<String, ConfigAnnotations> types) {
    if (types.containsKey(type.getName())) {
      return;
    }
    types.put(type.getName(), reflect(type));
    for (RecordComponent c : type.getRecordComponents()) {
      List<Type> held = new ArrayList<>(List.of(c.getType()));
      if (c.getGenericType() instanceof ParameterizedType p) {
        held.addAll(List.of(p.getActualTypeArguments()));
      }
      for (Type h : held) {
        if (h instanceof Class<?> k && k.isRecord()) {
          collect(k.asSubclass(Record.class), types);
        }
      }
    }
  }

  private static void writeNullable(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeUTF(text);
    }
  }
}
