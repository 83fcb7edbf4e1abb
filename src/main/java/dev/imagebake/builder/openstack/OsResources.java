package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.Resource;

/** The resources a build records, with the command that deletes each by hand. */
final class OsResources {
  private OsResources() {}

  static Resource keyPair(String name) {
    return new Resource("OpenStack key pair", name, "", "openstack keypair delete " + name);
  }

  static Resource server(String idOrName) {
    return new Resource("OpenStack server", idOrName, "", "openstack server delete " + idOrName);
  }

  static Resource volume(String idOrName) {
    return new Resource("OpenStack volume", idOrName, "", "openstack volume delete " + idOrName);
  }

  static Resource floatingIp(String idOrNetwork) {
    return new Resource(
        "OpenStack floating IP", idOrNetwork, "", "openstack floating ip delete " + idOrNetwork);
  }

  static Resource image(String idOrName) {
    return new Resource("OpenStack image", idOrName, "", "openstack image delete " + idOrName);
  }
}
