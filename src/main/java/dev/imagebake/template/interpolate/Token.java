package dev.imagebake.template.interpolate;

/**
 * One lexical item of a template string.
 *
 * @param kind what it is
 * @param text the source text it was lexed from (for messages)
 * @param value the decoded value of literals: String, Long, Double or Boolean; null otherwise
 * @param offset 0-based offset of its first character in the template string
 * @param spaceBefore whether whitespace separates it from the previous item of its action
 */
record Token(Kind kind, String text, Object value, int offset, boolean spaceBefore) {

  enum Kind {
    /** Text outside actions (already trimmed by trim markers). */
    TEXT,
    /** {@code {{} or {@code {{- }. */
    LEFT_DELIM,
    /** {@code }}} or {@code -}}}. */
    RIGHT_DELIM,
    /** A function name. */
    IDENTIFIER,
    /** {@code .Name} or a chain {@code .A.B}. */
    FIELD,
    /** A lone {@code .}. */
    DOT,
    /** {@code $name} or {@code $}, possibly with a field chain {@code $x.A.B}. */
    VARIABLE,
    /** {@code :=} */
    DECLARE,
    /** {@code =} */
    ASSIGN,
    /** {@code ,} between the two variables of a range. */
    COMMA,
    STRING,
    NUMBER,
    BOOL,
    NIL,
    PIPE,
    LEFT_PAREN,
    RIGHT_PAREN,
    /** {@code if}, {@code else}, {@code end}, {@code range}, {@code with} and unsupported ones. */
    KEYWORD,
    EOF
  }

  /** How the token appears in Go's messages: {@code "x"} quoted. */
  String quoted() {
    return "\"" + text + "\"";
  }
}
