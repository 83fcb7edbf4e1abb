package dev.imagebake.sdk;

/**
 * Implemented by a builder's configuration record whose block carries the communicator keys (flat,
 * as in Packer): the engine reads the keys here to check them with the communicator's {@link
 * CommunicatorFactory#check} and to connect.
 */
public interface UsesCommunicator {
  /** The block's communicator keys; never null once bound. */
  CommunicatorConfig comm();
}
