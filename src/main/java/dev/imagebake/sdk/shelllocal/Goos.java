package dev.imagebake.sdk.shelllocal;

import java.util.Locale;

/** The operating systems {@code only_on} names, as Go's {@code runtime.GOOS} spells them. */
enum Goos {
  DARWIN,
  FREEBSD,
  LINUX,
  OPENBSD,
  SOLARIS,
  WINDOWS,
  OTHER;

  /** The {@code only_on} names Packer accepts, in its order. */
  static final String SUPPORTED = "darwin, freebsd, linux, openbsd, solaris, windows";

  String goName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Maps Java's {@code os.name} to Go's name. */
  static Goos fromOsName(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      return LINUX;
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      return DARWIN;
    } else if (os.startsWith("windows")) {
      return WINDOWS;
    } else if (os.startsWith("freebsd")) {
      return FREEBSD;
    } else if (os.startsWith("openbsd")) {
      return OPENBSD;
    } else if (os.startsWith("sunos") || os.startsWith("solaris")) {
      return SOLARIS;
    }
    return OTHER;
  }

  static Goos current() {
    return fromOsName(System.getProperty("os.name", ""));
  }

  /** The member Packer accepts for {@code name}, or null. */
  static Goos parse(String name) {
    for (Goos g : values()) {
      if (g != OTHER && g.goName().equals(name)) {
        return g;
      }
    }
    return null;
  }
}
