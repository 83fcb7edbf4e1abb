package dev.imagebake.testing.ec2;

/** An error answer in EC2's format: {@code <Response><Errors><Error><Code>...}. */
final class Ec2Error extends RuntimeException {
  final int status;
  final String code;

  Ec2Error(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static Ec2Error badRequest(String code, String message) {
    return new Ec2Error(400, code, message);
  }

  static Ec2Error notFound(String code, String id, String what) {
    return new Ec2Error(400, code, "The " + what + " '" + id + "' does not exist");
  }
}
