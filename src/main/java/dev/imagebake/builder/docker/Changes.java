package dev.imagebake.builder.docker;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@code changes} entry offline: a Dockerfile instruction that {@code docker commit
 * --change} accepts, with the arguments it needs. The engine applies them; this only finds, at
 * validate time, what the engine would refuse at the end of a build.
 */
final class Changes {
  static final Set<String> INSTRUCTIONS =
      Set.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR");
  private static final Pattern PORT = Pattern.compile("\\d+(-\\d+)?(/(tcp|udp|sctp))?");

  private Changes() {}

  /** The problem with {@code change}, or null when the engine will take it. */
  static String problem(String change) {
    String text = change == null ? "" : change.strip();
    if (text.isEmpty()) {
      return "empty instruction";
    }
    String[] parts = text.split("\\s+", 2);
    String instruction = parts[0].toUpperCase(Locale.ROOT);
    String args = parts.length > 1 ? parts[1].strip() : "";
    if (!INSTRUCTIONS.contains(instruction)) {
      return parts[0]
          + " is not an instruction docker commit can apply; use one of "
          + String.join(", ", INSTRUCTIONS.stream().sorted().toList());
    }
    if (args.isEmpty()) {
      return instruction + " needs arguments";
    }
    switch (instruction) {
      case "ENV", "LABEL" -> {
        if (!args.contains("=") && args.split("\\s+", 2).length < 2) {
          return instruction + " needs KEY=VALUE (or KEY VALUE)";
        }
      }
      case "EXPOSE" -> {
        for (String port : args.split("\\s+")) {
          if (!PORT.matcher(port).matches()) {
            return "EXPOSE: " + port + " is not a port (80, 8080/tcp, 1000-2000/udp)";
          }
        }
      }
      case "ONBUILD" -> {
        String inner = args.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (inner.equals("ONBUILD") || inner.equals("FROM") || inner.equals("MAINTAINER")) {
          return "ONBUILD " + inner + " is not allowed";
        }
      }
      default -> {}
    }
    return null;
  }
}
