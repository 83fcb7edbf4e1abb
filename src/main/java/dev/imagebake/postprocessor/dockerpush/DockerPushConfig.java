package dev.imagebake.postprocessor.dockerpush;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Secret;

/** The {@code docker-push} post-processor's keys (Packer 1.6.6). */
@Doc(
    "Pushes the image of docker-import or docker-tag (and every tag docker-tag gave) to its registry.")
public record DockerPushConfig(
    @Doc("Log in to login_server with login_username and login_password to push.") Boolean login,
    @Doc("User to log in with.") String loginUsername,
    @Doc("Password to log in with.") @Secret String loginPassword,
    @Doc("Removed from Docker logins; an error, as in Packer (packer fix deletes it).")
        String loginEmail,
    @Doc("Registry to log in to.") String loginServer,
    @Doc("Log in to Amazon ECR (login_server) with the AWS credentials to push.") Boolean ecrLogin,
    @Doc("AWS access key for ecr_login.") @Secret String awsAccessKey,
    @Doc("AWS secret key for ecr_login.") @Secret String awsSecretKey,
    @Doc("AWS session token for ecr_login.") @Secret String awsToken,
    @Doc("AWS profile for ecr_login.") String awsProfile) {

  @Override
  public String toString() {
    return "DockerPushConfig[login=" + login + ", loginServer=" + loginServer + "]";
  }
}
