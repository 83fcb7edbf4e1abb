package dev.imagebake.builder.file;

import dev.imagebake.sdk.config.Doc;

/** The {@code file} builder's keys (reference §5.2). */
@Doc(
    "Makes an artifact from a local file or a string; runs no machine. For testing post-processors.")
public record FileBuilderConfig(
    @Doc("Path of the file to create (parent directories are created).") String target,
    @Doc("Local file to copy to target.") String source,
    @Doc("Text to write to target (mode 0600).") String content) {

  boolean hasSource() {
    return source != null && !source.isEmpty();
  }

  boolean hasContent() {
    return content != null && !content.isEmpty();
  }
}
