/**
 * What Amazon builders share (Packer's {@code builder/amazon/common}): access, AMI and run
 * configuration, the EC2 client with its retry and polling policy, and the steps that launch a
 * source instance and turn it into AMIs, each cleaning up what it created.
 */
package dev.imagebake.builder.amazon.common;
