/**
 * The {@code amazon-ebs} builder (Packer's BuilderId {@code mitchellh.amazonebs}): launches a
 * source instance from an AMI, provisions it over SSH, stops it and turns it into AMIs, cleaning up
 * every temporary resource in reverse order, whatever happened.
 */
package dev.imagebake.builder.amazon.ebs;
