package dev.imagebake.builder.amazon.common;

/** A temporary security group: name and VPC recorded before creation, id once known. */
public record TempSecurityGroup(String name, String vpcId, String id) {}
