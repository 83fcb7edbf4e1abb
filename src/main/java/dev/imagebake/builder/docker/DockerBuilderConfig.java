package dev.imagebake.builder.docker;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.RenderLater;
import dev.imagebake.sdk.config.Secret;
import java.util.List;
import java.util.Map;

/** The {@code docker} builder's keys: Packer 1.6.6's, same names and defaults (reference §5.7). */
@Doc(
    "Builds a container image: starts a container from an image, provisions it through the Docker"
        + " Engine API, then commits it to an image, exports its file system, or discards it.")
public record DockerBuilderConfig(
    @Doc("The base image of the container; pulled first unless pull is false. Required.")
        String image,
    @Doc("Pull the image before starting the container (default true).") Boolean pull,
    @Doc("Commit the container to an image when done (one of commit, discard, export_path).")
        Boolean commit,
    @Doc("Throw the container away when done (one of commit, discard, export_path).")
        Boolean discard,
    @Doc(
            "Export the container's file system to this tar file (one of commit, discard, export_path).")
        String exportPath,
    @Doc(
            "Dockerfile instructions applied to the committed image: CMD, ENTRYPOINT, ENV, EXPOSE,"
                + " LABEL, ONBUILD, USER, VOLUME, WORKDIR.")
        List<String> changes,
    @Doc("Author (e-mail) of the commit.") String author,
    @Doc("Message of the commit.") String message,
    @Doc(
            "Arguments of `docker run` that start the container; {{.Image}} is the image. Default:"
                + " [\"-d\", \"-i\", \"-t\", \"--entrypoint=/bin/sh\", \"--\", \"{{.Image}}\"].")
        @RenderLater
        List<String> runCommand,
    @Doc("Host directories to mount in the container: host path to container path.")
        Map<String, String> volumes,
    @Doc("Run the container privileged.") Boolean privileged,
    @Doc("Linux capabilities to add to the container.") List<String> capAdd,
    @Doc("Linux capabilities to drop from the container.") List<String> capDrop,
    @Doc("tmpfs mounts of the container (path, or path:options).") List<String> tmpfs,
    @Doc("Host devices to give the container (host[:container[:permissions]]).")
        List<String> device,
    @Doc(
            "Where the host's temporary directory for this build is mounted in the container"
                + " (default /packer-files).")
        String containerDir,
    @Doc("User (UID, or UID:GID) that provisioners' commands run as; default the image's user.")
        String execUser,
    @Doc("Give uploaded files to the container's user (default true).") Boolean fixUploadOwner,
    @Doc("A Windows container on a Windows host: not supported by imagebake.")
        Boolean windowsContainer,
    @Doc("Allocate a pseudo-terminal for provisioners' commands.") Boolean pty,
    @Doc("Log in to login_server to pull the base image.") Boolean login,
    @Doc("Registry to log in to (required by ecr_login).") String loginServer,
    @Doc("User to log in with.") String loginUsername,
    @Doc("Password to log in with.") @Secret String loginPassword,
    @Doc("Removed from Docker logins; an error, as in Packer (packer fix deletes it).")
        String loginEmail,
    @Doc("Log in to Amazon ECR (login_server) with the AWS credentials to pull the base image.")
        Boolean ecrLogin,
    @Doc("AWS access key for ecr_login.") @Secret String awsAccessKey,
    @Doc("AWS secret key for ecr_login.") @Secret String awsSecretKey,
    @Doc("AWS session token for ecr_login.") @Secret String awsToken,
    @Doc("AWS profile for ecr_login.") String awsProfile,
    @Embedded CommunicatorConfig commKeys)
    implements UsesCommunicator {

  static final List<String> DEFAULT_RUN_COMMAND =
      List.of("-d", "-i", "-t", "--entrypoint=/bin/sh", "--", "{{.Image}}");

  boolean pullOrDefault() {
    return pull == null || pull;
  }

  boolean isCommit() {
    return Boolean.TRUE.equals(commit);
  }

  boolean isDiscard() {
    return Boolean.TRUE.equals(discard);
  }

  boolean isExport() {
    return exportPath != null && !exportPath.isEmpty();
  }

  List<String> runCommandOrDefault() {
    return runCommand == null || runCommand.isEmpty() ? DEFAULT_RUN_COMMAND : runCommand;
  }

  String containerDirOrDefault() {
    return containerDir == null || containerDir.isEmpty() ? "/packer-files" : containerDir;
  }

  boolean fixUploadOwnerOrDefault() {
    return fixUploadOwner == null || fixUploadOwner;
  }

  List<String> changesOrEmpty() {
    return changes == null ? List.of() : changes;
  }

  /** The communicator type, defaulting to {@code docker} as in Packer. */
  String communicatorType() {
    String type = commKeys == null ? null : commKeys.communicator();
    return type == null || type.isEmpty() ? "docker" : type;
  }

  /** The communicator keys with Packer's default for this builder: {@code docker}, not ssh. */
  @Override
  public CommunicatorConfig comm() {
    if (commKeys == null) {
      return new CommunicatorConfig("docker", null, null, null);
    }
    return new CommunicatorConfig(
        communicatorType(), commKeys.pauseBeforeConnecting(), commKeys.ssh(), commKeys.winrm());
  }

  @Override
  public String toString() {
    return "DockerBuilderConfig[image="
        + image
        + ", login="
        + login
        + ", loginServer="
        + loginServer
        + "]";
  }
}
