package dev.imagebake.sdk.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A key Packer renamed (the ones {@code packer fix} rewrites): using it is an error that names the
 * new key, as in Packer.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(RenamedKey.List.class)
public @interface RenamedKey {
  /** The old key. */
  String key();

  /** What to use instead; empty for a key Packer dropped ({@code packer fix} deletes it). */
  String use();

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface List {
    RenamedKey[] value();
  }
}
