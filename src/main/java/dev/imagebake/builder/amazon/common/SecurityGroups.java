package dev.imagebake.builder.amazon.common;

import java.util.List;

/** The security groups the instance launches with. */
public record SecurityGroups(List<String> ids) {
  public SecurityGroups {
    ids = List.copyOf(ids);
  }
}
