package dev.imagebake.template;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Severity;
import dev.imagebake.diag.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads JSON files into Jackson trees, recording the position of every value and member key, in one
 * streaming pass without recursion. Never throws on bad input: unreadable files, invalid UTF-8,
 * syntax errors and excessive nesting all become diagnostics (syntax errors in the words of Go's
 * {@code encoding/json}, as Packer prints them).
 */
public final class JsonSource {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The largest template or var-file read, in bytes. Templates are a few KiB; this bounds the
   * memory a mistaken or hostile input (a disk image, a log) takes before it is rejected.
   */
  public static final int MAX_BYTES = 1 << 20;

  private static final String TOO_LARGE =
      "larger than " + (MAX_BYTES >> 20) + " MiB, the limit for templates and var-files";

  private JsonSource() {}

  /**
   * Reads {@code file}, or {@code stdin} when the file is {@code -}.
   *
   * @param duplicateKeysAreErrors true for templates (Packer rejects them), false for var-files (Go
   *     keeps the last value; reported as a warning)
   */
  public static ParsedJson read(Path file, InputStream stdin, boolean duplicateKeysAreErrors) {
    byte[] bytes;
    try {
      bytes = readBytes(file, stdin);
    } catch (IOException | UncheckedIOException e) {
      Diagnostics d = new Diagnostics();
      d.add(Diagnostic.error(SourceRef.file(file), readError(file, e)));
      return new ParsedJson(null, new PositionIndex(file, ""), d);
    }
    return parse(file, bytes, duplicateKeysAreErrors);
  }

