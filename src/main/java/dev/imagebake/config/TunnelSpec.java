package dev.imagebake.config;

import java.util.Optional;

/**
 * Checks {@code ssh_local_tunnels}/{@code ssh_remote_tunnels} entries: Packer's {@code
 * port:host:hostport}, with its error wording, and also OpenSSH's {@code bind:port:host:hostport}.
 */
final class TunnelSpec {
  private TunnelSpec() {}

  /** Why {@code spec} is not a tunnel, in Packer's words; empty when it is one. */
  static Optional<String> problem(String spec) {
    Optional<String> packerForm = packerProblem(spec);
    if (packerForm.isEmpty()) {
      return packerForm;
    }
    int bindEnd = bindEnd(spec);
    if (bindEnd > 0 && packerProblem(spec.substring(bindEnd + 1)).isEmpty()) {
      return Optional.empty();
    }
    return packerForm;
  }

  /** The index of the colon after a bind address, or -1. */
  private static int bindEnd(String spec) {
    if (spec.startsWith("[")) {
      int close = spec.indexOf("]:");
      return close < 0 ? -1 : close + 1;
    }
    return spec.indexOf(':');
  }

  private static Optional<String> packerProblem(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return Optional.of("Error parsing tunnel '" + spec + "': [" + spec + "]");
    }
    String listeningPort = spec.substring(0, colon);
    String forward = spec.substring(colon + 1);
    String port;
    try {
      port = splitHostPort(forward);
    } catch (IllegalArgumentException e) {
      return Optional.of("Error parsing forwarding, must be a tcp address: " + e.getMessage());
    }
    if (!isAtoi(port)) {
      return Optional.of("Error parsing forwarding port, must be a valid port: " + atoiError(port));
    }
    if (!isAtoi(listeningPort)) {
      return Optional.of(
          "Error parsing listening port, must be a valid port: " + atoiError(listeningPort));
    }
    return Optional.empty();
  }

  /** Go's {@code net.SplitHostPort}, returning the port. */
  private static String splitHostPort(String hostport) {
    int last = hostport.lastIndexOf(':');
    if (last < 0) {
      throw addressError(hostport, "missing port in address");
    }
    int j = 0;
    int k;
    if (hostport.startsWith("[")) {
      int end = hostport.indexOf(']');
      if (end < 0) {
        throw addressError(hostport, "missing ']' in address");
      }
      if (end + 1 == hostport.length()) {
        throw addressError(hostport, "missing port in address");
      } else if (end + 1 != last) {
        throw addressError(
            hostport,
            hostport.charAt(end + 1) == ':'
                ? "too many colons in address"
                : "missing port in address");
      }
      j = 1;
      k = end + 1;
    } else {
      if (hostport.substring(0, last).indexOf(':') >= 0) {
        throw addressError(hostport, "too many colons in address");
      }
      k = last;
    }
    if (hostport.substring(j).indexOf('[') >= 0) {
      throw addressError(hostport, "unexpected '[' in address");
    }
    if (hostport.substring(k).indexOf(']') >= 0) {
      throw addressError(hostport, "unexpected ']' in address");
    }
    return hostport.substring(last + 1);
  }

  private static IllegalArgumentException addressError(String address, String why) {
    return new IllegalArgumentException("address " + address + ": " + why);
  }

  private static boolean isAtoi(String s) {
    return s.matches("[+-]?[0-9]{1,18}");
  }

  private static String atoiError(String s) {
    return "strconv.Atoi: parsing " + GoQuote.of(s) + ": invalid syntax";
  }
}
