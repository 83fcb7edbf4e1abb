package dev.imagebake.provisioner.puppet;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import dev.imagebake.sdk.config.Secret;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code puppet-masterless} provisioner's keys (Packer 1.6.6). Null means "not set". */
@Doc(
    "Applies a Puppet manifest on the machine with puppet apply (no Puppet server): uploads the"
        + " manifest(s), modules and hiera configuration to a staging directory first.")
public record PuppetMasterlessConfig(
    @Doc(
            "The local manifest file (or directory of manifests) to apply; uploaded to"
                + " <staging_directory>/manifests. Required.")
        String manifestFile,
    @Doc(
            "A local directory of manifests uploaded to <staging_directory>/manifests and passed as"
                + " --manifestdir (which Puppet 4 and later no longer accept).")
        String manifestDir,
    @Doc(
            "Local module directories, each uploaded to <staging_directory>/module-<index> and put"
                + " on --modulepath.")
        List<String> modulePaths,
    @Doc("A local hiera configuration file, uploaded and passed as --hiera_config.")
        String hieraConfigPath,
    @Doc(
            "Facts set as FACTER_<name> environment variables (packer_build_name and"
                + " packer_builder_type are always added).")
        Map<String, String> facter,
    @Doc(
            "Extra puppet apply arguments, joined with spaces and not quoted; rendered with the"
                + " execute_command fields at run time.")
        @RenderLater
        List<String> extraArguments,
    @Doc(
            "Do not fail on Puppet's exit status (by default only 0 and 2, \"changes applied\", are"
                + " success).")
        Boolean ignoreExitCodes,
    @Doc("Run Puppet and the housekeeping commands without sudo.") Boolean preventSudo,
    @Doc(
            "Remote directory the files are uploaded to (default /tmp/packer-puppet-masterless);"
                + " made world-writable.")
        String stagingDirectory,
    @Doc("Remote directory puppet apply runs in (default staging_directory); it must exist.")
        String workingDirectory,
    @Doc("Directory of the puppet program on the machine, when it is not on the PATH.")
        String puppetBinDir,
    @Doc("The machine's OS family: unix (default) or windows (not supported by imagebake yet).")
        String guestOsType,
    @Doc(
            "The command running Puppet, with {{.WorkingDir}}, {{.FacterVars}}, {{.Sudo}},"
                + " {{.PuppetBinDir}}, {{.ModulePath}}, {{.HieraConfigPath}}, {{.ManifestDir}},"
                + " {{.ExtraArguments}}, {{.ManifestFile}} (default Packer's: cd {{.WorkingDir}} &&"
                + " ... puppet apply --detailed-exitcodes ...).")
        @RenderLater
        String executeCommand,
    @Doc("Remove the staging directory after Puppet ran.") Boolean cleanStagingDirectory,
    @Doc("Windows only (scheduled-task elevation); not supported by imagebake yet.")
        String elevatedUser,
    @Doc("Windows only, with elevated_user; not supported by imagebake yet.") @Secret
        String elevatedPassword) {

  static final String DEFAULT_STAGING_DIRECTORY = "/tmp/packer-puppet-masterless";

  /** Packer 1.6.6's unix execute_command, verbatim. */
  static final String DEFAULT_EXECUTE_COMMAND =
      "cd {{.WorkingDir}} && "
          + "{{if ne .FacterVars \"\"}}{{.FacterVars}} {{end}}"
          + "{{if .Sudo}}sudo -E {{end}}"
          + "{{if ne .PuppetBinDir \"\"}}{{.PuppetBinDir}}/{{end}}"
          + "puppet apply --detailed-exitcodes "
          + "{{if .Debug}}--debug {{end}}"
          + "{{if ne .ModulePath \"\"}}--modulepath='{{.ModulePath}}' {{end}}"
          + "{{if ne .HieraConfigPath \"\"}}--hiera_config='{{.HieraConfigPath}}' {{end}}"
          + "{{if ne .ManifestDir \"\"}}--manifestdir='{{.ManifestDir}}' {{end}}"
          + "{{if ne .ExtraArguments \"\"}}{{.ExtraArguments}} {{end}}"
          + "{{.ManifestFile}}";

  String staging() {
    return isSet(stagingDirectory) ? stagingDirectory : DEFAULT_STAGING_DIRECTORY;
  }

  String workingDir() {
    return isSet(workingDirectory) ? workingDirectory : staging();
  }

  String executeCommandOrDefault() {
    return isSet(executeCommand) ? executeCommand : DEFAULT_EXECUTE_COMMAND;
  }

  /** {@code guest_os_type}, lower-cased as Packer does, {@code unix} when unset. */
  String osType() {
    return isSet(guestOsType) ? guestOsType.toLowerCase(Locale.ROOT) : "unix";
  }

  boolean sudo() {
    return !Boolean.TRUE.equals(preventSudo);
  }

  boolean ignoreExit() {
    return Boolean.TRUE.equals(ignoreExitCodes);
  }

  boolean cleanStaging() {
    return Boolean.TRUE.equals(cleanStagingDirectory);
  }

  List<String> modules() {
    return modulePaths == null ? List.of() : modulePaths;
  }

  List<String> extraArgs() {
    return extraArguments == null ? List.of() : extraArguments;
  }

  Map<String, String> facts() {
    return facter == null ? Map.of() : facter;
  }

  static boolean isSet(String s) {
    return s != null && !s.isEmpty();
  }
}
