package dev.imagebake.template;

/**
 * Finds the first JSON syntax error the way Go's {@code encoding/json} scanner does, so the message
 * matches Packer's ({@code invalid character '}' looking for beginning of object key string}). Only
 * used after Jackson has rejected a document: it re-scans the bytes to name the error in Go's
 * words. Iterative, so arbitrarily deep input cannot overflow the stack.
 */
final class GoJsonSyntax {
  /** Go's {@code maxNestingDepth}. */
  static final int MAX_DEPTH = 10000;

  /**
   * @param message Go's message, e.g. {@code unexpected end of JSON input}
   * @param offset byte offset of the offending byte (the length of the input at end of input)
   */
  record Error(String message, int offset) {}

  private enum State {
    BEGIN_VALUE,
    BEGIN_VALUE_OR_EMPTY,
    BEGIN_STRING_OR_EMPTY,
    BEGIN_STRING,
    END_VALUE,
    END_TOP,
    IN_STRING,
    IN_STRING_ESC,
    IN_STRING_ESC_U,
    NEG,
    ZERO,
    ONE,
    DOT,
    DOT0,
    E,
    E_SIGN,
    E0,
    LITERAL
  }

  private static final int PARSE_OBJECT_KEY = 0;
  private static final int PARSE_OBJECT_VALUE = 1;
  private static final int PARSE_ARRAY_VALUE = 2;

  private GoJsonSyntax() {}

