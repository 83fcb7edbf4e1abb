package dev.imagebake.builder.openstack;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds what a creation made when its answer was lost: the ids a listing shows after the call that
 * it did not show before. Creations are never retried, so at most the one resource is found (or
 * several when someone else created alike meanwhile; all are taken as the build's, which is what
 * its user would delete by hand too).
 */
final class NewIds {
  private final Supplier<List<String>> listing;
  private final Set<String> before;

  private NewIds(Supplier<List<String>> listing, Set<String> before) {
    this.listing = listing;
    this.before = before;
  }

  /** Lists now, before the creation. */
  static NewIds before(Supplier<List<String>> listing) {
    return new NewIds(listing, new HashSet<>(listing.get()));
  }

  /** The ids that appeared since; empty when the listing fails too. */
  List<String> appeared() {
    try {
      return listing.get().stream().filter(id -> !before.contains(id)).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
