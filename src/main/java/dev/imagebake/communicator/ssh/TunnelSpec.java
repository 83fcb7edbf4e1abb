package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.GoStrings;
import java.util.Optional;

/**
 * One entry of {@code ssh_local_tunnels} or {@code ssh_remote_tunnels}: Packer's {@code
 * port:host:hostport}, or OpenSSH's {@code bind:port:host:hostport} as for {@code ssh -L}/{@code
 * -R}. Parsed once, by {@link #parse}, for validate and for connect alike.
 *
 * @param bind the address to listen on (default 127.0.0.1)
 * @param port the port to listen on
 * @param host where connections are forwarded to
 * @param hostPort the port forwarded to
 */
record TunnelSpec(String bind, int port, String host, int hostPort) {
  static final String DEFAULT_BIND = "127.0.0.1";

  /**
   * @throws IllegalArgumentException with Packer's wording of what is wrong with {@code spec}
   */
  static TunnelSpec parse(String spec) {
    problem(spec)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    int bindEnd = packerProblem(spec).isEmpty() ? -1 : bindEnd(spec);
    String bind = bindEnd < 0 ? DEFAULT_BIND : unbracket(spec.substring(0, bindEnd));
    String rest = spec.substring(bindEnd + 1);
    int colon = rest.indexOf(':');
    String forward = rest.substring(colon + 1);
    int last = forward.lastIndexOf(':');
    String host = unbracket(forward.substring(0, last));
    int port = port(rest.substring(0, colon));
    int hostPort = port(forward.substring(last + 1));
    if (host.isEmpty()) {
      throw new IllegalArgumentException("Error parsing forwarding, the host is empty");
    }
    return new TunnelSpec(bind.isEmpty() ? DEFAULT_BIND : bind, port, host, hostPort);
  }

  private static int port(String text) {
    long port = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "Error parsing port, must be between 1 and 65535: " + text);
    }
    return (int) port;
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Why {@code spec} is not a tunnel, in Packer's words; empty when it is one. */
  private static Optional<String> problem(String spec) {
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
    return "strconv.Atoi: parsing " + GoStrings.quote(s) + ": invalid syntax";
  }

  @Override
  public String toString() {
    return bind + ":" + port + ":" + host + ":" + hostPort;
  }
}
