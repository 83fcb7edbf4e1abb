package dev.imagebake.builder.docker;

import dev.imagebake.docker.EcrLogin;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code docker} builder: Packer 1.6.6's {@code Prepare} rules and messages, and more. */
public final class DockerBuilderFactory implements BuilderFactory<DockerBuilderConfig> {
  private static final Pattern IMAGE_FIELD = Pattern.compile("\\{\\{\\s*\\.Image\\s*}}");

  public DockerBuilderFactory() {}

  @Override
  public String type() {
    return "docker";
  }

  @Override
  public Class<DockerBuilderConfig> configType() {
    return DockerBuilderConfig.class;
  }

  @Override
  public void check(DockerBuilderConfig config, ConfigCheck check) {
    String comm = config.communicatorType();
    if (!comm.equals("docker") && !comm.equals("none")) {
      check.error(
          "communicator",
          "the docker builder supports the docker and none communicators in imagebake, not "
              + comm);
    }
    if (config.image() == null || config.image().isEmpty()) {
      check.error("image", "Image must be specified");
    }
    int uses =
        (config.isCommit() ? 1 : 0) + (config.isDiscard() ? 1 : 0) + (config.isExport() ? 1 : 0);
    if (uses > 1) {
      check.error("Cannot specify more than one of commit, discard, and export_path");
    } else if (uses == 0) {
      check.error(
          "No instructions given for handling the artifact; expected commit, discard, or"
              + " export_path");
    }
    if (config.isExport() && Files.isDirectory(check.resolve(config.exportPath()))) {
      check.error("export_path", "export_path must be a file, not a directory");
    }
    if (config.loginEmail() != null) {
      // Packer keeps the key known so that it can name it; packer fix deletes it.
      check.error(
          "login_email",
          "Deprecated configuration key: 'login_email'."
              + " Please call `imagebake fix` (Packer's `packer fix`) against your template to update your template to be"
              + " compatible with the current version of Packer. Visit"
              + " https://www.packer.io/docs/commands/fix/ for more detail.");
    }
    if (Boolean.TRUE.equals(config.ecrLogin())) {
      if (config.loginServer() == null || config.loginServer().isEmpty()) {
        check.error("login_server", "ECR login requires login server to be provided.");
      } else if (EcrLogin.parse(config.loginServer()).isEmpty()) {
        // Packer finds this at the pull; the address alone tells it.
        check.error("login_server", EcrLogin.parseError(config.loginServer()));
      }
    }
    if (Boolean.TRUE.equals(config.windowsContainer())) {
      check.error("windows_container", "Windows containers are not supported by imagebake");
    }
    if (Boolean.TRUE.equals(config.login())
        && (config.loginUsername() == null || config.loginUsername().isEmpty())) {
      check.error("login_username", "login requires login_username and login_password");
    }
    List<String> changes = config.changesOrEmpty();
    for (int i = 0; i < changes.size(); i++) {
      String problem = Changes.problem(changes.get(i));
      if (problem != null) {
        check.error("changes/" + i, "changes: " + problem);
      }
    }
    checkRunCommand(config, check);
    if (config.volumes() != null) {
      config
          .volumes()
          .forEach(
              (host, guest) -> {
                if (!guest.startsWith("/")) {
                  check.error(
                      "volumes/" + host,
                      "volumes: the container path " + guest + " is not absolute");
                }
              });
    }
  }

  /**
   * Parses {@code run_command} as {@code docker run} arguments with {@code {{.Image}}} filled in,
   * when nothing else in it is rendered only at run time.
   */
  private static void checkRunCommand(DockerBuilderConfig config, ConfigCheck check) {
    List<String> args = new ArrayList<>();
    for (String arg : config.runCommandOrDefault()) {
      String filled = IMAGE_FIELD.matcher(arg).replaceAll("image");
      if (filled.contains("{{")) {
        return;
      }
      args.add(filled);
    }
    try {
      RunArgs.parse(args);
    } catch (IllegalArgumentException e) {
      check.error("run_command", e.getMessage());
    }
  }

  @Override
  public Builder create(DockerBuilderConfig config) {
    return new DockerBuilder(config);
  }
}
