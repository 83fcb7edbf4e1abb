package dev.imagebake.config;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.vocabulary.Vocabulary;
import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Locations;
import dev.imagebake.diag.Severity;
import dev.imagebake.diag.SourceRef;
import dev.imagebake.sdk.CommunicatorFactory;
import dev.imagebake.sdk.PluginFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one plugin block of a template into the plugin's config record, Packer's way:
 *
 * <ol>
 *   <li>the raw block is validated against the plugin's JSON Schema (unknown and renamed keys,
 *       values of the wrong type);
 *   <li>every string is rendered with the {@link ValueRenderer}, except the keys marked {@code
 *       RenderLater}, whose syntax is only checked;
 *   <li>the values are bound with Packer's weak conversions ({@code "22"} for an integer, a
 *       comma-separated string for a list, ...);
 *   <li>the plugin's own rules ({@link PluginFactory#check}) run on the bound record. When some
 *       keys have errors of their own, the record is bound without them (as if absent) and the
 *       rules still run, so one run reports the rest of the block too ({@link PartialRules}).
 * </ol>
 *
 * <p>Every problem is reported, each at its place in the template. The caller removes the keys the
 * core consumes ({@code name}, {@code only}, {@code override}, ...) first; {@code type} and keys
 * starting with {@code packer_} are ignored here, as in Packer. Compiled schemas are cached per
 * config type; an instance is safe to share between threads.
 */
public final class ConfigBinder {
  private final BlockRules rules;
  private final Map<Class<?>, SchemaCheck> checks = new ConcurrentHashMap<>();
  private final Map<Class<?>, RecordModel> models = new ConcurrentHashMap<>();
  private volatile SchemaRegistry registry;

  /** Resolves relative paths against the process's working directory, {@code ~} to its home. */
  public ConfigBinder() {
    this(Path.of(System.getProperty("user.dir")), Path.of(System.getProperty("user.home")));
  }

  /**
   * Checks against this process's environment, with the communicator plugins of imagebake's own
   * jar.
   */
  public ConfigBinder(Path workingDir, Path home) {
    this(workingDir, home, System.getenv(), PluginRegistry.load()::communicator);
  }

  /**
   * @param environment the environment the build will run with (rules read it)
   * @param communicators the communicator plugins whose rules check a builder block's communicator
   *     keys
   */
  public ConfigBinder(
      Path workingDir,
      Path home,
      Map<String, String> environment,
      Function<String, Optional<CommunicatorFactory>> communicators) {
    this.rules =
        new BlockRules(workingDir.toAbsolutePath(), home, Map.copyOf(environment), communicators);
  }

  /**
   * @param factory the plugin the block is for
   * @param block the block's keys
   * @param pointer the block's JSON pointer in the template, e.g. {@code /builders/0}
   * @param locations positions of the template's values
   * @param renderer renders the block's template strings
   */
  public <C extends Record> BindResult<C> bind(
      PluginFactory<C> factory,
      ObjectNode block,
      String pointer,
      Locations locations,
      ValueRenderer renderer) {
    Class<C> type = factory.configType();
    RecordModel model = model(type);
    ObjectNode keys = block.deepCopy();
    List<String> ignored = new ArrayList<>();
    for (String k : keys.propertyNames()) {
      if (k.equals("type") || k.startsWith("packer_")) {
        ignored.add(k);
      }
    }
    keys.remove(ignored);

    SchemaCheck schemaCheck = schemaCheck(type);
    List<Problem> problems = new ArrayList<>(schemaCheck.validate(keys));
    Set<String> reported = new HashSet<>();
    for (Problem p : problems) {
      List<String> segments = Pointers.segments(p.pointer());
      if (!segments.isEmpty()) {
        reported.add(segments.get(0));
        // A misspelt or renamed key stands for a key the block seems to lack.
        schemaCheck.meantKey(segments.get(0)).ifPresent(reported::add);
      }
    }
    ValueBinder binder = new ValueBinder(renderer);
    Record bound = binder.bindBlock(model, keys, reported);
    boolean partial = !problems.isEmpty() || !binder.problems().isEmpty();
    problems.addAll(binder.problems());

    C checked = bound == null ? null : type.cast(bound);
    if (checked != null) {
      if (partial) {
        problems.addAll(
            new PartialRules(model, keys, renderer, rules)
                .check(factory, checked, reported, binder.failedKeys()));
      } else {
        BlockCheck check = rules.checkOf(keys, renderer);
        rules.run(factory, checked, check);
        problems.addAll(check.problems());
      }
    }
    List<Diagnostic> diagnostics = new ArrayList<>();
    boolean failed = false;
    for (Problem p : problems) {
      diagnostics.add(diagnostic(p, pointer, locations));
      failed |= p.severity() == Severity.ERROR;
    }
    return new BindResult<>(failed ? null : checked, checked, diagnostics);
  }

  /** The JSON Schema the blocks of {@code type} are validated against, as a new node. */
  public ObjectNode schema(Class<? extends Record> type) {
    return SchemaGenerator.generate(model(type));
  }

  private RecordModel model(Class<? extends Record> type) {
    return models.computeIfAbsent(type, t -> RecordModel.of(type));
  }

