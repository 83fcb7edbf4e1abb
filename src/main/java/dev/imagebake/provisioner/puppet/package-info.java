/**
 * The {@code puppet-masterless} provisioner (Packer 1.6.6): {@code puppet apply} of uploaded
 * manifests on the machine, through the SDK {@code Communicator}, with Packer's keys, defaults,
 * {@code execute_command} and detailed exit codes (0 and 2 are success).
 *
 * <p>Differences from Packer 1.6.6, all deliberate: housekeeping paths are quoted for {@code sh};
 * facts are passed in name order and quotes in their values escaped; a missing {@code puppet} fails
 * even with {@code ignore_exit_codes}; {@code clean_staging_directory} also cleans up after a
 * failed run; an interrupt while Puppet runs stops it on the machine and removes the staging
 * directory the provisioner created; every validation problem is reported, not only the first bad
 * {@code guest_os_type}. {@code guest_os_type: windows} (and the {@code elevated_*} keys) are
 * rejected (no Windows support yet).
 */
package dev.imagebake.provisioner.puppet;
