package dev.imagebake.sdk;

import java.util.regex.Pattern;

/**
 * The housekeeping commands provisioners run on a unix machine (Packer's SDK {@code
 * guestexec.GuestCommands}), as POSIX {@code sh} text, each prefixed with {@code sudo} when asked.
 * Unlike Packer's, every path is quoted properly (plain paths stay bare, so commands read the
 * same), and a leading {@code ~/} keeps meaning the login user's home directory.
 *
 * @param sudo whether commands run through {@code sudo}
 */
public record GuestCommands(boolean sudo) {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private String prefix() {
    return sudo ? "sudo " : "";
  }

  /** {@code mkdir -p DIR && chmod 0777 DIR}: Packer's {@code createDir} in one round trip. */
  public String createDir(String dir) {
    String q = quote(dir);
    return prefix() + "mkdir -p " + q + " && " + prefix() + "chmod 0777 " + q;
  }

  /**
   * As {@link #createDir}, but prints {@code created} when the directory did not exist before: a
   * provisioner then knows whether the staging directory is its own to remove.
   */
  public String createStagingDir(String dir) {
    String q = quote(dir);
    return "{ "
        + prefix()
        + "test -d "
        + q
        + " || { "
        + prefix()
        + "mkdir -p "
        + q
        + " && echo created; }; } && "
        + prefix()
        + "chmod 0777 "
        + q;
  }

  /** {@code rm -rf PATH}. */
  public String removeDir(String path) {
    return prefix() + "rm -rf " + quote(path);
  }

  /**
   * Runs {@code command} so that cancelling the build (the communicator then signals TERM to the
   * session's shell, or its process group) stops it and everything it started, after running {@code
   * onInterrupt} (null: nothing), e.g. a {@link #removeDir}: the command runs in the background
   * while the shell waits, and the TERM trap takes down the session's process group. The exit
   * status is the command's.
   *
   * <p>A cancelled build's TERM usually comes more than once (the signal request, the
   * communicator's {@code kill} of the process group, the long-lived shell's own trap), and {@code
   * onInterrupt}'s processes are in that group: the trap therefore ignores TERM before it runs
   * {@code onInterrupt}, whose processes inherit that, so that a second TERM cannot kill the
   * cleanup half-way.
   */
  public static String stoppable(String command, String onInterrupt) {
    String trap =
        onInterrupt == null
            ? "trap - TERM; kill -TERM 0"
            : ("trap \"\" TERM; " + onInterrupt + "; kill -TERM 0").replace("'", "'\\''");
    return "trap '" + trap + "' TERM\n(" + command + "\n) &\nwait $!";
  }

  /** {@code dir/name} without a doubled slash. */
  public static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  /** {@code path} without trailing slashes ({@code /} stays {@code /}). */
  public static String stripTrailingSlashes(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /**
   * One {@code sh} word: plain text as it is, anything else single-quoted; a leading {@code ~/}
   * stays unquoted so that it still means the login user's home directory.
   */
  public static String quote(String s) {
    if (s.startsWith("~/") && s.length() > 2) {
      return "~/" + quote(s.substring(2));
    }
    if (PLAIN.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
