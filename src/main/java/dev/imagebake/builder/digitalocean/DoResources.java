package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.Resource;

/**
 * The DigitalOcean resources a build records with {@code ctx.resources()}: by id, or by the name
 * asked for until the id is known, with the doctl command that deletes it.
 */
final class DoResources {
  private DoResources() {}

  static Resource key(String nameOrId) {
    return new Resource(
        "DigitalOcean SSH key",
        nameOrId,
        "",
        "doctl compute ssh-key delete <id> (find it with `doctl compute ssh-key list`, named "
            + nameOrId
            + ")");
  }

  static Resource key(long id, String name) {
    return new Resource(
        "DigitalOcean SSH key", Long.toString(id), "", "doctl compute ssh-key delete " + id);
  }

  static Resource droplet(String name) {
    return new Resource(
        "droplet",
        name,
        "",
        "find it with `doctl compute droplet list " + name + "`, then delete it");
  }

  static Resource droplet(long id) {
    return new Resource("droplet", Long.toString(id), "", "doctl compute droplet delete " + id);
  }

  static Resource snapshotOf(long dropletId, String name) {
    return new Resource(
        "droplet snapshot",
        name,
        "",
        "find it with `doctl compute droplet snapshots "
            + dropletId
            + "` (or `doctl compute snapshot list "
            + name
            + "`), then delete it");
  }

  static Resource snapshot(long imageId) {
    return new Resource(
        "droplet snapshot", Long.toString(imageId), "", "doctl compute image delete " + imageId);
  }
}
