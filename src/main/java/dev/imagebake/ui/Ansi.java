package dev.imagebake.ui;

/** Packer's ANSI colours ({@code ColoredUi}): builds cycle green, cyan, magenta, yellow, blue. */
final class Ansi {
  static final int RED = 31;
  private static final int[] BUILD_COLORS = {32, 36, 35, 33, 34};

  private Ansi() {}

  static int buildColor(int index) {
    return BUILD_COLORS[index % BUILD_COLORS.length];
  }

  /** {@code ESC[<bold>;<color>m text ESC[0m}, as Packer writes it: one pair around the message. */
  static String paint(String text, int color, boolean bold) {
    return "\033[" + (bold ? 1 : 0) + ";" + color + "m" + text + "\033[0m";
  }
}
