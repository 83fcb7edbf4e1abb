package dev.imagebake.template.interpolate;

import dev.imagebake.template.interpolate.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a template string into tokens the way Go's text/template lexer does: text, delimiters with
 * trim markers, and the items inside actions. Comments {@code {{/* … *}{@code /}}} produce no
 * tokens.
 */
final class Lexer {
  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";
  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "else", "end", "range", "with", "template", "define", "block", "break", "continue");

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> lex(String src) throws TemplateException {
    Lexer lexer = new Lexer(src);
    lexer.run();
    return lexer.tokens;
  }

  private void run() throws TemplateException {
    boolean trimNextText = false;
    while (pos < src.length()) {
      int open = src.indexOf(LEFT, pos);
      int textEnd = open < 0 ? src.length() : open;
      boolean trimLeft = open >= 0 && hasLeftTrimMarker(open + LEFT.length());
      int textStart = trimNextText ? skipSpaces(pos, textEnd) : pos;
      int trimmedEnd = trimLeft ? trimSpacesBackwards(textStart, textEnd) : textEnd;
      if (trimmedEnd > textStart) {
        tokens.add(
            new Token(Kind.TEXT, src.substring(textStart, trimmedEnd), null, textStart, false));
      }
      if (open < 0) {
        pos = src.length();
        break;
      }
      trimNextText = lexAction(open, trimLeft);
    }
    tokens.add(new Token(Kind.EOF, "EOF", null, src.length(), false));
  }

  private boolean hasLeftTrimMarker(int at) {
    return at + 1 < src.length() && src.charAt(at) == '-' && isSpace(src.charAt(at + 1));
  }

  /** Lexes one action starting at {@code open}; returns whether it ends with a trim marker. */
  private boolean lexAction(int open, boolean trimLeft) throws TemplateException {
    pos = open + LEFT.length() + (trimLeft ? 2 : 0);
    if (src.startsWith("/*", pos)) {
      return lexComment(open);
    }
    tokens.add(new Token(Kind.LEFT_DELIM, src.substring(open, pos), null, open, false));
    int parenDepth = 0;
    boolean spaceBefore = trimLeft;
    while (true) {
      if (pos >= src.length()) {
        throw new TemplateException("unclosed action", open);
      }
      char c = src.charAt(pos);
      if (isSpace(c) && src.startsWith("-" + RIGHT, pos + 1)) {
        closeAction(pos, pos + 4, parenDepth);
        return true;
      }
      if (src.startsWith(RIGHT, pos)) {
        closeAction(pos, pos + 2, parenDepth);
        return false;
      }
      if (isSpace(c)) {
        pos++;
        spaceBefore = true;
        continue;
      }
      lexItem(c, spaceBefore);
      if (c == '(') {
        parenDepth++;
      } else if (c == ')') {
        parenDepth--;
      }
      spaceBefore = false;
    }
  }

  private void closeAction(int start, int end, int parenDepth) throws TemplateException {
    if (parenDepth > 0) {
      throw new TemplateException("unclosed left paren", lastOpenParen());
    }
    tokens.add(new Token(Kind.RIGHT_DELIM, src.substring(start, end), null, start, false));
    pos = end;
  }

  private int lastOpenParen() {
    int depth = 0;
    for (int i = tokens.size() - 1; i >= 0; i--) {
      Kind kind = tokens.get(i).kind();
      if (kind == Kind.RIGHT_PAREN) {
        depth++;
      } else if (kind == Kind.LEFT_PAREN && depth-- == 0) {
        return tokens.get(i).offset();
      }
    }
    return pos;
  }

  private boolean lexComment(int open) throws TemplateException {
    int close = src.indexOf("*/", pos + 2);
    if (close < 0) {
      throw new TemplateException("unclosed comment", open);
    }
    pos = close + 2;
    if (src.startsWith(RIGHT, pos)) {
      pos += 2;
      return false;
    }
    if (pos < src.length() && isSpace(src.charAt(pos)) && src.startsWith("-" + RIGHT, pos + 1)) {
      pos += 4;
      return true;
    }
    throw new TemplateException("comment ends before closing delimiter", open);
  }

  private void lexItem(char c, boolean spaceBefore) throws TemplateException {
    int start = pos;
    switch (c) {
      case '|' -> simple(Kind.PIPE, spaceBefore);
      case '(' -> simple(Kind.LEFT_PAREN, spaceBefore);
      case ')' -> simple(Kind.RIGHT_PAREN, spaceBefore);
      case '"' -> add(Kind.STRING, start, lexQuoted(), spaceBefore);
      case '`' -> add(Kind.STRING, start, lexRaw(), spaceBefore);
      case '\'' -> add(Kind.NUMBER, start, lexChar(), spaceBefore);
      case '$' -> lexVariable(spaceBefore);
      case ',' -> simple(Kind.COMMA, spaceBefore);
      case '=' -> simple(Kind.ASSIGN, spaceBefore);
      case ':' -> {
        if (!src.startsWith(":=", pos)) {
          throw new TemplateException("expected :=", start);
        }
        pos += 2;
        add(Kind.DECLARE, start, null, spaceBefore);
      }
      default -> {
        if (c == '.' && !(pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
          lexField(spaceBefore);
        } else if (isDigit(c) || c == '.' || c == '+' || c == '-') {
          add(Kind.NUMBER, start, NumberLiteral.parse(scanNumber(), start), spaceBefore);
        } else if (isIdentifierStart(c)) {
          lexIdentifier(spaceBefore);
        } else {
          throw new TemplateException("unexpected \"" + c + "\" in command", start);
        }
      }
    }
  }

  private void simple(Kind kind, boolean spaceBefore) {
    tokens.add(new Token(kind, src.substring(pos, pos + 1), null, pos, spaceBefore));
    pos++;
  }

  private void add(Kind kind, int start, Object value, boolean spaceBefore) {
    tokens.add(new Token(kind, src.substring(start, pos), value, start, spaceBefore));
  }

  private void lexVariable(boolean spaceBefore) throws TemplateException {
    int start = pos;
    pos++;
    while (pos < src.length() && isAlphaNumeric(src.charAt(pos))) {
      pos++;
    }
    skipFieldChain();
    checkTerminator();
    add(Kind.VARIABLE, start, null, spaceBefore);
  }

  private void skipFieldChain() {
    while (pos + 1 < src.length()
        && src.charAt(pos) == '.'
        && isIdentifierStart(src.charAt(pos + 1))) {
      pos++;
      while (pos < src.length() && isAlphaNumeric(src.charAt(pos))) {
        pos++;
      }
    }
  }

  private void lexField(boolean spaceBefore) throws TemplateException {
    int start = pos;
    pos++;
    if (pos < src.length() && isIdentifierStart(src.charAt(pos))) {
      while (true) {
        while (pos < src.length() && isAlphaNumeric(src.charAt(pos))) {
          pos++;
        }
        if (pos + 1 < src.length()
            && src.charAt(pos) == '.'
            && isIdentifierStart(src.charAt(pos + 1))) {
          pos++;
          continue;
        }
        break;
      }
      checkTerminator();
      add(Kind.FIELD, start, null, spaceBefore);
    } else {
      checkTerminator();
      add(Kind.DOT, start, null, spaceBefore);
    }
  }

  private void lexIdentifier(boolean spaceBefore) throws TemplateException {
    int start = pos;
    while (pos < src.length() && isAlphaNumeric(src.charAt(pos))) {
      pos++;
    }
    checkTerminator();
    String word = src.substring(start, pos);
    if (word.equals("true") || word.equals("false")) {
      add(Kind.BOOL, start, Boolean.valueOf(word), spaceBefore);
    } else if (word.equals("nil")) {
      add(Kind.NIL, start, null, spaceBefore);
    } else if (KEYWORDS.contains(word)) {
      add(Kind.KEYWORD, start, null, spaceBefore);
    } else {
      add(Kind.IDENTIFIER, start, null, spaceBefore);
    }
  }

  /** Go requires a word to be followed by a space, a delimiter or punctuation. */
  private void checkTerminator() throws TemplateException {
    if (pos >= src.length()) {
      return;
    }
    char c = src.charAt(pos);
    if (isSpace(c) || ".,|:()".indexOf(c) >= 0 || src.startsWith(RIGHT, pos)) {
      return;
    }
    throw new TemplateException("bad character " + GoValues.describeRune(c), pos);
  }

  private String scanNumber() throws TemplateException {
    int start = pos;
    if (src.charAt(pos) == '+' || src.charAt(pos) == '-') {
      pos++;
    }
    while (pos < src.length()) {
      char c = src.charAt(pos);
      boolean exponentSign =
          (c == '+' || c == '-') && "eEpP".indexOf(src.charAt(pos - 1)) >= 0 && !isHex(start);
      if (isAlphaNumeric(c) || c == '.' || exponentSign) {
        pos++;
      } else {
        break;
      }
    }
    String text = src.substring(start, pos);
    if (pos < src.length() && !isSpace(src.charAt(pos)) && "|()".indexOf(src.charAt(pos)) < 0) {
      if (!src.startsWith(RIGHT, pos)) {
        throw new TemplateException("bad number syntax: \"" + text + src.charAt(pos) + "\"", start);
      }
    }
    return text;
  }

  private boolean isHex(int numberStart) {
    int i = numberStart;
    if (src.charAt(i) == '+' || src.charAt(i) == '-') {
      i++;
    }
    return src.startsWith("0x", i) || src.startsWith("0X", i);
  }

  private String lexQuoted() throws TemplateException {
    int start = pos;
    pos++;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new TemplateException("unterminated quoted string", start);
      }
      char c = src.charAt(pos);
      if (c == '\\') {
        pos += 2;
        continue;
      }
      pos++;
      if (c == '"') {
        return GoEscapes.unquote(src.substring(start + 1, pos - 1), '"', start);
      }
    }
  }

  private String lexRaw() throws TemplateException {
    int start = pos;
    int close = src.indexOf('`', pos + 1);
    if (close < 0) {
      throw new TemplateException("unterminated raw quoted string", start);
    }
    pos = close + 1;
    // Go's strconv.Unquote drops carriage returns from raw strings.
    return src.substring(start + 1, close).replace("\r", "");
  }

  private Long lexChar() throws TemplateException {
    int start = pos;
    pos++;
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw new TemplateException("unterminated character constant", start);
      }
      char c = src.charAt(pos);
      if (c == '\\') {
        pos += 2;
        continue;
      }
      pos++;
      if (c == '\'') {
        String decoded = GoEscapes.unquote(src.substring(start + 1, pos - 1), '\'', start);
        if (decoded.codePointCount(0, decoded.length()) != 1) {
          throw new TemplateException(
              "malformed character constant: " + src.substring(start, pos), start);
        }
        return (long) decoded.codePointAt(0);
      }
    }
  }

  private int skipSpaces(int from, int to) {
    int i = from;
    while (i < to && isSpace(src.charAt(i))) {
      i++;
    }
    return i;
  }

  private int trimSpacesBackwards(int from, int to) {
    int i = to;
    while (i > from && isSpace(src.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return c == '_' || Character.isLetter(c);
  }

  private static boolean isAlphaNumeric(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
