/**
 * The {@code docker} communicator: runs the provisioners' commands in a container through the
 * Docker Engine API's exec calls (stdout, stderr and exit status apart, as {@code exec_user}) and
 * moves files and trees in and out as tar streams through its archive calls; no docker CLI.
 *
 * <p>Differences from Packer's: no temporary host directory is needed for uploads (Packer copies
 * files into a bind-mounted directory and runs {@code cp} in the container); downloading a
 * directory works (Packer's is not implemented); the chown of {@code fix_upload_owner} is skipped
 * when the container's user is root, since the engine already extracts as root; an interrupted or
 * timed-out command's processes are killed when the engine runs on this host (the Docker API has no
 * call to stop an exec; with a remote engine the command is abandoned and the builder's cleanup
 * removes the container).
 */
package dev.imagebake.communicator.docker;
