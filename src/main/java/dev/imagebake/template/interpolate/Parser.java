package dev.imagebake.template.interpolate;

import dev.imagebake.template.interpolate.FunctionSpec.ParamType;
import dev.imagebake.template.interpolate.Token.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the AST from tokens (Go's text/template grammar without sub-templates) and checks what Go
 * checks only when executing: function arity and the types of literal arguments.
 */
final class Parser {
  /** Nesting of parentheses and blocks; bounded so hostile input cannot exhaust the stack. */
  static final int MAX_DEPTH = 1000;

  private final List<Token> tokens;

  /** Variables in scope, innermost last; {@code $} is always there. */
  private final List<String> variables = new ArrayList<>(List.of("$"));

  private int next;
  private int depth;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static List<Node> parse(String source) throws TemplateException {
    Parser parser = new Parser(Lexer.lex(source));
    ListResult top = parser.parseList();
    if (top.terminator() != null) {
      throw new TemplateException(
          "unexpected {{" + top.terminator().text() + "}}", top.terminatorStart());
    }
    return top.nodes();
  }

  /**
   * Nodes up to EOF or an {@code {{else}}}/{@code {{end}}}.
   *
   * @param terminator the else/end keyword, or null at EOF
   * @param terminatorStart where the terminating action's {@code {{} is
   */
  private record ListResult(List<Node> nodes, Token terminator, int terminatorStart) {}

  private ListResult parseList() throws TemplateException {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      Token token = take();
      switch (token.kind()) {
        case EOF -> {
          return new ListResult(nodes, null, token.offset());
        }
        case TEXT -> nodes.add(new Node.Text(token.text()));
        case LEFT_DELIM -> {
          Token keyword = peek();
          if (keyword.kind() == Kind.KEYWORD
              && (keyword.text().equals("else") || keyword.text().equals("end"))) {
            take();
            return new ListResult(nodes, keyword, token.offset());
          }
          nodes.add(parseAction(token));
        }
        default -> throw unexpected(token, "input");
      }
    }
  }

  private Node parseAction(Token left) throws TemplateException {
    Token first = peek();
    if (first.kind() == Kind.KEYWORD) {
      take();
      enter(first);
      // Variables declared in a control's pipeline or body go out of scope at its {{end}}.
      int scope = variables.size();
      Node block =
          switch (first.text()) {
            case "if" -> parseIf(left.offset(), first);
            case "range", "with" -> parseBlock(left.offset(), first);
            default ->
                throw new TemplateException(
                    "{{" + first.text() + "}} is not supported by imagebake", first.offset());
          };
      variables.subList(scope, variables.size()).clear();
      depth--;
      return block;
    }
    Expr.Pipeline pipeline = parsePipeline("command");
    Token right = expect(Kind.RIGHT_DELIM, "command");
    return new Node.Action(pipeline, left.offset(), right.offset() + right.text().length());
  }

  private Node.If parseIf(int start, Token keyword) throws TemplateException {
    Expr.Pipeline condition = parsePipeline("if");
    expect(Kind.RIGHT_DELIM, "if");
    ListResult then = parseList();
    List<Node> otherwise = List.of();
    int end = requireTerminator(then, start, keyword);
    if (then.terminator().text().equals("else")) {
      Token afterElse = peek();
      if (afterElse.kind() == Kind.KEYWORD && afterElse.text().equals("if")) {
        // {{else if c}} is {{else}}{{if c}}…{{end}}{{end}} sharing a single {{end}}.
        take();
        enter(afterElse);
        Node.If nested = parseIf(then.terminatorStart(), afterElse);
        depth--;
        return new Node.If(condition, then.nodes(), List.of(nested), start, nested.end());
      }
      expect(Kind.RIGHT_DELIM, "else");
      ListResult elseList = parseList();
      end = requireTerminator(elseList, start, keyword);
      if (!elseList.terminator().text().equals("end")) {
        throw new TemplateException("expected end; found {{else}}", elseList.terminatorStart());
      }
      otherwise = elseList.nodes();
    }
    return new Node.If(condition, then.nodes(), otherwise, start, end);
  }

  private Node parseBlock(int start, Token keyword) throws TemplateException {
    Expr.Pipeline pipeline = parsePipeline(keyword.text());
    expect(Kind.RIGHT_DELIM, keyword.text());
    ListResult body = parseList();
    int end = requireTerminator(body, start, keyword);
    List<Node> otherwise = List.of();
    if (body.terminator().text().equals("else")) {
      expect(Kind.RIGHT_DELIM, "else");
      ListResult elseList = parseList();
      end = requireTerminator(elseList, start, keyword);
      if (!elseList.terminator().text().equals("end")) {
        throw new TemplateException("expected end; found {{else}}", elseList.terminatorStart());
      }
      otherwise = elseList.nodes();
    }
    return keyword.text().equals("range")
        ? new Node.Range(pipeline, body.nodes(), otherwise, start, end)
        : new Node.With(pipeline, body.nodes(), otherwise, start, end);
  }

  /** Checks the list ended with else/end; for {@code end} returns the offset after its action. */
  private int requireTerminator(ListResult list, int start, Token keyword)
      throws TemplateException {
    if (list.terminator() == null) {
      throw new TemplateException(
          "unexpected EOF: {{" + keyword.text() + "}} has no {{end}}", start);
    }
    if (list.terminator().text().equals("end")) {
      Token right = expect(Kind.RIGHT_DELIM, "end");
      return right.offset() + right.text().length();
    }
    return -1;
  }

  /**
   * @param context what the pipeline belongs to, for "missing value for …"
   */
  private Expr.Pipeline parsePipeline(String context) throws TemplateException {
    int offset = peek().offset();
    Kind first = peek().kind();
    if (first == Kind.RIGHT_DELIM || first == Kind.EOF) {
      throw new TemplateException("missing value for " + context, peek().offset());
    }
    List<String> declarations = new ArrayList<>();
    boolean assign = parseDeclarations(context, declarations);
    if (!declarations.isEmpty()) {
      Token after = peek();
      if (after.kind() == Kind.RIGHT_DELIM || after.kind() == Kind.EOF) {
        throw new TemplateException("missing value for " + context, after.offset());
      }
    }
    List<Expr> stages = new ArrayList<>();
    stages.add(parseCommand(false));
    while (peek().kind() == Kind.PIPE) {
      Token pipe = take();
      Kind after = peek().kind();
      if (after == Kind.RIGHT_DELIM || after == Kind.RIGHT_PAREN || after == Kind.EOF) {
        throw new TemplateException("missing command after |", pipe.offset());
      }
      stages.add(parseCommand(true));
    }
    return new Expr.Pipeline(List.copyOf(stages), offset, List.copyOf(declarations), assign);
  }

  /**
   * {@code $x :=}, {@code $x =} or (in range) {@code $i, $e :=} at the start of a pipeline.
   *
   * @return whether it is an assignment
   */
  private boolean parseDeclarations(String context, List<String> names) throws TemplateException {
    int count;
    if (kindAt(0) == Kind.VARIABLE && isDeclaration(kindAt(1))) {
      count = 1;
    } else if (kindAt(0) == Kind.VARIABLE
        && kindAt(1) == Kind.COMMA
        && kindAt(2) == Kind.VARIABLE
        && isDeclaration(kindAt(3))) {
      if (!context.equals("range")) {
        throw new TemplateException("too many declarations in " + context, peek().offset());
      }
      count = 2;
    } else {
      return false;
    }
    List<Token> declared = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Token variable = take();
      if (variable.text().contains(".") || variable.text().equals("$")) {
        throw new TemplateException(
            "unexpected " + variable.quoted() + " in declaration", variable.offset());
      }
      declared.add(variable);
      take(); // the comma, or := / =
    }
    boolean assign = tokens.get(next - 1).kind() == Kind.ASSIGN;
    for (Token variable : declared) {
      if (assign && !variables.contains(variable.text())) {
        throw new TemplateException(
            "undefined variable \"" + variable.text() + "\"", variable.offset());
      }
      names.add(variable.text());
      if (!assign) {
        variables.add(variable.text());
      }
    }
    return assign;
  }

  private Kind kindAt(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1)).kind();
  }

  private static boolean isDeclaration(Kind kind) {
    return kind == Kind.DECLARE || kind == Kind.ASSIGN;
  }

  /** A command: a function call with its arguments, or a single operand. */
  private Expr parseCommand(boolean piped) throws TemplateException {
    Token first = peek();
    if (first.kind() == Kind.IDENTIFIER) {
      take();
      FunctionSpec spec = function(first);
      List<Expr> args = new ArrayList<>();
      while (startsOperand(peek())) {
        requireSpaceBefore(peek());
        args.add(parseOperand());
      }
      checkCall(spec, first, args, piped);
      return new Expr.Call(spec.name(), List.copyOf(args), first.offset());
    }
    if (!startsOperand(first)) {
      if (first.kind() == Kind.RIGHT_DELIM || first.kind() == Kind.EOF) {
        throw new TemplateException("missing value for command", first.offset());
      }
      throw unexpected(first, "command");
    }
    Expr operand = parseOperand();
    if (startsOperand(peek())) {
      requireSpaceBefore(peek());
    }
    if (startsOperand(peek()) || piped) {
      throw new TemplateException(
          "can't give argument to non-function " + first.text(), first.offset());
    }
    if (operand instanceof Expr.Nil) {
      throw new TemplateException("nil is not a command", operand.offset());
    }
    return operand;
  }

  private Expr parseOperand() throws TemplateException {
    Token token = take();
    Expr term =
        switch (token.kind()) {
          case IDENTIFIER -> {
            FunctionSpec spec = function(token);
            checkCall(spec, token, List.of(), false);
            yield new Expr.Call(spec.name(), List.of(), token.offset());
          }
          case FIELD -> new Expr.Field(path(token.text()), token.offset());
          case VARIABLE -> variable(token);
          case DOT -> new Expr.Dot(token.offset());
          case STRING, NUMBER, BOOL ->
              new Expr.Literal(token.value(), token.text(), token.offset());
          case NIL -> new Expr.Nil(token.offset());
          case LEFT_PAREN -> {
            if (peek().kind() == Kind.RIGHT_PAREN) {
              throw new TemplateException(
                  "missing value for parenthesized pipeline", peek().offset());
            }
            enter(token);
            Expr.Pipeline inner = parsePipeline("parenthesized pipeline");
            expect(Kind.RIGHT_PAREN, "operand");
            depth--;
            yield new Expr.Pipeline(inner.stages(), token.offset());
          }
          default -> throw unexpected(token, "operand");
        };
    if (peek().kind() == Kind.FIELD && !peek().spaceBefore()) {
      Token field = take();
      return new Expr.Chain(term, path(field.text()), field.offset());
    }
    return term;
  }

  private void enter(Token token) throws TemplateException {
    if (++depth > MAX_DEPTH) {
      throw new TemplateException("max expression depth exceeded", token.offset());
    }
  }

  /** Go needs a space between operands: {@code "a"b} is not two operands. */
  private static void requireSpaceBefore(Token operand) throws TemplateException {
    if (!operand.spaceBefore()) {
      throw unexpected(operand, "operand");
    }
  }

  private Expr.Variable variable(Token token) throws TemplateException {
    String text = token.text();
    int dot = text.indexOf('.');
    String name = dot < 0 ? text : text.substring(0, dot);
    if (!variables.contains(name)) {
      throw new TemplateException("undefined variable \"" + name + "\"", token.offset());
    }
    List<String> fieldPath = dot < 0 ? List.of() : path(text.substring(dot));
    return new Expr.Variable(name, fieldPath, token.offset());
  }

  private static List<String> path(String fieldText) {
    return List.copyOf(Arrays.asList(fieldText.substring(1).split("\\.")));
  }

  private static boolean startsOperand(Token token) {
    return switch (token.kind()) {
      case IDENTIFIER, FIELD, DOT, VARIABLE, STRING, NUMBER, BOOL, NIL, LEFT_PAREN -> true;
      default -> false;
    };
  }

  private static FunctionSpec function(Token name) throws TemplateException {
    FunctionSpec spec = FunctionTable.lookup(name.text());
    if (spec == null) {
      throw new TemplateException(FunctionTable.undefinedMessage(name.text()), name.offset());
    }
    return spec;
  }

  /** Arity (counting a piped value as the last argument) and literal argument types. */
  private static void checkCall(FunctionSpec spec, Token name, List<Expr> args, boolean piped)
      throws TemplateException {
    String arity = spec.arityError(args.size() + (piped ? 1 : 0));
    if (arity != null) {
      throw new TemplateException(arity, name.offset());
    }
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof Expr.Literal literal) {
        String problem = literalMismatch(spec.paramAt(i), literal);
        if (problem != null) {
          throw new TemplateException(problem, literal.offset());
        }
      } else if (args.get(i) instanceof Expr.Nil nil && spec.paramAt(i) != ParamType.ANY) {
        throw new TemplateException(
            "cannot assign nil to " + goType(spec.paramAt(i)), nil.offset());
      }
    }
  }

  private static String literalMismatch(ParamType type, Expr.Literal literal) {
    Object value = literal.value();
    return switch (type) {
      case STRING -> value instanceof String ? null : "expected string; found " + literal.text();
      case INT -> value instanceof Long ? null : "expected integer; found " + literal.text();
      case ANY -> null;
    };
  }

  private static String goType(ParamType type) {
    return type == ParamType.INT ? "int" : "string";
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token token = tokens.get(next);
    if (token.kind() != Kind.EOF) {
      next++;
    }
    return token;
  }

  private Token expect(Kind kind, String context) throws TemplateException {
    Token token = take();
    if (token.kind() != kind) {
      throw unexpected(token, context);
    }
    return token;
  }

  private static TemplateException unexpected(Token token, String context) {
    if (token.kind() == Kind.EOF) {
      return new TemplateException("unexpected EOF", token.offset());
    }
    return new TemplateException(
        "unexpected " + describe(token) + " in " + context, token.offset());
  }

  private static String describe(Token token) {
    return switch (token.kind()) {
      case RIGHT_DELIM -> "\"}}\"";
      case LEFT_DELIM -> "\"{{\"";
      case STRING, NUMBER, BOOL -> token.text();
      default -> token.quoted();
    };
  }
}
