package dev.imagebake.provisioner.shell;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one remote command that runs an uploaded script. Packer spends a round trip on each of {@code
 * chmod 0755}, the execute command and {@code rm -f} (imagebake's chmod is 0700: the script may
 * hold rendered secrets); this folds them into one shell text that keeps what the script observes
 * ({@code $0}, environment, working directory, exit status, its file's mode) and still cleans up
 * when the execute command calls {@code exit}, because that runs in a subshell. Lines are separated
 * by newlines so a {@code #} comment in a user's execute command cannot swallow the cleanup.
 *
 * <p>The script is uploaded with mode 0600 ({@link ShellProvisioner#UPLOAD_MODE}), which a
 * communicator can set without starting a process; this command's {@code chmod} then makes it 0700.
 * When the execute command starts with Packer's default {@code chmod +x <path>; }, that second
 * {@code chmod} is folded into the first ({@code chmod a=,u=rwx,+x}: 0700, then {@code +x} under
 * the session's umask, exactly as the two did): one process start less on the remote machine per
 * script (~1.5 ms on the development machine under load, of ~6 ms for a script that only echoes).
 */
final class RemoteScriptCommand {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./~+=:,@%-]+");

  private RemoteScriptCommand() {}

  /**
   * @param chmodFirst files to {@code chmod 0600} before running (the variables file, once)
   * @param remotePath the uploaded script
   * @param executeCommand the rendered {@code execute_command}
   * @param removeAfter files to delete afterwards; empty with {@code skip_clean}
   */
  static String of(
      List<String> chmodFirst, String remotePath, String executeCommand, List<String> removeAfter) {
    StringBuilder cmd = new StringBuilder();
    for (String file : chmodFirst) {
      cmd.append("chmod 0600 ").append(quote(file)).append('\n');
    }
    String path = quote(remotePath);
    String execute = executeCommand;
    // Folded only where the execute command names the file by the very text used here (a path
    // that needs no quotes), so that both mean the same file; its chmod ran first there anyway.
    String defaultChmod = "chmod +x " + remotePath + "; ";
    if (path.equals(remotePath) && executeCommand.startsWith(defaultChmod)) {
      cmd.append("chmod a=,u=rwx,+x ").append(path).append('\n');
      execute = executeCommand.substring(defaultChmod.length());
    } else {
      cmd.append("chmod 0700 ").append(path).append('\n');
    }
    // A cancelled build signals this shell (TERM) and drops the connection. A shell reacts to a
    // signal only once its foreground command ends, and the script's children would outlive it
    // anyway; so the script runs in the background while the shell waits, and TERM takes the
    // whole process group (this session) down with it, after removing the uploaded files.
    // The cleanup ignores TERM while it runs (and its rm inherits that): a cancelled build may
    // signal the group more than once, and a second TERM would kill the rm and leave the script.
    cmd.append("trap '")
        .append(
            removeAfter.isEmpty()
                ? "trap - TERM; kill -TERM 0"
                : "trap \"\" TERM; " + removeInTrap(removeAfter) + "kill -TERM 0")
        .append("' TERM\n");
    cmd.append("(").append(execute).append("\n) &\nwait $!; rc=$?");
    if (!removeAfter.isEmpty()) {
      cmd.append("; rm -f");
      for (String file : removeAfter) {
        cmd.append(' ').append(quote(file));
      }
    }
    return cmd.append("; exit $rc").toString();
  }

  /** {@code rm -f files; } inside the single-quoted trap text, or nothing. */
  private static String removeInTrap(List<String> files) {
    if (files.isEmpty()) {
      return "";
    }
    return (remove(files) + "; ").replace("'", "'\\''");
  }

  /** {@code rm -f} of {@code files}: the cleanup after a script that disconnected. */
  static String remove(List<String> files) {
    StringBuilder cmd = new StringBuilder("rm -f");
    files.forEach(f -> cmd.append(' ').append(quote(f)));
    return cmd.toString();
  }

  /** Leaves plain paths as Packer writes them; single-quotes the others. */
  static String quote(String s) {
    if (SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