  private static byte[] readBytes(Path file, InputStream stdin) throws IOException {
    if (file.toString().equals("-")) {
      byte[] bytes = stdin.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("read " + file + ": " + TOO_LARGE);
      }
      return bytes;
    }
    // Checked before opening: opening a FIFO blocks until a writer comes, and a device (zero,
    // urandom) never ends.
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      throw new IOException("read " + file + ": is a directory");
    }
    if (!attributes.isRegularFile()) {
      throw new IOException("read " + file + ": not a regular file (" + kind(file) + ")");
    }
    if (attributes.size() > MAX_BYTES) {
      throw new IOException("read " + file + ": " + TOO_LARGE);
    }
    try (InputStream in = Files.newInputStream(file)) {
      // The file may have grown since: never read more than the cap.
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("read " + file + ": " + TOO_LARGE);
      }
      return bytes;
    }
  }

  /** What a file that is neither a directory nor a regular file is, as {@code ls -l} tells. */
  private static String kind(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      int type = (Integer) mode & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "a special file";
    }
  }

  private static String readError(Path file, Exception e) {
    if (e instanceof NoSuchFileException) {
      return "stat " + file + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "open " + file + ": permission denied";
    }
    String m = e.getMessage();
    return m != null && m.startsWith("read ") ? m : "read " + file + ": " + m;
  }

  /** Parses {@code bytes}; {@code file} is only used to name the source in diagnostics. */
  public static ParsedJson parse(Path file, byte[] bytes, boolean duplicateKeysAreErrors) {
    String text = decode(bytes);
    PositionIndex index = new PositionIndex(file, text);
    Diagnostics diagnostics = new Diagnostics();
    JsonNode root;
    try {
      root = new TreeBuilder(file, index, diagnostics, duplicateKeysAreErrors).build(text);
    } catch (LimitExceeded e) {
      SourceRef at =
          new SourceRef(file, Math.max(0, e.at.getLineNr()), Math.max(0, e.at.getColumnNr()), "");
      String why = String.valueOf(e.getMessage());
      Diagnostic d =
          why.contains("nesting depth")
              ? Diagnostic.error(at, "Error parsing JSON: exceeded max depth")
                  .withHint(
                      "JSON nested deeper than "
                          + FACTORY.streamReadConstraints().getMaxNestingDepth()
                          + " levels is not supported")
              : Diagnostic.error(at, "Error parsing JSON: " + why.lines().findFirst().orElse(why));
      diagnostics.add(d);
      return new ParsedJson(null, index, diagnostics);
    } catch (JacksonException e) {
      root = null;
    }
    if (root == null) {
      diagnostics.add(syntaxError(file, bytes, text));
    }
    return new ParsedJson(root, index, diagnostics);
  }

  /** Go decodes invalid UTF-8 as U+FFFD instead of failing; so do we. */
  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException("REPLACE never reports", e);
    }
  }

  private static Diagnostic syntaxError(Path file, byte[] bytes, String text) {
    GoJsonSyntax.Error go = GoJsonSyntax.firstError(bytes);
    if (go == null) {
      // Jackson rejected what Go accepts (should not happen for standard JSON): say so plainly.
      return Diagnostic.error(SourceRef.file(file), "Error parsing JSON: unsupported JSON input");
    }
    int offset = Math.min(go.offset(), bytes.length);
    int lineStart = 0;
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column =
        new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
    return Diagnostic.error(
        new SourceRef(file, line, column, ""), "Error parsing JSON: " + go.message());
  }

  /** A Jackson stream constraint hit, with where the parser was (the exception has no location). */
  private static final class LimitExceeded extends RuntimeException {
    final transient TokenStreamLocation at;

    LimitExceeded(TokenStreamLocation at, StreamConstraintsException cause) {
      super(cause.getMessage(), cause, false, false);
      this.at = at;
    }
  }

  /** One open object or array while streaming. */
  private static final class Frame {
    final JsonNode node;
    final String pointer;
    int nextIndex;
    Map<String, SourceRef> keys;

    Frame(JsonNode node, String pointer) {
      this.node = node;
      this.pointer = pointer;
    }
  }

  private static final class TreeBuilder {
    private final Path file;
    private final PositionIndex index;
    private final Diagnostics diagnostics;
    private final boolean duplicateKeysAreErrors;

    TreeBuilder(
        Path file, PositionIndex index, Diagnostics diagnostics, boolean duplicateKeysAreErrors) {
      this.file = file;
      this.index = index;
      this.diagnostics = diagnostics;
      this.duplicateKeysAreErrors = duplicateKeysAreErrors;
    }

    /** The root value, or null for empty input or trailing content (then Go's scanner reports). */
    JsonNode build(String text) {
      JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), text);
      TokenStreamLocation last = null;
      try (JsonParser p = parser) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        JsonNode root = null;
        String key = null;
        int keyLine = 0;
        int keyCol = 0;
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            stack.pop();
            if (stack.isEmpty()) {
              break;
            }
            continue;
          }
          TokenStreamLocation at = p.currentTokenLocation();
          last = at;
          Frame parent = stack.peek();
          if (t == JsonToken.PROPERTY_NAME) {
            key = p.currentName();
            keyLine = at.getLineNr();
            keyCol = at.getColumnNr();
            checkDuplicate(parent, key, keyLine, keyCol);
            continue;
          }
          String pointer;
          if (parent == null) {
            pointer = "";
          } else if (parent.node.isObject()) {
            pointer = JsonText.child(parent.pointer, key);
          } else {
            pointer = JsonText.child(parent.pointer, parent.nextIndex++);
          }
          boolean member = parent != null && parent.node.isObject();
          index.record(
              pointer, at.getLineNr(), at.getColumnNr(), member ? keyLine : 0, member ? keyCol : 0);
          JsonNode value = scalarOrContainer(p, t);
          if (parent == null) {
            root = value;
          } else if (member) {
            ((ObjectNode) parent.node).set(key, value);
          } else {
            ((ArrayNode) parent.node).add(value);
          }
          if (value.isContainer()) {
            stack.push(new Frame(value, pointer));
          } else if (parent == null) {
            break;
          }
        }
        if (root == null || !stack.isEmpty() || p.nextToken() != null) {
          return null;
        }
        return root;
      } catch (StreamConstraintsException e) {
        // The parser's own location is its read-ahead buffer; the last token is where it stopped.
        throw new LimitExceeded(last == null ? parser.currentLocation() : last, e);
      }
    }

    private void checkDuplicate(Frame parent, String key, int line, int col) {
      if (parent.keys == null) {
        parent.keys = new HashMap<>();
      }
      String pointer = JsonText.child(parent.pointer, key);
      SourceRef here = new SourceRef(file, line, col, pointer);
      SourceRef first = parent.keys.putIfAbsent(key, here);
      if (first == null) {
        return;
      }
      String hint = "first defined at line " + first.line() + ", column " + first.column();
      diagnostics.add(
          duplicateKeysAreErrors
              ? Diagnostic.error(here, "template has duplicate field: " + key).withHint(hint)
              : new Diagnostic(
                  Severity.WARNING,
                  "duplicate field: " + key + "; the last value is used",
                  here,
                  hint));
    }

    private static JsonNode scalarOrContainer(JsonParser p, JsonToken t) {
      return switch (t) {
        case START_OBJECT -> NODES.objectNode();
        case START_ARRAY -> NODES.arrayNode();
        case VALUE_STRING -> NODES.stringNode(p.getString());
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NULL -> NODES.nullNode();
        case VALUE_NUMBER_INT ->
            switch (p.getNumberType()) {
              case INT -> NODES.numberNode(p.getIntValue());
              case LONG -> NODES.numberNode(p.getLongValue());
              default -> NODES.numberNode(p.getBigIntegerValue());
            };
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
        default -> throw new IllegalStateException("unexpected token " + t);
      };
    }
  }
}
