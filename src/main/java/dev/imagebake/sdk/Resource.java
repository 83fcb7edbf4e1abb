package dev.imagebake.sdk;

import java.util.Objects;

/**
 * Something a build made outside itself that is not its artifact and outlives imagebake unless
 * deleted: an instance, a key pair, a security group, a volume, an AMI, a VM process, a directory.
 *
 * @param kind what it is, e.g. {@code EC2 instance}
 * @param id how to find it: the provider's id, a name when the id is not known yet, a process id, a
 *     path
 * @param where where it lives (a region, a host), or "" when {@code id} says it all
 * @param delete how to delete it by hand: a command or a sentence
 */
public record Resource(String kind, String id, String where, String delete) {
  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    where = where == null ? "" : where;
    delete = delete == null ? "" : delete;
  }

  /** Whether {@code other} is the same resource (kind, id and place; the advice may differ). */
  public boolean sameAs(Resource other) {
    return kind.equals(other.kind) && id.equals(other.id) && where.equals(other.where);
  }

  /** {@code EC2 instance i-0abc (us-east-1)}. */
  public String describe() {
    return kind + " " + id + (where.isEmpty() ? "" : " (" + where + ")");
  }
}
