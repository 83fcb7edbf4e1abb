package dev.imagebake.builder.amazon.common;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** One-line descriptions of AWS failures, with AWS's error code as Packer shows it. */
public final class AwsErrors {
  private AwsErrors() {}

  /** {@code InvalidAMIID.NotFound: The image id '[ami-1]' does not exist (status code: 400)}. */
  public static String describe(Throwable e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String message = aws.awsErrorDetails().errorMessage();
      return (code == null ? "" : code + ": ")
          + (message == null ? "(no message)" : message)
          + " (status code: "
          + aws.statusCode()
          + ")";
    }
    if (e instanceof SdkException && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The AWS error code, or empty. */
  public static String code(Throwable e) {
    if (e instanceof AwsServiceException aws
        && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return "";
  }
}
