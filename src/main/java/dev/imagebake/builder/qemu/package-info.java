/**
 * The {@code qemu} builder (Packer's BuilderId {@code transcend.qemu}): makes a disk (empty, or a
 * copy of a base image), boots it under QEMU with user-mode networking and a loopback-only SSH port
 * forward, provisions it, shuts it down and keeps the disk as the image. The VM process, the served
 * HTTP directory, the seed CD and the partial output directory are cleaned up whatever happened.
 */
package dev.imagebake.builder.qemu;
