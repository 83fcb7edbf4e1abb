package dev.imagebake.testing.ec2;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/** A tiny XML writer for EC2 answers; escapes text. */
final class Xml {
  private final StringBuilder out = new StringBuilder();

  Xml el(String name, Object value) {
    if (value == null) {
      return this;
    }
    out.append('<').append(name).append('>');
    out.append(escape(String.valueOf(value)));
    out.append("</").append(name).append('>');
    return this;
  }

  Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  Xml nest(String name, Consumer<Xml> body) {
    open(name);
    body.accept(this);
    return close(name);
  }

  /** A list: {@code <name><item>...</item>...</name>}. */
  <T> Xml set(String name, Collection<T> items, java.util.function.BiConsumer<Xml, T> each) {
    open(name);
    for (T item : items) {
      open("item");
      each.accept(this, item);
      close("item");
    }
    return close(name);
  }

  Xml tagSet(Map<String, String> tags) {
    return set(
        "tagSet", tags.entrySet(), (x, e) -> x.el("key", e.getKey()).el("value", e.getValue()));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
