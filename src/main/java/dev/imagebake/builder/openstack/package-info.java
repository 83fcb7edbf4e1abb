/**
 * The {@code openstack} builder (Packer's BuilderId {@code mitchellh.openstack}): boots a server
 * from an image (or from a volume made of it), provisions it over SSH, stops it and saves it as a
 * Glance image, cleaning up the server, floating IP, volume and temporary key pair in reverse
 * order, whatever happened. Talks to Keystone v3, Nova, Glance, Neutron and Cinder through the
 * JDK's HttpClient (see docs/openstack.md for why not openstack4j).
 */
package dev.imagebake.builder.openstack;
