package dev.imagebake.provisioner.chef;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code chef-solo} provisioner's keys (Packer 1.6.6). Null means "not set". */
@Doc(
    "Runs chef-solo on the machine (no Chef server): optionally installs Chef, uploads cookbooks,"
        + " roles, data bags and environments, writes solo.rb and the node JSON, then runs it.")
public record ChefSoloConfig(
    @Doc("The Chef environment (written to solo.rb with environments_path).")
        String chefEnvironment,
    @Doc(
            "Chef's license acceptance, written to solo.rb (default accept-silent when Chef is"
                + " installed with the default install_command).")
        String chefLicense,
    @Doc(
            "A local file rendered (with {{.CookbookPaths}}, {{.RolesPath}}, ...) into solo.rb"
                + " instead of Packer's default.")
        String configTemplate,
    @Doc("Local cookbook directories, each uploaded to <staging_directory>/cookbooks-<index>.")
        List<String> cookbookPaths,
    @Doc("A local directory of roles, uploaded to <staging_directory>/roles.") String rolesPath,
    @Doc("A local directory of data bags, uploaded to <staging_directory>/data_bags.")
        String dataBagsPath,
    @Doc(
            "A local file with the secret of encrypted data bags, uploaded (mode 0600) to"
                + " <staging_directory>/encrypted_data_bag_secret and removed after the run.")
        String encryptedDataBagSecretPath,
    @Doc("A local directory of environments, uploaded to <staging_directory>/environments.")
        String environmentsPath,
    @Doc(
            "The command running chef-solo, with {{.ConfigPath}}, {{.JsonPath}}, {{.Sudo}} (default"
                + " \"{{if .Sudo}}sudo {{end}}chef-solo --no-color -c {{.ConfigPath}} -j"
                + " {{.JsonPath}}\").")
        @RenderLater
        String executeCommand,
    @Doc(
            "The command installing Chef, with {{.Sudo}}, {{.Version}} (default: Chef's omnitruck"
                + " install.sh through curl and bash).")
        @RenderLater
        String installCommand,
    @Doc("Cookbook directories already on the machine, put first in solo.rb's cookbook_path.")
        List<String> remoteCookbookPaths,
    @Doc("Node attributes, written to the node JSON (with run_list).") Map<String, Object> json,
    @Doc("Run the commands without sudo.") Boolean preventSudo,
    @Doc("The run list, e.g. [\"recipe[base]\", \"role[web]\"].") List<String> runList,
    @Doc("Do not install Chef (it is already on the machine).") Boolean skipInstall,
    @Doc("Remote directory everything is uploaded to (default /tmp/packer-chef-solo).")
        String stagingDirectory,
    @Doc("The machine's OS family: unix (default) or windows (not supported by imagebake yet).")
        String guestOsType,
    @Doc("The Chef version to install (default the latest).") String version) {

  static final String DEFAULT_STAGING_DIRECTORY = "/tmp/packer-chef-solo";

  /** Packer 1.6.6's unix commands and solo.rb template, verbatim. */
  static final String DEFAULT_EXECUTE_COMMAND =
      "{{if .Sudo}}sudo {{end}}chef-solo --no-color -c {{.ConfigPath}} -j {{.JsonPath}}";

  static final String DEFAULT_INSTALL_COMMAND =
      "curl -L https://omnitruck.chef.io/install.sh | {{if .Sudo}}sudo {{end}}bash -s"
          + " --{{if .Version}} -v {{.Version}}{{end}}";

  static final String DEFAULT_CONFIG_TEMPLATE =
      "\n"
          + "chef_license \t\t\"{{.ChefLicense}}\"\n"
          + "cookbook_path \t[{{.CookbookPaths}}]\n"
          + "{{if .HasRolesPath}}\n"
          + "role_path\t\t\"{{.RolesPath}}\"\n"
          + "{{end}}\n"
          + "{{if .HasDataBagsPath}}\n"
          + "data_bag_path\t\"{{.DataBagsPath}}\"\n"
          + "{{end}}\n"
          + "{{if .HasEncryptedDataBagSecretPath}}\n"
          + "encrypted_data_bag_secret \"{{.EncryptedDataBagSecretPath}}\"\n"
          + "{{end}}\n"
          + "{{if .HasEnvironmentsPath}}\n"
          + "environment_path \"{{.EnvironmentsPath}}\"\n"
          + "environment \"{{.ChefEnvironment}}\"\n"
          + "{{end}}\n";

  String staging() {
    return isSet(stagingDirectory) ? stagingDirectory : DEFAULT_STAGING_DIRECTORY;
  }

  String executeCommandOrDefault() {
    return isSet(executeCommand) ? executeCommand : DEFAULT_EXECUTE_COMMAND;
  }

  String installCommandOrDefault() {
    return isSet(installCommand) ? installCommand : DEFAULT_INSTALL_COMMAND;
  }

  /**
   * Packer's rule: {@code accept-silent} when unset and Chef is installed with the default install
   * command; otherwise as given (possibly empty).
   */
  String license() {
    if (isSet(chefLicense)) {
      return chefLicense;
    }
    boolean defaultInstall =
        !isSet(installCommand) || installCommand.equals(DEFAULT_INSTALL_COMMAND);
    return install() && defaultInstall ? "accept-silent" : "";
  }

  /** {@code guest_os_type}, lower-cased as Packer does, {@code unix} when unset. */
  String osType() {
    return isSet(guestOsType) ? guestOsType.toLowerCase(Locale.ROOT) : "unix";
  }

  boolean sudo() {
    return !Boolean.TRUE.equals(preventSudo);
  }

  boolean install() {
    return !Boolean.TRUE.equals(skipInstall);
  }

  List<String> cookbooks() {
    return cookbookPaths == null ? List.of() : cookbookPaths;
  }

  List<String> remoteCookbooks() {
    return remoteCookbookPaths == null ? List.of() : remoteCookbookPaths;
  }

  List<String> runs() {
    return runList == null ? List.of() : runList;
  }

  Map<String, Object> attributes() {
    return json == null ? Map.of() : json;
  }

  static boolean isSet(String s) {
    return s != null && !s.isEmpty();
  }
}
