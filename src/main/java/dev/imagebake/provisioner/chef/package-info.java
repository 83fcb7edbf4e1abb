/**
 * The {@code chef-solo} provisioner (Packer 1.6.6): Chef run without a server on the machine,
 * through the SDK {@code Communicator}, with Packer's keys, defaults, install and execute commands
 * and {@code solo.rb} template.
 *
 * <p>Differences from Packer 1.6.6, all deliberate: the encrypted data bag secret is uploaded with
 * mode 0600 and removed after the run; an interrupt while Chef runs stops it and removes the
 * staging directory the provisioner created; housekeeping paths are quoted for {@code sh} and
 * cookbook paths escaped as Ruby strings; validation messages name the problem where Packer printed
 * {@code %!s(<nil>)}; every problem is reported, not only a bad {@code guest_os_type}. {@code
 * guest_os_type: windows} is rejected (no Windows support yet).
 */
package dev.imagebake.provisioner.chef;
