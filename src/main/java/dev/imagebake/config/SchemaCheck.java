package dev.imagebake.config;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a raw block against its plugin's compiled JSON Schema and words each error for the
 * user: unknown keys (with a suggestion, or Packer's message for renamed keys) and values of the
 * wrong type (one message per value, at the innermost value that is wrong).
 */
final class SchemaCheck {
  private static final String FIX_ADVICE =
      ". Please call `imagebake fix` (Packer's `packer fix`) against your template to update"
          + " your template to be compatible with the current version of Packer.";

  private final RecordModel model;
  private final Schema schema;

  SchemaCheck(RecordModel model, Schema schema) {
    this.model = model;
    this.schema = schema;
  }

  /** The problems, with pointers relative to the block. */
  List<Problem> validate(ObjectNode block) {
    List<Problem> problems = new ArrayList<>();
    Set<String> wrongValues = new LinkedHashSet<>();
    for (Error error : schema.validate(block)) {
      String pointer = pointer(error.getInstanceLocation());
      if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
        problems.add(unknownKey(pointer, error.getProperty()));
      } else {
        wrongValues.add(pointer);
      }
    }
    for (String pointer : wrongValues) {
      boolean hasInner = wrongValues.stream().anyMatch(p -> Pointers.isInside(p, pointer));
      if (!hasInner) {
        problems.add(wrongValue(block, pointer));
      }
    }
    return problems;
  }

  private Problem unknownKey(String objectPointer, String key) {
    RecordModel owner = locate(objectPointer).flatMap(Located::model).orElse(model);
    String pointer = Pointers.append(objectPointer, key);
    String replacement = owner.deprecatedKeys().get(key);
    if (replacement != null) {
      return Problem.atKey(
          pointer,
          "Deprecated configuration key: '" + key + "'" + FIX_ADVICE,
          replacement.isEmpty() ? "remove it" : "use '" + replacement + "' instead");
    }
    return Problem.atKey(
        pointer,
        "unknown configuration key: '" + key + "'",
        DidYouMean.suggest(key, keys(owner)).map(s -> "did you mean '" + s + "'?").orElse(null));
  }

  /**
   * The key a top-level key of the block stands for when it is not a key of the plugin: the new
   * name of a renamed key, else the closest known key; empty for a known key or when nothing is
   * close.
   */
  Optional<String> meantKey(String key) {
    if (model.property(key).isPresent()) {
      return Optional.empty();
    }
    String replacement = model.deprecatedKeys().get(key);
    if (replacement != null) {
      return replacement.isEmpty() ? Optional.empty() : Optional.of(replacement);
    }
    return DidYouMean.suggest(key, keys(model));
  }

  private static List<String> keys(RecordModel model) {
    return model.properties().stream().map(RecordModel.Property::key).toList();
  }

  private Problem wrongValue(ObjectNode block, String pointer) {
    JsonNode node = block.at(pointer);
    Optional<Located> located = locate(pointer);
    if (located.isEmpty() || located.get().type() == null) {
      return Problem.atValue(pointer, "invalid value " + Mismatch.describe(node, true));
    }
    Located at = located.get();
    if (at.type() instanceof ValueType.Text t && !t.oneOf().isEmpty() && node.isValueNode()) {
      return Problem.atValue(
          pointer, Mismatch.notOneOf(at.path(), Mismatch.weakText(node), t.oneOf(), at.secret()));
    }
    if (at.type() instanceof ValueType.Span && node.isString()) {
      return Problem.atValue(
          pointer, Mismatch.badDuration(at.path(), node.stringValue(), at.secret()));
    }
    if (at.type() instanceof ValueType.Whole w
        && node.isNumber()
        && node.decimalValue().stripTrailingZeros().scale() <= 0) {
      return Problem.atValue(
          pointer, Mismatch.outOfRange(at.path(), node.decimalValue().toBigInteger(), w.wide()));
    }
    return Problem.atValue(pointer, Mismatch.of(at.path(), at.type(), node, at.secret()));
  }

  /**
   * What the schema expects at a pointer: the value type, the record model when it is an object of
   * a record, the user-facing path ({@code tags.Name}, {@code ssh_ciphers[0]}).
   */
  private record Located(
      ValueType type, Optional<RecordModel> model, String path, boolean secret) {}

  private Optional<Located> locate(String pointer) {
    ValueType type = new ValueType.Nested(model);
    String path = "";
    boolean secret = false;
    for (String segment : Pointers.segments(pointer)) {
      if (type instanceof ValueType.Nested n) {
        Optional<RecordModel.Property> p = n.model().property(segment);
        if (p.isEmpty()) {
          return Optional.empty();
        }
        type = p.get().valueType();
        secret = p.get().secret();
        path = path.isEmpty() ? segment : path + "." + segment;
      } else if (type instanceof ValueType.NestedList n) {
        type = new ValueType.Nested(n.model());
        path = path + "[" + segment + "]";
      } else if (type instanceof ValueType.TextList) {
        type = new ValueType.Text(List.of());
        path = path + "[" + segment + "]";
      } else if (type instanceof ValueType.WholeList) {
        type = new ValueType.Whole(false, false);
        path = path + "[" + segment + "]";
      } else if (type instanceof ValueType.TextMap) {
        type = new ValueType.Text(List.of());
        path = path + "." + segment;
      } else {
        return Optional.empty();
      }
    }
    Optional<RecordModel> objectModel =
        type instanceof ValueType.Nested n ? Optional.of(n.model()) : Optional.empty();
    return Optional.of(new Located(type, objectModel, path, secret));
  }

  private static String pointer(NodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        pointer.append('/').append(index);
      } else {
        pointer.append(Pointers.append("", String.valueOf(element)));
      }
    }
    return pointer.toString();
  }
}
