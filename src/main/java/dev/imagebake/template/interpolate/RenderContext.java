package dev.imagebake.template.interpolate;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a template string may see when rendered. Which functions work depends on where the string is
 * (reference §2.2): {@code env} only in variable defaults, {@code build} only in provisioners and
 * post-processors, {@code clean_resource_name} only in builders that define it.
 *
 * @param userVariables values for {@code {{user `x`}}}; an undefined name is an error
 * @param envAllowed whether {@code env} may be called (variable defaults only)
 * @param env looks up an environment variable ("" when unset)
 * @param buildName for {@code build_name}, or null where not available
 * @param buildType for {@code build_type}, or null where not available
 * @param templateDir absolute directory of the template, for {@code template_dir}
 * @param workingDir for {@code pwd}
 * @param version for {@code packer_version}, or null where not available
 * @param buildData for {@code {{build `KEY`}}}, or null where not available; see {@link
 *     #buildPlaceholders}
 * @param buildPlaceholders at validation time: {@code build} of a known key (the core keys of
 *     reference §2.6 or a key of {@code buildData}) renders the placeholder {@code {{build `KEY`}}}
 *     (stable under re-rendering, substituted at run time) instead of failing
 * @param fields for {@code {{ .Field }}}; a missing field renders {@code <no value>}; null keeps
 *     {@code {{ .Field }}} actions literally (variable defaults)
 * @param instant the one build-wide instant behind {@code timestamp}, {@code isotime}, {@code
 *     strftime}
 * @param uuid source of {@code uuid} values (the builder's default: Packer-style time-ordered)
 * @param cleanResourceName the builder's {@code clean_resource_name}, or null where undefined
 */
public record RenderContext(
    Map<String, String> userVariables,
    boolean envAllowed,
    UnaryOperator<String> env,
    String buildName,
    String buildType,
    String templateDir,
    String workingDir,
    String version,
    Map<String, String> buildData,
    boolean buildPlaceholders,
    Map<String, ?> fields,
    Instant instant,
    Supplier<String> uuid,
    UnaryOperator<String> cleanResourceName) {

  /** Checks the components no function can do without. */
  public RenderContext {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(uuid, "uuid");
  }

  /**
   * A builder with the defaults of a context where only the always-available functions work: no
   * user variables, {@code env} not allowed (but reading the process environment when allowed), no
   * build name/type/version, no build data, empty fields ({@code .X} renders {@code <no value>}),
   * the current instant, Packer-style time-ordered uuids, no {@code clean_resource_name}, {@code
   * pwd} = the process working directory.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this context's values. */
  public Builder toBuilder() {
    return new Builder()
        .userVariables(userVariables)
        .envAllowed(envAllowed)
        .env(env)
        .buildName(buildName)
        .buildType(buildType)
        .templateDir(templateDir)
        .workingDir(workingDir)
        .version(version)
        .buildData(buildData)
        .buildPlaceholders(buildPlaceholders)
        .fields(fields)
        .instant(instant)
        .uuid(uuid)
        .cleanResourceName(cleanResourceName);
  }

  /** This context with other {@code .Field} data (null keeps {@code {{ .X }}} literally). */
  public RenderContext withFields(Map<String, ?> newFields) {
    return toBuilder().fields(newFields).build();
  }

  /** This context with run-time {@code build} data and no placeholders. */
  public RenderContext withBuildData(Map<String, String> data) {
    return toBuilder().buildData(data).buildPlaceholders(false).build();
  }

  /** Collects the components of a {@link RenderContext}; see {@link #builder()} for defaults. */
  public static final class Builder {
    private Map<String, String> userVariables = Map.of();
    private boolean envAllowed;
    private UnaryOperator<String> env = name -> Objects.requireNonNullElse(System.getenv(name), "");
    private String buildName;
    private String buildType;
    private String templateDir;
    private String workingDir = System.getProperty("user.dir");
    private String version;
    private Map<String, String> buildData;
    private boolean buildPlaceholders;
    private Map<String, ?> fields = Map.of();
    private Instant instant;
    private Supplier<String> uuid;
    private UnaryOperator<String> cleanResourceName;

    private Builder() {}

    public Builder userVariables(Map<String, String> value) {
      userVariables = value;
      return this;
    }

    public Builder envAllowed(boolean value) {
      envAllowed = value;
      return this;
    }

    public Builder env(UnaryOperator<String> value) {
      env = value;
      return this;
    }

    public Builder buildName(String value) {
      buildName = value;
      return this;
    }

    public Builder buildType(String value) {
      buildType = value;
      return this;
    }

    public Builder templateDir(String value) {
      templateDir = value;
      return this;
    }

    public Builder workingDir(String value) {
      workingDir = value;
      return this;
    }

    public Builder version(String value) {
      version = value;
      return this;
    }

    public Builder buildData(Map<String, String> value) {
      buildData = value;
      return this;
    }

    public Builder buildPlaceholders(boolean value) {
      buildPlaceholders = value;
      return this;
    }

    public Builder fields(Map<String, ?> value) {
      fields = value;
      return this;
    }

    public Builder instant(Instant value) {
      instant = value;
      return this;
    }

    public Builder uuid(Supplier<String> value) {
      uuid = value;
      return this;
    }

    public Builder cleanResourceName(UnaryOperator<String> value) {
      cleanResourceName = value;
      return this;
    }

    public RenderContext build() {
      Instant at = instant != null ? instant : Instant.now();
      Supplier<String> uuids = uuid != null ? uuid : new TimeOrderedUuids(Clock.systemUTC());
      return new RenderContext(
          userVariables,
          envAllowed,
          env,
          buildName,
          buildType,
          templateDir,
          workingDir,
          version,
          buildData,
          buildPlaceholders,
          fields,
          at,
          uuids,
          cleanResourceName);
    }
  }
}
