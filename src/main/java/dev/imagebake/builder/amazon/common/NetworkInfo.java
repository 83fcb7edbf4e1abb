package dev.imagebake.builder.amazon.common;

/** Where the instance launches; null parts are left to EC2. */
public record NetworkInfo(String vpcId, String subnetId, String availabilityZone) {}
