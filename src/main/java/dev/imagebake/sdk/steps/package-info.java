/**
 * The common steps builders compose (Packer's {@code commonsteps} and {@code
 * communicator.StepConnect}): connect through whichever communicator the block names, run the
 * provisioners, and the typed state keys they share with the builder's own steps.
 */
package dev.imagebake.sdk.steps;
