package dev.imagebake.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the registry lives: {@code IMAGEBAKE_REGISTRY} when it names a database, else the SQLite
 * file {@code $XDG_DATA_HOME/imagebake/registry.db} ({@code ~/.local/share} by default).
 */
public sealed interface RegistryLocation {
  /** The environment variable that enables recording and names the database. */
  String VARIABLE = "IMAGEBAKE_REGISTRY";

  /** What messages show: never a password. */
  String describe();

  /** An SQLite database file. */
  record Sqlite(Path file) implements RegistryLocation {
    @Override
    public String describe() {
      return file.toString();
    }
  }

  /**
   * A PostgreSQL database.
   *
   * @param jdbcUrl without credentials
   * @param password null when the URL has none (the driver then uses PGPASSWORD-less auth)
   */
  record Postgres(String jdbcUrl, String user, String password, String shown)
      implements RegistryLocation {
    @Override
    public String describe() {
      return shown;
    }

    @Override
    public String toString() {
      return "Postgres[" + shown + "]";
    }
  }

  /**
   * The location named by the environment ({@code IMAGEBAKE_REGISTRY}, {@code XDG_DATA_HOME},
   * {@code HOME}).
   *
   * <p>{@code IMAGEBAKE_REGISTRY} may be unset, empty, {@code 1}, {@code true} or {@code sqlite}
   * (the default file; {@code 0}, {@code false} and {@code off} turn recording off but registry
   * commands still read the default file), {@code sqlite:PATH} or an absolute path (that file), or
   * {@code postgresql://[user[:password]@]host[:port]/database[?param=value&...]} (also {@code
   * postgres://}).
   *
   * @throws RegistryException (usage) when the value is none of these
   */
  static RegistryLocation fromEnvironment(Map<String, String> env) {
    String spec = env.getOrDefault(VARIABLE, "").trim();
    if (spec.isEmpty()
        || spec.equals("1")
        || spec.equalsIgnoreCase("true")
        || spec.equalsIgnoreCase("sqlite")
        || spec.equals("0")
        || spec.equalsIgnoreCase("false")
        || spec.equalsIgnoreCase("off")) {
      return new Sqlite(defaultFile(env));
    }
    return parse(spec);
  }

  /** The default SQLite file for this environment. */
  static Path defaultFile(Map<String, String> env) {
    String data = env.getOrDefault("XDG_DATA_HOME", "");
    Path base;
    if (!data.isEmpty() && Path.of(data).isAbsolute()) {
      base = Path.of(data);
    } else {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      base = Path.of(home, ".local", "share");
    }
    return base.resolve("imagebake").resolve("registry.db");
  }

  /** Parses an explicit location (see {@link #fromEnvironment}). */
  static RegistryLocation parse(String spec) {
    if (spec.startsWith("sqlite:")) {
      String path = spec.substring("sqlite:".length());
      if (path.startsWith("//")) {
        path = path.substring(2);
      }
      if (path.isEmpty()) {
        throw RegistryException.usage(VARIABLE + ": sqlite: needs a file path");
      }
      return new Sqlite(Path.of(path).toAbsolutePath());
    }
    if (spec.startsWith("/")) {
      return new Sqlite(Path.of(spec));
    }
    if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
      return postgres(spec);
    }
    throw RegistryException.usage(
        VARIABLE
            + ": not a registry location: '"
            + maskUserInfo(spec)
            + "' (expected postgresql://user@host:port/database, sqlite:PATH or an absolute"
            + " path)");
  }

  private static Postgres postgres(String spec) {
    String shown = maskUserInfo(spec);
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw RegistryException.usage(VARIABLE + ": malformed URL '" + shown + "': " + e.getReason());
    }
    String host = uri.getHost();
    String path = uri.getRawPath();
    if (host == null || path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw RegistryException.usage(
          VARIABLE
              + ": malformed URL '"
              + shown
              + "': expected postgresql://[user[:password]@]host[:port]/database");
    }
    String user = null;
    String password = null;
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String jdbc =
        "jdbc:postgresql://"
            + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + path
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new Postgres(jdbc, user, password, shown);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The spec with any password replaced, for messages. */
  private static String maskUserInfo(String spec) {
    int scheme = spec.indexOf("://");
    int at = spec.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return spec;
    }
    String info = spec.substring(scheme + 3, at);
    int colon = info.indexOf(':');
    return colon < 0
        ? spec
        : spec.substring(0, scheme + 3) + info.substring(0, colon) + ":***" + spec.substring(at);
  }
}
