package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.go.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packer's boot command language, turned into QEMU key codes (QMP {@code send-key} qcodes): plain
 * characters, special keys such as {@code <enter>} or {@code <f2>}, modifiers held with {@code
 * <leftCtrlOn>} ... {@code <leftCtrlOff>}, and waits ({@code <wait>}, {@code <wait5>}, {@code
 * <wait10>}, {@code <wait1m30s>}). Anything else in angle brackets is typed as written, as Packer
 * does.
 */
final class BootCommand {
  /** One thing to do while typing. */
  sealed interface Action {}

  /** Press and release {@code keys} together (modifiers first). */
  record Keys(List<String> qcodes) implements Action {}

  /** Start or stop holding a modifier. */
  record Hold(String qcode, boolean down) implements Action {}

  /** Pause typing. */
  record Wait(Duration duration) implements Action {}

  private static final Pattern SPECIAL = Pattern.compile("<([A-Za-z0-9]+?)(On|Off)?>");

  private static final Map<String, String> SPECIAL_KEYS =
      Map.ofEntries(
          Map.entry("bs", "backspace"),
          Map.entry("del", "delete"),
          Map.entry("enter", "ret"),
          Map.entry("return", "ret"),
          Map.entry("esc", "esc"),
          Map.entry("tab", "tab"),
          Map.entry("spacebar", "spc"),
          Map.entry("insert", "insert"),
          Map.entry("home", "home"),
          Map.entry("end", "end"),
          Map.entry("pageup", "pgup"),
          Map.entry("pagedown", "pgdn"),
          Map.entry("up", "up"),
          Map.entry("down", "down"),
          Map.entry("left", "left"),
          Map.entry("right", "right"),
          Map.entry("menu", "menu"),
          Map.entry("leftalt", "alt"),
          Map.entry("rightalt", "alt_r"),
          Map.entry("leftctrl", "ctrl"),
          Map.entry("rightctrl", "ctrl_r"),
          Map.entry("leftshift", "shift"),
          Map.entry("rightshift", "shift_r"),
          Map.entry("leftsuper", "meta_l"),
          Map.entry("rightsuper", "meta_r"));

  private static final String UNSHIFTED = "-=[];'`\\,./";
  private static final String[] UNSHIFTED_CODES = {
    "minus",
    "equal",
    "bracket_left",
    "bracket_right",
    "semicolon",
    "apostrophe",
    "grave_accent",
    "backslash",
    "comma",
    "dot",
    "slash"
  };
  private static final String SHIFTED = "_+{}:\"~|<>?";
  private static final String SHIFTED_DIGITS = ")!@#$%^&*(";

  private BootCommand() {}

  /** Parses the rendered boot command (all entries joined, as Packer does). */
  static List<Action> parse(String text) {
    List<Action> actions = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '<') {
        Matcher m = SPECIAL.matcher(text).region(i, text.length());
        if (m.lookingAt()) {
          Action special = special(m.group(1), m.group(2));
          if (special != null) {
            actions.add(special);
            i = m.end();
            continue;
          }
        }
      }
      actions.add(new Keys(character(c)));
      i++;
    }
    return actions;
  }

  private static Action special(String name, String onOff) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (onOff == null && lower.startsWith("wait")) {
      String rest = name.substring(4);
      if (rest.isEmpty()) {
        return new Wait(Duration.ofSeconds(1));
      }
      if (rest.chars().allMatch(Character::isDigit)) {
        return new Wait(Duration.ofSeconds(Long.parseLong(rest)));
      }
      try {
        return new Wait(GoDuration.parse(rest));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (lower.matches("f([1-9]|1[0-2])")) {
      return onOff == null ? new Keys(List.of(lower)) : null;
    }
    String code = SPECIAL_KEYS.get(lower);
    if (code == null) {
      return null;
    }
    if (onOff == null) {
      return new Keys(List.of(code));
    }
    // Only modifiers can be held; "<enterOn>" is typed as written.
    return isModifier(code) ? new Hold(code, onOff.equals("On")) : null;
  }

  private static boolean isModifier(String code) {
    return code.startsWith("alt")
        || code.startsWith("ctrl")
        || code.startsWith("shift")
        || code.startsWith("meta");
  }

  /** The keys that type {@code c} on a US keyboard. */
  static List<String> character(char c) {
    if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
      return List.of(String.valueOf(c));
    }
    if (c >= 'A' && c <= 'Z') {
      return List.of("shift", String.valueOf(Character.toLowerCase(c)));
    }
    int digit = SHIFTED_DIGITS.indexOf(c);
    if (digit >= 0) {
      return List.of("shift", String.valueOf(digit));
    }
    int plain = UNSHIFTED.indexOf(c);
    if (plain >= 0) {
      return List.of(UNSHIFTED_CODES[plain]);
    }
    int shifted = SHIFTED.indexOf(c);
    if (shifted >= 0) {
      return List.of("shift", UNSHIFTED_CODES[shifted]);
    }
    return switch (c) {
      case ' ' -> List.of("spc");
      case '\n', '\r' -> List.of("ret");
      case '\t' -> List.of("tab");
      default ->
          throw new IllegalArgumentException(
              "boot_command: cannot type '" + c + "' (U+" + String.format("%04X", (int) c) + ")");
    };
  }
}
