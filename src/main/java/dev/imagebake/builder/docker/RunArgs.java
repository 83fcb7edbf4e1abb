package dev.imagebake.builder.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run_command}, the arguments of {@code docker run} after {@code run}, read into what a
 * container-create call needs: imagebake talks to the engine's API, so the flags are parsed here
 * instead of by the docker CLI. The flags Packer's default and the templates we know use are
 * understood; any other flag is an error naming it.
 *
 * @param image the image (the first argument that is not a flag)
 * @param command the arguments after the image
 * @param entrypoint {@code --entrypoint}, or null
 * @param interactive {@code -i}: stdin kept open (what keeps Packer's {@code /bin/sh} running)
 * @param tty {@code -t}
 * @param values the other flags with a value, by long name, in order (repeatable ones repeat)
 * @param switches the other flags without a value, by long name
 */
record RunArgs(
    String image,
    List<String> command,
    String entrypoint,
    boolean interactive,
    boolean tty,
    List<Map.Entry<String, String>> values,
    List<String> switches) {

  /** Flags taking a value: long name, and its one-letter alias or null. */
  private static final Map<String, String> VALUED = new LinkedHashMap<>();

  /** Flags without a value. */
  private static final Map<String, String> SWITCHES = new LinkedHashMap<>();

  static {
    VALUED.put("entrypoint", null);
    VALUED.put("name", null);
    VALUED.put("user", "u");
    VALUED.put("workdir", "w");
    VALUED.put("env", "e");
    VALUED.put("volume", "v");
    VALUED.put("network", null);
    VALUED.put("net", null);
    VALUED.put("hostname", "h");
    VALUED.put("label", "l");
    VALUED.put("add-host", null);
    VALUED.put("dns", null);
    VALUED.put("memory", "m");
    VALUED.put("cap-add", null);
    VALUED.put("cap-drop", null);
    VALUED.put("tmpfs", null);
    VALUED.put("device", null);
    VALUED.put("security-opt", null);
    VALUED.put("shm-size", null);
    VALUED.put("platform", null);
    VALUED.put("runtime", null);
    VALUED.put("pid", null);
    VALUED.put("ipc", null);
    SWITCHES.put("detach", "d");
    SWITCHES.put("interactive", "i");
    SWITCHES.put("tty", "t");
    SWITCHES.put("privileged", null);
    SWITCHES.put("rm", null);
    SWITCHES.put("init", null);
    SWITCHES.put("read-only", null);
  }

  /**
   * @throws IllegalArgumentException naming the flag or the missing image
   */
  static RunArgs parse(List<String> args) {
    String image = null;
    List<String> command = new ArrayList<>();
    String entrypoint = null;
    boolean interactive = false;
    boolean tty = false;
    List<Map.Entry<String, String>> values = new ArrayList<>();
    List<String> switches = new ArrayList<>();
    boolean flagsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (image != null) {
        command.add(arg);
        continue;
      }
      if (flagsEnded || !arg.startsWith("-") || arg.equals("-")) {
        image = arg;
        continue;
      }
      if (arg.equals("--")) {
        flagsEnded = true;
        continue;
      }
      List<String[]> flags = new ArrayList<>(); // {long name, inline value or null}
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        flags.add(
            eq < 0
                ? new String[] {arg.substring(2), null}
                : new String[] {arg.substring(2, eq), arg.substring(eq + 1)});
      } else {
        // -dit, -e X, -eX
        for (int c = 1; c < arg.length(); c++) {
          String letter = String.valueOf(arg.charAt(c));
          String name = longName(letter);
          if (name == null) {
            throw new IllegalArgumentException(
                "run_command: unknown flag -" + letter + " in " + arg);
          }
          if (VALUED.containsKey(name) && c + 1 < arg.length()) {
            String rest = arg.substring(c + 1);
            flags.add(new String[] {name, rest.startsWith("=") ? rest.substring(1) : rest});
            break;
          }
          flags.add(new String[] {name, null});
        }
      }
      for (String[] flag : flags) {
        String name = flag[0];
        if (SWITCHES.containsKey(name)) {
          if (flag[1] != null && !flag[1].equals("true")) {
            if (flag[1].equals("false")) {
              continue;
            }
            throw new IllegalArgumentException("run_command: --" + name + " takes no value");
          }
          switch (name) {
            case "interactive" -> interactive = true;
            case "tty" -> tty = true;
            case "detach" -> {}
            default -> switches.add(name);
          }
        } else if (VALUED.containsKey(name)) {
          String value = flag[1];
          if (value == null) {
            if (i + 1 >= args.size()) {
              throw new IllegalArgumentException("run_command: --" + name + " needs a value");
            }
            value = args.get(++i);
          }
          if (name.equals("entrypoint")) {
            entrypoint = value;
          } else {
            values.add(Map.entry(name.equals("net") ? "network" : name, value));
          }
        } else {
          throw new IllegalArgumentException(
              "run_command: flag --" + name + " is not supported by imagebake's docker builder");
        }
      }
    }
    if (image == null || image.isEmpty()) {
      throw new IllegalArgumentException(
          "run_command: no image given (Packer's default ends with {{.Image}})");
    }
    return new RunArgs(image, command, entrypoint, interactive, tty, values, switches);
  }

  private static String longName(String letter) {
    for (Map.Entry<String, String> e : VALUED.entrySet()) {
      if (letter.equals(e.getValue())) {
        return e.getKey();
      }
    }
    for (Map.Entry<String, String> e : SWITCHES.entrySet()) {
      if (letter.equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }

  List<String> all(String name) {
    return values.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).toList();
  }

  String last(String name) {
    List<String> all = all(name);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  boolean has(String name) {
    return switches.contains(name);
  }
}