  /** The first syntax error in {@code data}, or null when it is valid JSON. */
  @SuppressWarnings("fallthrough")
  static Error firstError(byte[] data) {
    int[] stack = new int[64];
    int depth = 0;
    State state = State.BEGIN_VALUE;
    int hexLeft = 0;
    String literal = null;
    int literalPos = 0;
    for (int i = 0; i < data.length; i++) {
      int c = data[i] & 0xff;
      switch (state) {
        case BEGIN_VALUE_OR_EMPTY:
          if (isSpace(c)) {
            continue;
          }
          if (c == ']') {
            depth--;
            state = afterValue(stack, depth);
            continue;
          }
        // fall through to BEGIN_VALUE handling
        case BEGIN_VALUE:
          if (isSpace(c)) {
            continue;
          }
          switch (c) {
            case '{':
              if (depth == MAX_DEPTH) {
                return new Error("exceeded max depth", i);
              }
              stack = push(stack, depth++, PARSE_OBJECT_KEY);
              state = State.BEGIN_STRING_OR_EMPTY;
              continue;
            case '[':
              if (depth == MAX_DEPTH) {
                return new Error("exceeded max depth", i);
              }
              stack = push(stack, depth++, PARSE_ARRAY_VALUE);
              state = State.BEGIN_VALUE_OR_EMPTY;
              continue;
            case '"':
              state = State.IN_STRING;
              continue;
            case '-':
              state = State.NEG;
              continue;
            case '0':
              state = State.ZERO;
              continue;
            case 't':
              literal = "true";
              break;
            case 'f':
              literal = "false";
              break;
            case 'n':
              literal = "null";
              break;
            default:
              if (c >= '1' && c <= '9') {
                state = State.ONE;
                continue;
              }
              return invalid(c, "looking for beginning of value", i);
          }
          literalPos = 1;
          state = State.LITERAL;
          continue;
        case BEGIN_STRING_OR_EMPTY:
          if (isSpace(c)) {
            continue;
          }
          if (c == '}') {
            depth--;
            state = afterValue(stack, depth);
            continue;
          }
        // fall through
        case BEGIN_STRING:
          if (isSpace(c)) {
            continue;
          }
          if (c == '"') {
            state = State.IN_STRING;
            continue;
          }
          return invalid(c, "looking for beginning of object key string", i);
        case IN_STRING:
          if (c == '"') {
            state = State.END_VALUE;
          } else if (c == '\\') {
            state = State.IN_STRING_ESC;
          } else if (c < 0x20) {
            return invalid(c, "in string literal", i);
          }
          continue;
        case IN_STRING_ESC:
          switch (c) {
            case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> state = State.IN_STRING;
            case 'u' -> {
              state = State.IN_STRING_ESC_U;
              hexLeft = 4;
            }
            default -> {
              return invalid(c, "in string escape code", i);
            }
          }
          continue;
        case IN_STRING_ESC_U:
          if (Character.digit(c, 16) < 0) {
            return invalid(c, "in \\u hexadecimal character escape", i);
          }
          if (--hexLeft == 0) {
            state = State.IN_STRING;
          }
          continue;
        case NEG:
          if (c == '0') {
            state = State.ZERO;
          } else if (c >= '1' && c <= '9') {
            state = State.ONE;
          } else {
            return invalid(c, "in numeric literal", i);
          }
          continue;
        case ONE:
          if (c >= '0' && c <= '9') {
            continue;
          }
        // fall through
        case ZERO:
          if (c == '.') {
            state = State.DOT;
            continue;
          }
          if (c == 'e' || c == 'E') {
            state = State.E;
            continue;
          }
          state = State.END_VALUE;
          i--;
          continue;
        case DOT:
          if (c >= '0' && c <= '9') {
            state = State.DOT0;
            continue;
          }
          return invalid(c, "after decimal point in numeric literal", i);
        case DOT0:
          if (c >= '0' && c <= '9') {
            continue;
          }
          if (c == 'e' || c == 'E') {
            state = State.E;
            continue;
          }
          state = State.END_VALUE;
          i--;
          continue;
        case E:
          if (c == '+' || c == '-') {
            state = State.E_SIGN;
            continue;
          }
        // fall through
        case E_SIGN:
          if (c >= '0' && c <= '9') {
            state = State.E0;
            continue;
          }
          return invalid(c, "in exponent of numeric literal", i);
        case E0:
          if (c >= '0' && c <= '9') {
            continue;
          }
          state = State.END_VALUE;
          i--;
          continue;
        case LITERAL:
          if (c != literal.charAt(literalPos)) {
            return invalid(
                c,
                "in literal " + literal + " (expecting '" + literal.charAt(literalPos) + "')",
                i);
          }
          if (++literalPos == literal.length()) {
            state = State.END_VALUE;
          }
          continue;
        case END_VALUE:
          if (depth == 0) {
            state = State.END_TOP;
            i--;
            continue;
          }
          if (isSpace(c)) {
            continue;
          }
          int ps = stack[depth - 1];
          if (ps == PARSE_OBJECT_KEY) {
            if (c == ':') {
              stack[depth - 1] = PARSE_OBJECT_VALUE;
              state = State.BEGIN_VALUE;
              continue;
            }
            return invalid(c, "after object key", i);
          } else if (ps == PARSE_OBJECT_VALUE) {
            if (c == ',') {
              stack[depth - 1] = PARSE_OBJECT_KEY;
              state = State.BEGIN_STRING;
              continue;
            }
            if (c == '}') {
              depth--;
              state = afterValue(stack, depth);
              continue;
            }
            return invalid(c, "after object key:value pair", i);
          } else {
            if (c == ',') {
              state = State.BEGIN_VALUE;
              continue;
            }
            if (c == ']') {
              depth--;
              state = afterValue(stack, depth);
              continue;
            }
            return invalid(c, "after array element", i);
          }
        case END_TOP:
          if (!isSpace(c)) {
            return invalid(c, "after top-level value", i);
          }
          continue;
        default:
          throw new IllegalStateException(state.name());
      }
    }
    // End of input: only a complete top-level value (numbers may end at EOF) is valid.
    boolean complete =
        state == State.END_TOP
            || (depth == 0
                && (state == State.END_VALUE
                    || state == State.ZERO
                    || state == State.ONE
                    || state == State.DOT0
                    || state == State.E0));
    return complete ? null : new Error("unexpected end of JSON input", data.length);
  }

  private static State afterValue(int[] stack, int depth) {
    return depth == 0 ? State.END_TOP : State.END_VALUE;
  }

  private static int[] push(int[] stack, int depth, int kind) {
    int[] s = depth == stack.length ? java.util.Arrays.copyOf(stack, depth * 2) : stack;
    s[depth] = kind;
    return s;
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static Error invalid(int c, String context, int offset) {
    return new Error("invalid character " + quoteChar(c) + " " + context, offset);
  }

  /** Go's {@code quoteChar}: the byte as a rune, quoted with single quotes. */
  static String quoteChar(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String s =
        switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          case 0x07 -> "\\a";
          case '\b' -> "\\b";
          case '\f' -> "\\f";
          case 0x0b -> "\\v";
          case '\\' -> "\\\\";
          default -> {
            if (c < 0x20 || c == 0x7f) {
              yield String.format("\\x%02x", c);
            }
            if (c >= 0x80 && c < 0xa0) {
              yield String.format("\\u%04x", c);
            }
            yield String.valueOf((char) c);
          }
        };
    return "'" + s + "'";
  }
}
