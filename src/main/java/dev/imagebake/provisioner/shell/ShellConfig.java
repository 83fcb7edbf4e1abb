package dev.imagebake.provisioner.shell;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.time.Duration;
import java.util.List;

/** The {@code shell} provisioner's keys (reference §6.1). Null means "not set". */
@Doc("Runs shell scripts on the machine being built, through its communicator.")
public record ShellConfig(
    @Doc("Commands run as one script, one line each, rendered with build data at run time.")
        @RenderLater
        List<String> inline,
    @Doc("A local script to upload and run.") String script,
    @Doc("Local scripts to upload and run, in order.") List<String> scripts,
    @Doc("Interpreter of the inline script (default /bin/sh -e).") String inlineShebang,
    @Doc("KEY=VALUE pairs set for every script, rendered with build data at run time.") @RenderLater
        List<String> environmentVars,
    @Doc(
            "Go format of one variable (default \"%s='%s' \", or \"export %s='%s'\\n\" with"
                + " use_env_var_file).")
        String envVarFormat,
    @Doc("Pass the variables in an uploaded file that is sourced instead of on the command line.")
        Boolean useEnvVarFile,
    @Doc(
            "Command running the script, with {{.Vars}}, {{.Path}}, {{.EnvVarFile}} (default"
                + " \"chmod +x {{.Path}}; {{.Vars}} {{.Path}}\").")
        @RenderLater
        String executeCommand,
    @Doc("Remote directory the script is uploaded to (default /tmp).") String remoteFolder,
    @Doc("Remote file name of the script (default script_<random>.sh).") String remoteFile,
    @Doc("Full remote path of the script (default remote_folder/remote_file).") String remotePath,
    @Doc("Upload scripts as they are, without turning CRLF line endings into LF.") Boolean binary,
    @Doc("Leave the uploaded script (and variables file) on the machine.") Boolean skipClean,
    @Doc("Exit codes that count as success (default [0]).") List<Integer> validExitCodes,
    @Doc("Accept a script whose connection drops (e.g. a reboot).") Boolean expectDisconnect,
    @Doc("Keep retrying to upload and start a script this long (default 5m).")
        Duration startRetryTimeout,
    @Doc("Wait this long after the provisioner finished.") Duration pauseAfter) {

  static final String DEFAULT_EXECUTE_COMMAND = "chmod +x {{.Path}}; {{.Vars}} {{.Path}}";
  static final String DEFAULT_ENV_FILE_EXECUTE_COMMAND =
      "chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}";

  /** The inline commands, null when none (an empty list counts as unset, as in Packer). */
  List<String> inlineOrNull() {
    return inline == null || inline.isEmpty() ? null : inline;
  }

  /** The scripts to run: {@code script} when set, else {@code scripts}. */
  List<String> scriptList() {
    if (script != null && !script.isEmpty()) {
      return List.of(script);
    }
    return scripts == null ? List.of() : scripts;
  }

  String shebang() {
    return empty(inlineShebang) ? "/bin/sh -e" : inlineShebang;
  }

  boolean envVarFile() {
    return Boolean.TRUE.equals(useEnvVarFile);
  }

  String envFormat() {
    if (!empty(envVarFormat)) {
      return envVarFormat;
    }
    return envVarFile() ? "export %s='%s'\n" : "%s='%s' ";
  }

  String executeCommandOrDefault() {
    if (!empty(executeCommand)) {
      return executeCommand;
    }
    return envVarFile() ? DEFAULT_ENV_FILE_EXECUTE_COMMAND : DEFAULT_EXECUTE_COMMAND;
  }

  String folder() {
    return empty(remoteFolder) ? "/tmp" : remoteFolder;
  }

  Duration retryTimeout() {
    return startRetryTimeout == null ? Duration.ofMinutes(5) : startRetryTimeout;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
