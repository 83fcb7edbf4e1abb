package dev.imagebake.provisioner.chef;

import static dev.imagebake.provisioner.chef.ChefSoloConfig.isSet;
import static dev.imagebake.sdk.GuestCommands.join;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.GuestCommands;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Ui;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Packer 1.6.6's {@code chef-solo} for unix machines: optionally installs Chef, makes the staging
 * directory, uploads cookbooks, roles, data bags, the encrypted data bag secret and environments,
 * writes {@code solo.rb} (from Packer's template or {@code config_template}) and {@code node.json}
 * (the {@code json} attributes with {@code run_list}), then runs the rendered {@code
 * execute_command}.
 *
 * <p>Differences from Packer: the encrypted data bag secret is uploaded with mode 0600 and removed
 * once chef-solo ended (Packer left it in the image); an interrupt while Chef installs or runs
 * stops it on the machine and removes the staging directory the provisioner created; cookbook paths
 * in solo.rb are escaped as Ruby strings.
 */
final class ChefSoloProvisioner implements Provisioner {
  private final ChefSoloConfig config;
  private final GuestCommands commands;

  ChefSoloProvisioner(ChefSoloConfig config) {
    this.config = config;
    this.commands = new GuestCommands(config.sudo());
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    if (!config.osType().equals("unix")) {
      throw new ChefFailedException(
          "guest_os_type " + config.osType() + " is not supported by imagebake yet");
    }
    Map<String, String> data = buildData == null ? Map.of() : buildData;
    Ui ui = ctx.ui();
    ui.say("Provisioning with chef-solo");
    if (config.install()) {
      installChef(ctx, comm, data);
    }
    String staging = config.staging();
    ui.message("Creating directory: " + staging);
    List<String> made = new ArrayList<>();
    CommandResult created =
        comm.run(RemoteCommand.of(commands.createStagingDir(staging)), collectInto(ui, made));
    if (created.exitStatus() != 0) {
      throw new ChefFailedException(
          "Error creating staging directory: Non-zero exit status. See output above for more"
              + " info.");
    }
    String removeOnInterrupt = made.contains("created") ? commands.removeDir(staging) : null;
    String secret = "";
    try {
      List<String> cookbooks = new ArrayList<>();
      for (int i = 0; i < config.cookbooks().size(); i++) {
        String target = join(staging, "cookbooks-" + i);
        uploadDirectory(ctx, comm, target, config.cookbooks().get(i), "Error uploading cookbooks");
        cookbooks.add(target);
      }
      String roles = "";
      if (isSet(config.rolesPath())) {
        roles = join(staging, "roles");
        uploadDirectory(ctx, comm, roles, config.rolesPath(), "Error uploading roles");
      }
      String dataBags = "";
      if (isSet(config.dataBagsPath())) {
        dataBags = join(staging, "data_bags");
        uploadDirectory(ctx, comm, dataBags, config.dataBagsPath(), "Error uploading data bags");
      }
      if (isSet(config.encryptedDataBagSecretPath())) {
        secret = join(staging, "encrypted_data_bag_secret");
        if (removeOnInterrupt == null) {
          removeOnInterrupt = removeFile(secret);
        }
        Path local = ctx.localPath(config.encryptedDataBagSecretPath());
        try (InputStream in = Files.newInputStream(local)) {
          comm.upload(secret, in, Files.size(local), 0600);
        } catch (IOException e) {
          throw new ChefFailedException(
              "Error uploading encrypted data bag secret: " + e.getMessage(), e);
        }
      }
      String environments = "";
      if (isSet(config.environmentsPath())) {
        environments = join(staging, "environments");
        uploadDirectory(
            ctx, comm, environments, config.environmentsPath(), "Error uploading environments");
      }
      String configPath =
          createConfig(ctx, comm, data, cookbooks, roles, dataBags, secret, environments);
      String jsonPath = createJson(ctx, comm);
      executeChef(ctx, comm, data, configPath, jsonPath, removeOnInterrupt);
    } finally {
      if (!secret.isEmpty() && !ctx.cancellation().isCancelled()) {
        removeSecret(ctx, comm, secret);
      }
    }
  }

  private void installChef(BuildContext ctx, Communicator comm, Map<String, String> data)
      throws Exception {
    ctx.ui().message("Installing Chef...");
    Map<String, Object> fields = new HashMap<>();
    fields.put("Sudo", config.sudo());
    fields.put("Version", config.version() == null ? "" : config.version());
    String command =
        render(ctx, config.installCommandOrDefault(), data, fields, "Error installing Chef: ");
    CommandResult r =
        comm.run(RemoteCommand.of(GuestCommands.stoppable(command, null)), OutputSink.of(ctx.ui()));
    if (r.exitStatus() != 0) {
      throw new ChefFailedException(
          "Error installing Chef: Install script exited with non-zero exit status "
              + r.exitStatus());
    }
  }

  private String createConfig(
      BuildContext ctx,
      Communicator comm,
      Map<String, String> data,
      List<String> cookbooks,
      String roles,
      String dataBags,
      String secret,
      String environments)
      throws Exception {
    ctx.ui().message("Creating configuration file 'solo.rb'");
    List<String> paths = new ArrayList<>(config.remoteCookbooks());
    paths.addAll(cookbooks);
    String template = ChefSoloConfig.DEFAULT_CONFIG_TEMPLATE;
    if (isSet(config.configTemplate())) {
      try {
        template = Files.readString(ctx.localPath(config.configTemplate()));
      } catch (IOException e) {
        throw new ChefFailedException("Error creating Chef config file: " + e.getMessage(), e);
      }
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(
        "CookbookPaths",
        paths.stream().map(ChefSoloProvisioner::rubyString).collect(Collectors.joining(",")));
    fields.put("RolesPath", roles);
    fields.put("DataBagsPath", dataBags);
    fields.put("EncryptedDataBagSecretPath", secret);
    fields.put("EnvironmentsPath", environments);
    fields.put("ChefEnvironment", config.chefEnvironment() == null ? "" : config.chefEnvironment());
    fields.put("ChefLicense", config.license());
    fields.put("HasRolesPath", !roles.isEmpty());
    fields.put("HasDataBagsPath", !dataBags.isEmpty());
    fields.put("HasEncryptedDataBagSecretPath", !secret.isEmpty());
    fields.put("HasEnvironmentsPath", !environments.isEmpty());
    String solo = render(ctx, template, data, fields, "Error creating Chef config file: ");
    String remote = join(config.staging(), "solo.rb");
    upload(comm, remote, solo, "Error creating Chef config file: ");
    return remote;
  }

  private String createJson(BuildContext ctx, Communicator comm) throws Exception {
    ctx.ui().message("Creating JSON attribute file");
    Map<String, Object> attributes = new LinkedHashMap<>(config.attributes());
    if (!config.runs().isEmpty()) {
      attributes.put("run_list", config.runs());
    }
    String remote = join(config.staging(), "node.json");
    upload(comm, remote, GoJson.write(attributes), "Error creating JSON attributes: ");
    return remote;
  }

  private void executeChef(
      BuildContext ctx,
      Communicator comm,
      Map<String, String> data,
      String configPath,
      String jsonPath,
      String removeOnInterrupt)
      throws Exception {
    Map<String, Object> fields = new HashMap<>();
    fields.put("ConfigPath", configPath);
    fields.put("JsonPath", jsonPath);
    fields.put("Sudo", config.sudo());
    String command =
        render(ctx, config.executeCommandOrDefault(), data, fields, "Error executing Chef: ");
    ctx.ui().message("Executing Chef: " + command);
    CommandResult r =
        comm.run(
            RemoteCommand.of(GuestCommands.stoppable(command, removeOnInterrupt)),
            OutputSink.of(ctx.ui()));
    if (r.isDisconnected()) {
      throw new ChefFailedException(
          "Error executing Chef: the connection dropped before chef-solo ended");
    }
    if (r.exitStatus() == 127) {
      throw new ChefFailedException(
          "Error executing Chef: Non-zero exit status: 127 (chef-solo could not be found: install"
              + " Chef, or leave skip_install unset)");
    }
    if (r.exitStatus() != 0) {
      throw new ChefFailedException(
          "Error executing Chef: Non-zero exit status: " + r.exitStatus());
    }
  }

  /** Packer's {@code uploadDirectory}: the directory is made, then its contents go into it. */
  private void uploadDirectory(
      BuildContext ctx, Communicator comm, String remote, String localDir, String what)
      throws Exception {
    ctx.ui().message("Creating directory: " + remote);
    CommandResult r =
        comm.run(RemoteCommand.of(commands.createDir(remote)), OutputSink.of(ctx.ui()));
    if (r.exitStatus() != 0) {
      throw new ChefFailedException(
          what + ": Non-zero exit status. See output above for more info.");
    }
    try {
      comm.uploadDir(remote, ctx.localPath(localDir), true);
    } catch (IOException e) {
      throw new ChefFailedException(what + ": " + e.getMessage(), e);
    }
  }

  private static void upload(Communicator comm, String remote, String text, String errorPrefix)
      throws ChefFailedException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      comm.upload(remote, new ByteArrayInputStream(bytes), bytes.length, 0644);
    } catch (IOException e) {
      throw new ChefFailedException(errorPrefix + e.getMessage(), e);
    }
  }

  private String removeFile(String path) {
    return (config.sudo() ? "sudo " : "") + "rm -f " + GuestCommands.quote(path);
  }

  private void removeSecret(BuildContext ctx, Communicator comm, String secret) {
    try {
      CommandResult r = comm.run(RemoteCommand.of(removeFile(secret)), OutputSink.of(ctx.ui()));
      if (r.exitStatus() != 0) {
        ctx.ui().error("Could not remove the encrypted data bag secret " + secret);
      }
    } catch (IOException | RuntimeException e) {
      ctx.ui()
          .error(
              "Could not remove the encrypted data bag secret " + secret + ": " + e.getMessage());
    }
  }

  /** A Ruby double-quoted string literal of {@code s} (Packer wrapped it in quotes only). */
  static String rubyString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("#", "\\#") + "\"";
  }

  private static String render(
      BuildContext ctx,
      String template,
      Map<String, String> data,
      Map<String, Object> fields,
      String errorPrefix)
      throws ChefFailedException {
    try {
      return ctx.renderer().render(template, data, fields);
    } catch (IllegalArgumentException e) {
      throw new ChefFailedException(errorPrefix + e.getMessage(), e);
    }
  }

  /** Shows stderr; collects stdout into {@code stdout} instead of showing it. */
  private static OutputSink collectInto(Ui ui, List<String> stdout) {
    return new OutputSink() {
      @Override
      public void stdout(String line) {
        stdout.add(line);
      }

      @Override
      public void stderr(String line) {
        ui.error(line);
      }
    };
  }
}
