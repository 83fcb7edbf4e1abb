/** The {@code none} communicator: builds without a machine to connect to. */
package dev.imagebake.communicator.none;