  private SchemaCheck schemaCheck(Class<? extends Record> type) {
    return checks.computeIfAbsent(
        type,
        t -> {
          RecordModel model = model(type);
          ObjectNode schema = SchemaGenerator.generate(model);
          if (!"off".equals(System.getProperty("imagebake.startup.enumPatterns"))) {
            enumsAsPatterns(schema);
          }
          return new SchemaCheck(model, registry().getSchema(schema));
        });
  }

  /**
   * Rewrites every {@code "enum"} of strings as a {@code "pattern"} that matches exactly those
   * strings; in the schema the binder validates with, the values of keys with a fixed set of values
   * are strings (or null, which a pattern ignores as the {@code anyOf} around the enum does).
   * networknt's enum keyword prints its values while it compiles, and the first print builds
   * Jackson's full default ObjectMapper (600 classes), a fifth of a cold {@code validate}.
   */
  private static void enumsAsPatterns(JsonNode node) {
    if (node instanceof ObjectNode object
        && object.get("enum") instanceof ArrayNode values
        && allStrings(values)) {
      StringJoiner alternatives = new StringJoiner("|", "^(?:", ")(?![\\s\\S])");
      for (JsonNode v : values) {
        alternatives.add(escape(v.stringValue()));
      }
      object.remove("enum");
      object.put("pattern", alternatives.toString());
    }
    for (JsonNode child : node) {
      enumsAsPatterns(child);
    }
  }

  private static boolean allStrings(ArrayNode values) {
    for (JsonNode v : values) {
      if (!v.isString()) {
        return false;
      }
    }
    return true;
  }

  /** A regular expression (ECMA 262 and Java alike) that matches {@code text} literally. */
  private static String escape(String text) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      if ("\\^$.*+?()[]{}|".indexOf(c) >= 0) {
        regex.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f) {
        regex.append(String.format("\\x%02x", c));
      } else {
        regex.appendCodePoint(c);
      }
    }
    return regex.toString();
  }

  /**
   * Draft 2020-12 as networknt defines it, minus the {@code format} checks: the generated schemas
   * have no {@code format} keyword, and networknt's dialect sets up all its formats (date, e-mail
   * and IP address parsers, their regular expressions) when it is first used, at every start-up.
   */
  private static Dialect draft202012WithoutFormats() {
    return Dialect.builder(SchemaGenerator.DIALECT)
        .specificationVersion(SpecificationVersion.DRAFT_2020_12)
        .idKeyword("$id")
        .keywords(KeywordType.getKeywords(SpecificationVersion.DRAFT_2020_12))
        .keyword(new NonValidationKeyword("definitions"))
        .vocabulary(Vocabulary.DRAFT_2020_12_CORE.getId(), true)
        .vocabulary(Vocabulary.DRAFT_2020_12_APPLICATOR.getId(), true)
        .vocabulary(Vocabulary.DRAFT_2020_12_UNEVALUATED.getId(), true)
        .vocabulary(Vocabulary.DRAFT_2020_12_VALIDATION.getId(), true)
        .vocabulary(Vocabulary.DRAFT_2020_12_META_DATA.getId(), true)
        .vocabulary(Vocabulary.DRAFT_2020_12_FORMAT_ANNOTATION.getId(), true)
        .vocabulary(Vocabulary.DRAFT_2020_12_CONTENT.getId(), true)
        .build();
  }

  /**
   * Compiles each regular expression once: the generated schemas repeat a few patterns many times
   * (every boolean, integer and duration key has its type's), and compiling them is a large part of
   * compiling a schema.
   */
  private static final class SharedPatterns implements RegularExpressionFactory {
    private final Map<String, RegularExpression> compiled = new ConcurrentHashMap<>();

    @Override
    public RegularExpression getRegularExpression(String regex) {
      RegularExpression expression = compiled.get(regex);
      if (expression == null) {
        expression = JDKRegularExpressionFactory.getInstance().getRegularExpression(regex);
        compiled.put(regex, expression);
      }
      return expression;
    }
  }

  private SchemaRegistry registry() {
    SchemaRegistry r = registry;
    if (r == null) {
      synchronized (this) {
        if (registry == null) {
          SchemaRegistryConfig config =
              "off".equals(System.getProperty("imagebake.startup.sharedPatterns"))
                  ? SchemaRegistryConfig.builder().build()
                  : SchemaRegistryConfig.builder()
                      .regularExpressionFactory(new SharedPatterns())
                      .build();
          registry =
              SchemaRegistry.withDefaultDialect(
                  "off".equals(System.getProperty("imagebake.startup.formatlessDialect"))
                      ? com.networknt.schema.dialect.Dialects.getDraft202012()
                      : draft202012WithoutFormats(),
                  builder -> builder.schemaRegistryConfig(config));
        }
        r = registry;
      }
    }
    return r;
  }

  private static Diagnostic diagnostic(Problem p, String blockPointer, Locations locations) {
    String pointer = blockPointer + p.pointer();
    SourceRef source =
        p.atKey()
            ? locations.keyAt(pointer)
            : SourcePositions.inString(locations, pointer, p.offset());
    return new Diagnostic(p.severity(), p.message(), source, p.hint());
  }
}
