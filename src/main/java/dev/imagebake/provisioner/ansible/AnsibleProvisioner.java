package dev.imagebake.provisioner.ansible;

import static dev.imagebake.provisioner.ansible.AnsibleConfig.empty;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Packer 1.6.6's remote {@code ansible}: runs the local ansible-playbook against the machine,
 * either through a local SSH proxy ({@link SshProxy}; the default) that carries Ansible's commands
 * and scp transfers over the build's communicator, or (use_proxy false) directly to the SSH
 * communicator's host with its key. The generated key, the inventory (unless kept) and the proxy
 * are gone when the provisioner ends, interrupted or not.
 */
final class AnsibleProvisioner implements Provisioner {
  private final AnsibleConfig config;

  AnsibleProvisioner(AnsibleConfig config) {
    this.config = config;
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    Ui ui = ctx.ui();
    ui.say("Provisioning with Ansible...");
    Map<String, String> data = buildData == null ? Map.of() : buildData;
    String connType = data.getOrDefault("ConnType", "");
    boolean proxy = config.proxy();
    if (!proxy && data.getOrDefault("Host", "").isEmpty()) {
      ui.error(
          "Warning: use_proxy is false, but instance does not have an IP address to give to"
              + " Ansible. Falling back to use localhost proxy.");
      proxy = true;
    }
    if (!proxy && !connType.equals("ssh") && !connType.equals("winrm")) {
      ui.error(
          "Warning: use_proxy is false, but communicator is neither ssh nor winrm, so without the"
              + " proxy ansible will not function. Falling back to localhost proxy.");
      proxy = true;
    }
    if (!proxy && connType.equals("winrm")) {
      throw new AnsibleFailedException(
          "use_proxy false with the winrm communicator is not supported by imagebake yet");
    }
    String user = empty(config.user()) ? System.getProperty("user.name", "") : config.user();
    List<Path> temporary = new ArrayList<>();
    CommunicatorQueue queue = null;
    SshProxy server = null;
    try {
      String privateKeyFile = "";
      Map<String, Object> fields = new HashMap<>(data);
      if (proxy) {
        ui.message("Setting up proxy adapter for Ansible....");
        SshProxy.UserKey userKey;
        if (empty(config.sshAuthorizedKeyFile())) {
          KeyPair pair = SshProxy.KeyPairs.rsa();
          Path key = writePrivateKey(pair);
          temporary.add(key);
          privateKeyFile = key.toString();
          userKey = new SshProxy.GeneratedKey(pair.getPublic());
        } else {
          userKey = new SshProxy.AuthorizedKeyFile(ctx.localPath(config.sshAuthorizedKeyFile()));
        }
        queue = new CommunicatorQueue();
        Path hostKey =
            empty(config.sshHostKeyFile()) ? null : ctx.localPath(config.sshHostKeyFile());
        server =
            SshProxy.start(
                config.port(),
                user,
                userKey,
                hostKey,
                config.sftpCommandOrDefault(),
                comm,
                queue,
                ui);
        fields.put("Host", "127.0.0.1");
        fields.put("Port", server.port());
      } else {
        ui.message(
            "Not using Proxy adapter for Ansible run:\n"
                + "\tUsing ssh keys from Packer communicator...");
        String keyFile = data.getOrDefault("SSHPrivateKeyFile", "");
        if (!keyFile.isEmpty() || "true".equals(data.get("SSHAgentAuth"))) {
          privateKeyFile = keyFile.isEmpty() ? "" : ctx.localPath(keyFile).toString();
        } else if (!data.getOrDefault("SSHPrivateKey", "").isEmpty()) {
          Path key = temporaryFile("ansible-key", data.get("SSHPrivateKey"));
          temporary.add(key);
          privateKeyFile = key.toString();
        }
        if (empty(config.user())) {
          user = data.getOrDefault("User", user);
        }
      }
      fields.put("HostAlias", config.hostAliasOrDefault());
      fields.put("User", user);
      String inventory;
      if (empty(config.inventoryFile())) {
        Path generated = createInventory(ctx, data, fields);
        if (!Boolean.TRUE.equals(config.keepInventoryFile())) {
          temporary.add(generated);
        }
        inventory = generated.toString();
      } else {
        inventory = config.inventoryFile();
      }
      execute(ctx, data, connType, privateKeyFile, inventory, queue);
    } finally {
      if (server != null) {
        server.close();
      }
      for (Path p : temporary) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void execute(
      BuildContext ctx,
      Map<String, String> data,
      String connType,
      String privateKeyFile,
      String inventory,
      CommunicatorQueue queue)
      throws Exception {
    Ui ui = ctx.ui();
    if (!empty(config.galaxyFile())) {
      galaxy(ctx, queue);
    }
    String playbook = ctx.localPath(config.playbookFile()).toAbsolutePath().toString();
    List<String> envVars = envVars();
    List<String> args =
        PlaybookArguments.of(
            config,
            ctx.buildName(),
            ctx.builderType(),
            data.getOrDefault("PackerHTTPAddr", PlaybookArguments.HTTP_ADDR_NOT_IMPLEMENTED),
            connType,
            privateKeyFile,
            envVars,
            inventory,
            playbook);
    EscapedSecrets.register(ctx, args);
    List<String> argv = new ArrayList<>();
    argv.add(config.commandOrDefault());
    argv.addAll(args);
    ui.say("Executing Ansible: " + String.join(" ", argv));
    PlaybookOutput output = new PlaybookOutput(messages(ui));
    int status;
    try {
      status =
          LocalCommand.run(
              argv,
              environment(ctx, envVars),
              ctx.workingDirectory(),
              output,
              ctx.cancellation(),
              queue);
    } catch (IOException e) {
      throw new AnsibleFailedException("Error executing Ansible: " + e.getMessage(), e);
    }
    if (status != 0) {
      String exit = "Non-zero exit status: exit status " + status;
      String why =
          output
              .failure()
              .map(PlaybookOutput.Failure::describe)
              .or(output::error)
              .map(reason -> exit + " (" + reason + ")")
              .orElse(exit);
      throw new AnsibleFailedException("Error executing Ansible: " + why);
    }
  }

  /** Packer's {@code executeGalaxy}: roles, then collections, as the requirements file has. */
  private void galaxy(BuildContext ctx, CommunicatorQueue queue) throws Exception {
    String file = ctx.localPath(config.galaxyFile()).toString();
    List<String> roles = new ArrayList<>(List.of("install", "-r", file));
    List<String> collections = new ArrayList<>(List.of("collection", "install", "-r", file));
    if (Boolean.TRUE.equals(config.galaxyForceInstall())) {
      roles.add("-f");
      collections.add("-f");
    }
    if (!empty(config.rolesPath())) {
      roles.add("-p");
      roles.add(ctx.localPath(config.rolesPath()).toString());
    }
    if (!empty(config.collectionsPath())) {
      collections.add("-p");
      collections.add(ctx.localPath(config.collectionsPath()).toString());
    }
    String text = Files.readString(Path.of(file));
    boolean hasRoles = Pattern.compile("(?m)^roles:").matcher(text).find();
    boolean hasCollections = Pattern.compile("(?m)^collections:").matcher(text).find();
    if (hasRoles || !hasCollections) {
      galaxyCommand(ctx, roles, queue);
    }
    if (hasCollections) {
      galaxyCommand(ctx, collections, queue);
    }
  }

  private void galaxyCommand(BuildContext ctx, List<String> args, CommunicatorQueue queue)
      throws Exception {
    ctx.ui().message("Executing Ansible Galaxy");
    List<String> argv = new ArrayList<>();
    argv.add(config.galaxyCommandOrDefault());
    argv.addAll(args);
    int status;
    try {
      status =
          LocalCommand.run(
              argv,
              environment(ctx, List.of()),
              ctx.workingDirectory(),
              messages(ctx.ui()),
              ctx.cancellation(),
              null);
    } catch (IOException e) {
      throw new AnsibleFailedException(
          "Error executing Ansible: Error executing Ansible Galaxy: " + e.getMessage(), e);
    }
    if (status != 0) {
      throw new AnsibleFailedException(
          "Error executing Ansible: Error executing Ansible Galaxy: Non-zero exit status: exit"
              + " status "
              + status);
    }
  }

  /**
   * The ansible_env_vars Packer sets, plus {@code ANSIBLE_SCP_EXTRA_ARGS=-O} when Ansible uses scp
   * and the template does not set it: OpenSSH 9's scp speaks SFTP unless told {@code -O}, and the
   * proxy serves the classic scp protocol.
   */
  List<String> envVars() {
    List<String> vars = config.envVars();
    if (!config.sftp() && vars.stream().noneMatch(v -> v.startsWith("ANSIBLE_SCP_EXTRA_ARGS="))) {
      vars = new ArrayList<>(vars);
      vars.add("ANSIBLE_SCP_EXTRA_ARGS=-O");
    }
    return vars;
  }

  private static Map<String, String> environment(BuildContext ctx, List<String> envVars) {
    Map<String, String> env = new LinkedHashMap<>(ctx.environment());
    for (String v : envVars) {
      int eq = v.indexOf('=');
      if (eq > 0) {
        env.put(v.substring(0, eq), v.substring(eq + 1));
      }
    }
    return env;
  }

  /** Packer's {@code createInventoryFile}: the host line, then each group with it, then empty. */
  private Path createInventory(
      BuildContext ctx, Map<String, String> data, Map<String, Object> fields) throws Exception {
    String host;
    try {
      host = ctx.renderer().render(config.inventoryLine(), data, fields);
    } catch (IllegalArgumentException e) {
      throw new AnsibleFailedException(
          "Error generating inventory file from template: " + e.getMessage(), e);
    }
    StringBuilder text = new StringBuilder(host);
    for (String group : AnsibleConfig.orEmpty(config.groups())) {
      text.append('[').append(group).append("]\n").append(host);
    }
    for (String group : AnsibleConfig.orEmpty(config.emptyGroups())) {
      text.append('[').append(group).append("]\n");
    }
    Path dir =
        empty(config.inventoryDirectory())
            ? Path.of(System.getProperty("java.io.tmpdir"))
            : ctx.localPath(config.inventoryDirectory());
    try {
      Path file = Files.createTempFile(dir, "packer-provisioner-ansible", "");
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new AnsibleFailedException("Error preparing inventory file: " + e.getMessage(), e);
    }
  }

  /** The run's private key, readable by this user only (ssh refuses it otherwise). */
  private static Path writePrivateKey(KeyPair pair) throws IOException {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return temporaryFile("ansible-key", pem);
  }

  private static Path temporaryFile(String prefix, String content) throws IOException {
    Path file =
        Files.createTempFile(
            prefix,
            "",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
    return file;
  }

  /** Packer shows everything Ansible prints, stdout and stderr, as messages. */
  private static OutputSink messages(Ui ui) {
    return new OutputSink() {
      @Override
      public void stdout(String line) {
        ui.message(line);
      }

      @Override
      public void stderr(String line) {
        ui.message(line);
      }
    };
  }
}
