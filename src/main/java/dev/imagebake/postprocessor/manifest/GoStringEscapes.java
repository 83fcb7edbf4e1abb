package dev.imagebake.postprocessor.manifest;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * Escapes strings as Go 1.15's {@code encoding/json} (which built Packer 1.6.6): {@code <}, {@code
 * >}, {@code &}, U+2028 and U+2029 as {@code \\u} sequences, control characters other than {@code
 * \n \r \t} as lowercase {@code \\u00xx}.
 */
final class GoStringEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;

  private final int[] asciiEscapes;

  GoStringEscapes() {
    asciiEscapes = standardAsciiEscapesForJSON();
    for (int c = 0; c < 0x20; c++) {
      if (c != '\n' && c != '\r' && c != '\t') {
        asciiEscapes[c] = ESCAPE_CUSTOM;
      }
    }
    asciiEscapes['<'] = ESCAPE_CUSTOM;
    asciiEscapes['>'] = ESCAPE_CUSTOM;
    asciiEscapes['&'] = ESCAPE_CUSTOM;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return asciiEscapes;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029) {
      return new SerializedString(String.format("\\u%04x", ch));
    }
    return null;
  }
}
