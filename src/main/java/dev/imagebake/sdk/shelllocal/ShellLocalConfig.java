package dev.imagebake.sdk.shelllocal;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.List;

/**
 * The keys of the {@code shell-local} provisioner and post-processor (reference §6.2, §7.5). Null
 * means "not set".
 */
@Doc("Runs a command or scripts on the machine running imagebake.")
public record ShellLocalConfig(
    @Doc("A single command, run like a one-line inline script.") @RenderLater String command,
    @Doc("Commands run as one local script, one line each, rendered with build data at run time.")
        @RenderLater
        List<String> inline,
    @Doc("Interpreter of the inline script (default /bin/sh -e).") String inlineShebang,
    @Doc(
            "Run only on these operating systems (darwin, freebsd, linux, openbsd, solaris,"
                + " windows).")
        List<String> onlyOn,
    @Doc("Extension of the temporary inline script file.") String tempfileExtension,
    @Doc("A local script to run.") String script,
    @Doc("Local scripts to run, in order.") List<String> scripts,
    @Doc("KEY=VALUE pairs set for the command, rendered with build data at run time.") @RenderLater
        List<String> environmentVars,
    @Doc(
            "Accepted for Packer templates and unused: imagebake passes the variables in the"
                + " script's environment, and {{.Vars}} stands for nothing.")
        @RenderLater
        String envVarFormat,
    @Doc("Windows Subsystem for Linux: pass script paths as /mnt/<drive>/... paths.")
        Boolean useLinuxPathing,
    @Doc(
            "The argv run for each script, with {{.Vars}}, {{.Script}}, {{.Command}} (default"
                + " [\"/bin/sh\", \"-c\", \"{{.Vars}} {{.Script}}\"]).")
        @RenderLater
        List<String> executeCommand,
    @Doc("Exit codes that count as success (default [0]).") List<Integer> validExitCodes) {

  /** Inline commands to write to a temporary script ({@code command} counts as one), or null. */
  List<String> inlineOrNull() {
    if (command != null && !command.isEmpty()) {
      return List.of(command);
    }
    return inline == null || inline.isEmpty() ? null : inline;
  }

  /** The scripts to run: {@code script} when set, else {@code scripts}. */
  List<String> scriptList() {
    if (script != null && !script.isEmpty()) {
      return List.of(script);
    }
    return scripts == null ? List.of() : scripts;
  }

  String shebang(Goos goos) {
    if (inlineShebang != null && !inlineShebang.isEmpty()) {
      return inlineShebang;
    }
    return goos == Goos.WINDOWS ? "" : "/bin/sh -e";
  }

  List<String> argv(Goos goos) {
    if (executeCommand != null && !executeCommand.isEmpty()) {
      return executeCommand;
    }
    return goos == Goos.WINDOWS
        ? List.of("cmd", "/V", "/C", "{{.Vars}}", "call", "{{.Script}}")
        : List.of("/bin/sh", "-c", "{{.Vars}} {{.Script}}");
  }

  String extension(Goos goos) {
    if (tempfileExtension != null && !tempfileExtension.isEmpty()) {
      return tempfileExtension;
    }
    return goos == Goos.WINDOWS ? "cmd" : "";
  }

  boolean linuxPathing() {
    return Boolean.TRUE.equals(useLinuxPathing);
  }
}
