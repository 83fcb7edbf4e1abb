package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.OutputSink;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An upload and a command in one SSH session: the session's standard input carries the file, the
 * remote shell writes it with {@code cat}, prints a marker line and runs the command. OpenSSH
 * spends tens of milliseconds starting each session (a fork and the user's login shell), so this
 * halves the cost of a shell provisioner's script. What the command observes does not change: its
 * standard input is already at its end, as Packer's nil stdin is.
 *
 * <p>Output before the marker is held back: if the marker never comes, the file was not written,
 * and that output (the shell's complaint) is the reason; otherwise it is passed on when the marker
 * arrives.
 */
final class UploadThenRun implements OutputSink {
  private final String marker;
  private final OutputSink next;
  private final List<Consumer<OutputSink>> held = new ArrayList<>();
  private final List<String> heldText = new ArrayList<>();
  private boolean written;

  UploadThenRun(String marker, OutputSink next) {
    this.marker = marker;
    this.next = next;
  }

  /**
   * The shell text: write standard input to {@code remotePath} (never readable by others while it
   * is being written), set {@code mode}, print {@code marker}, run {@code command}.
   */
  static String command(String remotePath, int mode, String marker, String command) {
    String path = Shell.quotePath(remotePath);
    return "(umask 077 && cat >"
        + path
        + ") && chmod "
        + octal(mode)
        + " "
        + path
        + " || exit 1\necho "
        + marker
        + "\n"
        + command;
  }

  /**
   * As {@link #command}, with the file's content in the command text itself (for a {@link
   * RemoteShell}, whose input carries the commands): the shell's builtin {@code printf} writes it
   * under a {@code umask} that keeps it private, then the session's {@code umask} is restored for
   * the command. No process is started for the writing (a {@code cat} with a here-document cost a
   * subshell and an exec, ~1/4 of a short script's remote CPU). Null when {@code content} cannot go
   * this way unchanged: not UTF-8, a NUL byte, or no final newline.
   *
   * <p>A {@code mode} without execute or special bits (the shell provisioner's 0600) costs no
   * process at all for a new file: the {@code umask} {@code 0777 & ~mode} makes {@code printf}
   * create it with exactly that mode. Only a file that is already there (or a symbolic link) gets a
   * {@code chmod}, before it is written, so that it is never readable by others with the new
   * content. Other modes are set by {@code chmod} after the writing, as {@link #command} does.
   *
   * @param umask the session's mask, octal, as {@link RemoteShell#umask} read it
   */
  static String inlineCommand(
      String remotePath, int mode, String marker, String command, byte[] content, String umask) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    if (!text.isEmpty() && !text.endsWith("\n") || text.indexOf('\0') >= 0) {
      return null;
    }
    String path = Shell.quotePath(remotePath);
    String chmod = "chmod " + octal(mode) + " " + path + " || exit 1\n";
    String write = "printf %s " + Shell.quote(text) + " >" + path + " || exit 1\n";
    StringBuilder out = new StringBuilder();
    if ((mode & ~0666) == 0) {
      out.append("umask ")
          .append(octal(0777 & ~mode))
          .append("\nif [ -e ")
          .append(path)
          .append(" ] || [ -h ")
          .append(path)
          .append(" ]; then ")
          .append(chmod.substring(0, chmod.length() - 1))
          .append("; fi\n")
          .append(write)
          .append("umask ")
          .append(umask)
          .append('\n');
    } else {
      out.append("umask 077\n").append(write).append("umask ").append(umask).append('\n');
      out.append(chmod);
    }
    return out.append("echo ").append(marker).append('\n').append(command).toString();
  }

  private static String octal(int mode) {
    return String.format("%04o", mode & 07777);
  }

  @Override
  public synchronized void stdout(String line) {
    if (written) {
      next.stdout(line);
      return;
    }
    if (line.endsWith(marker)) {
      String before = line.substring(0, line.length() - marker.length());
      if (!before.isEmpty()) {
        hold(before, s -> s.stdout(before));
      }
      written = true;
      held.forEach(h -> h.accept(next));
      held.clear();
      return;
    }
    hold(line, s -> s.stdout(line));
  }

  @Override
  public synchronized void stderr(String line) {
    if (written) {
      next.stderr(line);
    } else {
      hold(line, s -> s.stderr(line));
    }
  }

  private void hold(String text, Consumer<OutputSink> replay) {
    held.add(replay);
    heldText.add(text);
  }

  /** Whether the file was written and the command started. */
  synchronized boolean written() {
    return written;
  }

  /** Why the file was not written, from what the session printed and how it ended. */
  synchronized String failure(CommandResult result) {
    String said = String.join("; ", heldText).strip();
    if (!said.isEmpty()) {
      return said;
    }
    return result.isDisconnected()
        ? "the connection dropped while writing the file"
        : "writing the file ended with exit status " + result.exitStatus();
  }
}
