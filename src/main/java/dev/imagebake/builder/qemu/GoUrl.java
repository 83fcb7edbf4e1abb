package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.go.GoStrings;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A URL as Go's {@code net/url.Parse} (Go 1.15, the one Packer 1.6.6 was built with) reads it.
 * Packer parses every {@code iso_url} this way, local paths included, so a path or URL it accepts
 * (spaces in the path, {@code {}}, a bare relative path) must parse here too, and one it rejects
 * must fail with its words ({@code parse "http://ho st/": invalid character " " in host name}).
 * Java's {@link URI} is stricter than Go's parser and must never see the raw string.
 *
 * @param scheme lower-cased; empty for a plain path
 * @param opaque what follows {@code scheme:} when no {@code /} does
 * @param host unescaped, with its port
 * @param path unescaped
 * @param rawPath the path as written when Go's default encoding would differ, else empty
 * @param rawQuery the query as written (Go does not check it), null without {@code ?}
 */
record GoUrl(
    String scheme,
    String opaque,
    String userinfo,
    String host,
    String path,
    String rawPath,
    String rawQuery) {

  /** Go's {@code *url.Error}: the message Packer prints after {@code url parse: }. */
  static final class InvalidUrlException extends Exception {
    InvalidUrlException(String raw, String reason) {
      super("parse " + GoStrings.quote(raw) + ": " + reason);
    }
  }

  /** Parses {@code raw} exactly as Go's {@code url.Parse} does. */
  static GoUrl parse(String raw) throws InvalidUrlException {
    int hash = raw.indexOf('#');
    String beforeFragment = hash < 0 ? raw : raw.substring(0, hash);
    GoUrl url;
    try {
      url = parseWithoutFragment(beforeFragment);
    } catch (IllegalArgumentException e) {
      throw new InvalidUrlException(beforeFragment, e.getMessage());
    }
    if (hash >= 0) {
      try {
        unescape(raw.substring(hash + 1), Mode.FRAGMENT);
      } catch (IllegalArgumentException e) {
        throw new InvalidUrlException(raw, e.getMessage());
      }
    }
    return url;
  }

  boolean isHttp() {
    return scheme.equals("http") || scheme.equals("https");
  }

  /** A plain path or a {@code file:} URL: a file on this machine. */
  boolean isLocal() {
    return scheme.isEmpty() || scheme.equals("file");
  }

  /**
   * The local file a plain path or {@code file:} URL names, unescaped as go-getter does ({@code
   * a%20b.iso} is {@code a b.iso}); a {@code file://dir/x} host is kept as the first directory.
   */
  String localPath() {
    if (!opaque.isEmpty()) {
      return opaque;
    }
    return host.isEmpty() ? path : host + path;
  }

  /** The last element of the path: the name a checksum list knows the file by. */
  String fileName() {
    String p = isLocal() ? localPath() : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }

  /** Go's {@code URL.EscapedPath}: the path as it goes into the request line. */
  String escapedPath() {
    if (!rawPath.isEmpty() && validEncoded(rawPath)) {
      try {
        if (unescape(rawPath, Mode.PATH).equals(path)) {
          return rawPath;
        }
      } catch (IllegalArgumentException e) {
        // fall through to the default encoding, as Go does
      }
    }
    return path.equals("*") ? "*" : escape(path);
  }

  /**
   * The URI to request, encoded the way Go's HTTP client sends it ({@code a b.iso} as {@code
   * a%20b.iso}); the few characters Go leaves alone but Java's URI refuses ({@code []} in the path,
   * anything in the query) are percent-encoded as well, which servers decode the same.
   *
   * @throws URISyntaxException for what Go takes but Java cannot request (e.g. a bad IDN host)
   */
  URI requestUri() throws URISyntaxException {
    StringBuilder s = new StringBuilder(scheme).append("://");
    if (userinfo != null) {
      s.append(userinfo).append('@');
    }
    s.append(host);
    s.append(escapedPath().replace("[", "%5B").replace("]", "%5D"));
    if (rawQuery != null) {
      s.append('?').append(encodeQuery(rawQuery));
    }
    return new URI(s.toString());
  }

  private static GoUrl parseWithoutFragment(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < ' ' || c == 0x7f) {
        throw new IllegalArgumentException("net/url: invalid control character in URL");
      }
    }
    if (raw.equals("*")) {
      return new GoUrl("", "", null, "", "*", "", null);
    }
    String scheme = "";
    String rest = raw;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        continue;
      }
      if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new IllegalArgumentException("missing protocol scheme");
        }
        scheme = raw.substring(0, i).toLowerCase(Locale.ROOT);
        rest = raw.substring(i + 1);
      }
      break;
    }
    String query = null;
    if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
      query = "";
      rest = rest.substring(0, rest.length() - 1);
    } else if (rest.indexOf('?') >= 0) {
      query = rest.substring(rest.indexOf('?') + 1);
      rest = rest.substring(0, rest.indexOf('?'));
    }
    if (!rest.startsWith("/")) {
      if (!scheme.isEmpty()) {
        return new GoUrl(scheme, rest, null, "", "", "", query);
      }
      int slash = rest.indexOf('/');
      if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
        throw new IllegalArgumentException("first path segment in URL cannot contain colon");
      }
    }
    String userinfo = null;
    String host = "";
    if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
      rest = slash < 0 ? "" : rest.substring(slash);
      int at = authority.lastIndexOf('@');
      host = parseHost(at < 0 ? authority : authority.substring(at + 1));
      if (at >= 0) {
        userinfo = authority.substring(0, at);
        if (!userinfo.chars().allMatch(GoUrl::userinfoChar)) {
          throw new IllegalArgumentException("net/url: invalid userinfo");
        }
        unescape(userinfo, Mode.USERINFO);
      }
    }
    String path = unescape(rest, Mode.PATH);
    String rawPath = escape(path).equals(rest) ? "" : rest;
    return new GoUrl(scheme, "", userinfo, host, path, rawPath, query);
  }

  private static boolean userinfoChar(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
  }

  private static String parseHost(String host) {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new IllegalArgumentException(
            "invalid port " + GoStrings.quote(colonPort) + " after host");
      }
      int zone = host.substring(0, close).indexOf("%25");
      if (zone >= 0) {
        return unescape(host.substring(0, zone), Mode.HOST)
            + unescape(host.substring(zone, close), Mode.ZONE)
            + unescape(host.substring(close), Mode.HOST);
      }
    } else if (host.lastIndexOf(':') >= 0) {
      String colonPort = host.substring(host.lastIndexOf(':'));
      if (!validOptionalPort(colonPort)) {
        throw new IllegalArgumentException(
            "invalid port " + GoStrings.quote(colonPort) + " after host");
      }
    }
    return unescape(host, Mode.HOST);
  }

  private static boolean validOptionalPort(String port) {
    return port.isEmpty()
        || port.charAt(0) == ':' && port.chars().skip(1).allMatch(c -> c >= '0' && c <= '9');
  }

  private enum Mode {
    PATH,
    HOST,
    ZONE,
    USERINFO,
    FRAGMENT
  }

  /** Go's {@code shouldEscape} for the modes this class needs. */
  private static boolean shouldEscape(int c, Mode mode) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return false;
    }
    if ((mode == Mode.HOST || mode == Mode.ZONE) && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
      return false;
    }
    if ("-_.~".indexOf(c) >= 0) {
      return false;
    }
    if ("$&+,/:;=?@".indexOf(c) >= 0) {
      return switch (mode) {
        case PATH -> c == '?';
        case USERINFO -> c == '@' || c == '/' || c == '?' || c == ':';
        case FRAGMENT -> false;
        default -> true;
      };
    }
    return !(mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0);
  }

  /** Go's {@code unescape}: percent-decodes, with Go's errors for bad escapes and hosts. */
  private static String unescape(String s, Mode mode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          String bad = s.substring(i, Math.min(s.length(), i + 3));
          throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(bad));
        }
        int v = Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16);
        String escape = s.substring(i, i + 3);
        if (mode == Mode.HOST && v >> 4 < 8 && !escape.equals("%25")
            || mode == Mode.ZONE
                && !escape.equals("%25")
                && v != ' '
                && shouldEscape(v, Mode.HOST)) {
          throw new IllegalArgumentException("invalid URL escape " + GoStrings.quote(escape));
        }
        out.write(v);
        i += 3;
        continue;
      }
      if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
        throw new IllegalArgumentException(
            "invalid character " + GoStrings.quote(String.valueOf(c)) + " in host name");
      }
      int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
      out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
      i = end;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return c < 0x80 && Character.digit(c, 16) >= 0;
  }

  /** Go's {@code escape(s, encodePath)}, byte by byte of the UTF-8 form. */
  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (shouldEscape(c, Mode.PATH)) {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  /** Go's {@code validEncoded(s, encodePath)}. */
  private static boolean validEncoded(String s) {
    return s.chars()
        .allMatch(c -> "!$&'()*+,;=:@[]%".indexOf(c) >= 0 || !shouldEscape(c, Mode.PATH));
  }

  /** The query with what a Java URI refuses percent-encoded; valid escapes are kept. */
  private static String encodeQuery(String query) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < query.length(); ) {
      int c = query.codePointAt(i);
      boolean escapeSequence =
          c == '%'
              && i + 2 < query.length()
              && isHex(query.charAt(i + 1))
              && isHex(query.charAt(i + 2));
      boolean legal =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || "-_.!~*'();/?:@&=+$,".indexOf(c) >= 0;
      if (escapeSequence || legal) {
        out.appendCodePoint(c);
      } else {
        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }
}
