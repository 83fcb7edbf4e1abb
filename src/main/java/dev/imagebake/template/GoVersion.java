package dev.imagebake.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version as hashicorp/go-version reads it (what Packer uses for {@code min_packer_version}):
 * optional {@code v}, any number of numeric segments (missing ones count as 0, so {@code 1.5} =
 * {@code 1.5.0}), an optional pre-release ({@code -beta1}, sorting before the release) and ignored
 * build metadata ({@code +abc}).
 *
 * @param segments numeric segments, at least 3 (padded with zeros)
 * @param preRelease pre-release text, "" for a release
 * @param original the text it was parsed from
 */
record GoVersion(List<Long> segments, String preRelease, String original) {
  // go-version's VersionRegexpRaw, anchored with optional surrounding spaces.
  private static final Pattern PATTERN =
      Pattern.compile(
          "^\\s*v?([0-9]+(\\.[0-9]+)*?)"
              + "(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)"
              + "|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?"
              + "(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))?"
              + "\\s*$");

  /**
   * @throws IllegalArgumentException {@code Malformed version: abc}, as go-version says
   */
  static GoVersion parse(String v) {
    Matcher m = PATTERN.matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException("Malformed version: " + v);
    }
    List<Long> segments = new ArrayList<>();
    for (String s : m.group(1).split("\\.")) {
      try {
        segments.add(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Error parsing version: " + e.getMessage(), e);
      }
    }
    while (segments.size() < 3) {
      segments.add(0L);
    }
    String pre = m.group(4) != null ? m.group(4) : m.group(7) != null ? m.group(7) : "";
    return new GoVersion(List.copyOf(segments), pre, v);
  }

  int compareTo(GoVersion other) {
    int n = Math.max(segments.size(), other.segments.size());
    for (int i = 0; i < n; i++) {
      long a = i < segments.size() ? segments.get(i) : 0;
      long b = i < other.segments.size() ? other.segments.get(i) : 0;
      if (a != b) {
        return Long.compare(a, b);
      }
    }
    return comparePreRelease(preRelease, other.preRelease);
  }

  /**
   * A release beats any pre-release; pre-releases compare dot-separated part by part, numbers
   * numerically and below words, words as strings (so {@code beta2} > {@code beta10}, as in
   * go-version). A missing part is below a number and above a word, also as in go-version.
   */
  private static int comparePreRelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1;
    }
    if (b.isEmpty()) {
      return -1;
    }
    String[] pa = a.split("\\.");
    String[] pb = b.split("\\.");
    for (int i = 0; i < Math.max(pa.length, pb.length); i++) {
      if (i >= pa.length) {
        return isNumber(pb[i]) ? -1 : 1;
      }
      if (i >= pb.length) {
        return isNumber(pa[i]) ? 1 : -1;
      }
      int c = comparePart(pa[i], pb[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int comparePart(String a, String b) {
    boolean na = isNumber(a);
    boolean nb = isNumber(b);
    if (na && nb) {
      return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }
    if (na) {
      return -1;
    }
    if (nb) {
      return 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** go-version's {@code String()}: segments joined by dots, then pre-release. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        s.append('.');
      }
      s.append(segments.get(i));
    }
    if (!preRelease.isEmpty()) {
      s.append('-').append(preRelease);
    }
    return s.toString();
  }
}
