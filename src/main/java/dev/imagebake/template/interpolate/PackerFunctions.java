package dev.imagebake.template.interpolate;

import static dev.imagebake.template.interpolate.FunctionSpec.ParamType.INT;
import static dev.imagebake.template.interpolate.FunctionSpec.ParamType.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Packer's template functions (reference §2.3) over a {@link RenderContext}. */
final class PackerFunctions {
  /** The keys every builder provides to {@code {{build `KEY`}}} (reference §2.6). */
  static final Set<String> CORE_BUILD_KEYS =
      Set.of(
          "ID",
          "Host",
          "Port",
          "User",
          "Password",
          "ConnType",
          "PackerRunUUID",
          "PackerHTTPIP",
          "PackerHTTPPort",
          "PackerHTTPAddr",
          "SSHPublicKey",
          "SSHPrivateKey",
          "WinRMPassword");

  private static final String SED_DEPRECATED =
      "template function `sed` is deprecated use `replace` or `replace_all` instead."
          + "Documentation: https://www.packer.io/docs/templates/engine";

  private PackerFunctions() {}

  /**
   * The function called {@code name}, or null. A switch rather than a table, so that only the
   * functions a template calls link their lambdas (each is a bootstrap call at start-up).
   */
  static FunctionSpec lookup(String name) {
    return switch (name) {
      case "user" -> FunctionSpec.of(name, (a, c) -> user((String) a.get(0), c), STRING);
      case "env" -> FunctionSpec.of(name, (a, c) -> env((String) a.get(0), c), STRING);
      case "timestamp" ->
          FunctionSpec.of(name, (a, c) -> Long.toString(c.instant().getEpochSecond()));
      case "isotime" -> FunctionSpec.variadic(name, STRING, (a, c) -> isotime(a, c));
      case "strftime" ->
          FunctionSpec.of(name, (a, c) -> Strftime.format((String) a.get(0), c.instant()), STRING);
      case "uuid" -> FunctionSpec.of(name, (a, c) -> c.uuid().get());
      case "pwd" -> FunctionSpec.of(name, (a, c) -> pwd(c));
      case "template_dir" ->
          FunctionSpec.of(name, (a, c) -> required(c.templateDir(), "template path not available"));
      case "build_name" ->
          FunctionSpec.of(name, (a, c) -> required(c.buildName(), "build_name not available"));
      case "build_type" ->
          FunctionSpec.of(name, (a, c) -> required(c.buildType(), "build_type not available"));
      case "packer_version" ->
          FunctionSpec.of(name, (a, c) -> required(c.version(), "packer_version not available"));
      case "split" ->
          FunctionSpec.of(
              name,
              (a, c) -> split((String) a.get(0), (String) a.get(1), (Long) a.get(2)),
              STRING,
              STRING,
              INT);
      case "replace" ->
          FunctionSpec.of(
              name,
              (a, c) ->
                  replace((String) a.get(3), (String) a.get(0), (String) a.get(1), (Long) a.get(2)),
              STRING,
              STRING,
              INT,
              STRING);
      case "replace_all" ->
          FunctionSpec.of(
              name,
              (a, c) -> replace((String) a.get(2), (String) a.get(0), (String) a.get(1), -1),
              STRING,
              STRING,
              STRING);
      case "lower" -> FunctionSpec.of(name, (a, c) -> mapCase((String) a.get(0), false), STRING);
      case "upper" -> FunctionSpec.of(name, (a, c) -> mapCase((String) a.get(0), true), STRING);
      case "clean_resource_name" ->
          FunctionSpec.of(name, (a, c) -> cleanResourceName((String) a.get(0), c), STRING);
      case "build" -> FunctionSpec.of(name, (a, c) -> build((String) a.get(0), c), STRING);
      case "consul_key" ->
          FunctionSpec.of(
              name,
              (a, c) -> unsupported("consul_key", "consul_key is not allowed here", c),
              STRING);
      case "vault" ->
          FunctionSpec.of(
              name,
              (a, c) ->
                  unsupported("vault", "Vault vars are only allowed in the variables section", c),
              STRING,
              STRING);
      case "aws_secretsmanager" ->
          FunctionSpec.variadic(
              name,
              STRING,
              (a, c) ->
                  unsupported(
                      "aws_secretsmanager",
                      "AWS Secrets Manager is only allowed in the variables section",
                      c));
      case "sed" ->
          FunctionSpec.of(
              name,
              (a, c) -> {
                throw new FunctionFailure(SED_DEPRECATED);
              },
              STRING,
              STRING);
      default -> null;
    };
  }

  private static String user(String name, RenderContext c) throws FunctionFailure {
    Map<String, String> variables = c.userVariables();
    String value = variables == null ? null : variables.get(name);
    if (value == null) {
      throw new FunctionFailure("variable not set: " + name);
    }
    return value;
  }

