/**
 * The {@code digitalocean} builder (Packer's BuilderId {@code pearkes.digitalocean}): registers a
 * temporary SSH key, creates a droplet, provisions it over SSH, shuts it down, snapshots it and
 * transfers the snapshot to {@code snapshot_regions}; the droplet and the key are deleted whatever
 * happened, and the snapshot too when the build failed. Talks to the DigitalOcean API v2 with the
 * JDK's HttpClient and Jackson (there is no maintained DigitalOcean SDK for Java).
 */
package dev.imagebake.builder.digitalocean;
