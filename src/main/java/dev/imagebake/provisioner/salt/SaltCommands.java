package dev.imagebake.provisioner.salt;

import java.util.regex.Pattern;

/**
 * The shell text of every remote command of the provisioner, for a POSIX {@code sh}. Every path is
 * quoted (paths with blanks or quotes work); the user's {@code salt_call_args} and {@code
 * bootstrap_args} are shell text and stay verbatim, as in Packer.
 *
 * <p>Packer's bugs fixed here: {@code sudo} appears once per command (Packer's {@code sudo sudo
 * mv}); an existing remote tree is removed before the new one is moved in (Packer's inverted {@code
 * stat} check left it and nested the new tree inside it).
 */
final class SaltCommands {
  /** Where the bootstrap script comes from (salt-bootstrap's documented download location). */
  static final String BOOTSTRAP_URL =
      "https://github.com/saltstack/salt-bootstrap/releases/latest/download/bootstrap-salt.sh";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private final SaltMasterlessConfig config;
  private final String sudo;

  SaltCommands(SaltMasterlessConfig config) {
    this.config = config;
    this.sudo = config.sudo() ? "sudo " : "";
  }

  /**
   * Creates a private upload directory owned by the login user, with {@code states} and {@code
   * pillar} inside, and prints its path. The temporary config directory may belong to root, so
   * uploads land here first (Packer used fixed names in the login directory instead).
   */
  static String makeUploadDir() {
    return "d=$(mktemp -d \"${TMPDIR:-/tmp}/imagebake-salt.XXXXXXXX\") && mkdir \"$d/states\""
        + " \"$d/pillar\" && printf '%s\\n' \"$d\"";
  }

  /** Removes the upload directory (the login user's own, so without sudo). */
  static String removeUploadDir(String dir) {
    return "rm -rf " + quote(dir);
  }

  /** Downloads the bootstrap script with curl, or wget when curl is missing or fails. */
  static String downloadBootstrap(String script) {
    String q = quote(script);
    return "curl -fsSL -o " + q + " " + BOOTSTRAP_URL + " || wget -q -O " + q + " " + BOOTSTRAP_URL;
  }

  String installBootstrap(String script) {
    String args =
        SaltMasterlessConfig.isSet(config.bootstrapArgs()) ? " " + config.bootstrapArgs() : "";
    return sudo + "sh " + quote(script) + args;
  }

  /**
   * Creates the temporary config directory unless it exists, and then prints {@code created}: what
   * the provisioner creates it also removes at the end (Packer left it behind).
   */
  String makeTempDir() {
    String dir = quote(config.tempDir());
    return "if "
        + sudo
        + "test -d "
        + dir
        + "; then :; else "
        + sudo
        + "mkdir -p "
        + dir
        + " && echo created; fi";
  }

  String removeTempDir() {
    return sudo + "rm -rf " + quote(config.tempDir());
  }

  /**
   * Moves an uploaded file or tree {@code name} from the upload directory through the temporary
   * config directory to {@code destination}, replacing what is there. One command: {@code rm -rf}
   * of a path that does not exist does nothing, so no separate existence check is needed.
   */
  String moveIntoPlace(String uploadDir, String name, String destination) {
    String target = stripTrailingSlashes(destination);
    String staged = join(config.tempDir(), name);
    return sudo
        + "rm -rf "
        + quote(staged)
        + " && "
        + sudo
        + "mv "
        + quote(join(uploadDir, name))
        + " "
        + quote(staged)
        + " && "
        + sudo
        + "rm -rf "
        + quote(target)
        + " && "
        + sudo
        + "mkdir -p "
        + quote(parent(target))
        + " && "
        + sudo
        + "mv "
        + quote(staged)
        + " "
        + quote(target);
  }

  /** Removes the remote state tree and pillar roots ({@code clean}). */
  String removeTrees() {
    return sudo + "rm -rf " + quote(config.stateTree()) + " " + quote(config.pillarRoots());
  }

  /** The path of salt-call: {@code salt_bin_dir}/salt-call, or salt-call from the PATH. */
  String saltCall() {
    return SaltMasterlessConfig.isSet(config.saltBinDir())
        ? join(config.saltBinDir(), "salt-call")
        : "salt-call";
  }

  /** The {@code salt-call --local ...} command line, as Packer builds it (with quoting). */
  String runSaltCall() {
    StringBuilder cmd = new StringBuilder(sudo).append(quote(saltCall())).append(" --local");
    if (SaltMasterlessConfig.isSet(config.customState())) {
      cmd.append(" state.sls ").append(quote(config.customState()));
    } else {
      cmd.append(" state.highstate");
    }
    if (!SaltMasterlessConfig.isSet(config.minionConfig())) {
      cmd.append(" --file-root=").append(quote(config.stateTree()));
      cmd.append(" --pillar-root=").append(quote(config.pillarRoots()));
    }
    if (config.exitOnFailure()) {
      cmd.append(" --retcode-passthrough");
    }
    cmd.append(" -l ").append(quote(config.level()));
    if (SaltMasterlessConfig.isSet(config.saltCallArgs())) {
      cmd.append(' ').append(config.saltCallArgs());
    }
    return cmd.toString();
  }

  /** {@code dir/name} without a doubled slash. */
  static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** The directory holding {@code path} ({@code .} for a bare name), trailing slashes ignored. */
  static String parent(String path) {
    String p = stripTrailingSlashes(path);
    int slash = p.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    return slash == 0 ? "/" : p.substring(0, slash);
  }

  static String stripTrailingSlashes(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * Leaves plain words bare (Packer's look); single-quotes anything else for {@code sh}. A leading
   * {@code ~/} stays unquoted so that it still means the login user's home directory.
   */
  static String quote(String s) {
    if (s.startsWith("~/") && s.length() > 2) {
      return "~/" + quote(s.substring(2));
    }
    if (SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