  private static String env(String name, RenderContext c) throws FunctionFailure {
    if (!c.envAllowed()) {
      throw new FunctionFailure("env vars are not allowed here");
    }
    String value = c.env() == null ? null : c.env().apply(name);
    return value == null ? "" : value;
  }

  private static String isotime(List<Object> args, RenderContext c) throws FunctionFailure {
    if (args.size() > 1) {
      throw new FunctionFailure("too many values, 1 needed: " + GoValues.format(args));
    }
    String layout = args.isEmpty() ? GoTimeLayout.RFC3339 : (String) args.get(0);
    return GoTimeLayout.format(layout, c.instant());
  }

  private static String pwd(RenderContext c) {
    return c.workingDir() != null ? c.workingDir() : System.getProperty("user.dir");
  }

  private static String required(String value, String missing) throws FunctionFailure {
    if (value == null || value.isEmpty()) {
      throw new FunctionFailure(missing);
    }
    return value;
  }

  /** Go's {@code strings.ToUpper}/{@code ToLower}: one character to one (ß stays ß). */
  private static String mapCase(String s, boolean upper) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp ->
                out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp)));
    return out.toString();
  }

  /** Go's {@code strings.Split} then the i-th part. */
  private static String split(String s, String separator, long index) throws FunctionFailure {
    List<String> parts = goSplit(s, separator);
    if (index < 0) {
      throw new FunctionFailure("runtime error: index out of range [" + index + "]");
    }
    if (parts.size() <= index) {
      throw new FunctionFailure(
          "the substring "
              + index
              + " was unavailable using the separator value, "
              + separator
              + ", only "
              + parts.size()
              + " values were found");
    }
    return parts.get((int) index);
  }

  private static List<String> goSplit(String s, String separator) {
    List<String> parts = new ArrayList<>();
    if (separator.isEmpty()) {
      s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
      return parts;
    }
    int from = 0;
    int at;
    while ((at = s.indexOf(separator, from)) >= 0) {
      parts.add(s.substring(from, at));
      from = at + separator.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** Go's {@code strings.Replace}: the first n (all when n < 0) non-overlapping instances. */
  static String replace(String s, String old, String replacement, long n) {
    if (n == 0 || (old.equals(replacement))) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    long done = 0;
    int from = 0;
    if (old.isEmpty()) {
      // Go inserts the replacement before every character and at the end.
      int i = 0;
      while ((n < 0 || done < n) && i <= s.length()) {
        out.append(replacement);
        done++;
        if (i == s.length()) {
          return out.toString();
        }
        int next = s.offsetByCodePoints(i, 1);
        out.append(s, i, next);
        i = next;
      }
      return out.append(s.substring(i)).toString();
    }
    int at;
    while ((n < 0 || done < n) && (at = s.indexOf(old, from)) >= 0) {
      out.append(s, from, at).append(replacement);
      from = at + old.length();
      done++;
    }
    return out.append(s.substring(from)).toString();
  }

  private static String cleanResourceName(String name, RenderContext c) throws FunctionFailure {
    if (c.cleanResourceName() == null) {
      throw FunctionFailure.undefined("clean_resource_name");
    }
    return c.cleanResourceName().apply(name);
  }

  private static String build(String key, RenderContext c) throws FunctionFailure {
    Map<String, String> data = c.buildData();
    if (c.buildPlaceholders()) {
      if (CORE_BUILD_KEYS.contains(key) || (data != null && data.containsKey(key))) {
        return placeholder(key);
      }
      throw new FunctionFailure("loaded data, but couldnt find " + key + " in it.");
    }
    if (data == null) {
      throw new FunctionFailure(
          "Error validating build variable: the given variable "
              + key
              + " will not be passed into your plugin.");
    }
    String value = data.get(key);
    if (value != null) {
      return value;
    }
    // Packer renders twice: at prepare time a core key becomes {{.KEY}}, which the run-time pass
    // renders from the generated data, printing Go's "<no value>" when the builder gave none (the
    // file builder's artifact has no generated data, so a manifest's {{build `ID`}} is that).
    if (CORE_BUILD_KEYS.contains(key)) {
      return "<no value>";
    }
    throw new FunctionFailure("loaded data, but couldnt find " + key + " in it.");
  }

  /**
   * What {@code build} renders at validation time: the call itself, so that rendering the result
   * again (as the render loop does) is stable and the run-time render can still substitute it.
   */
  static String placeholder(String key) {
    return "{{build `" + key + "`}}";
  }

  private static String unsupported(String function, String notAllowed, RenderContext c)
      throws FunctionFailure {
    if (!c.envAllowed()) {
      throw new FunctionFailure(notAllowed);
    }
    throw new FunctionFailure(
        function + " is not supported by imagebake; pass the value with -var or -var-file");
  }
}
