/**
 * The {@code salt-masterless} provisioner (reference §6.4): Salt states applied with {@code
 * salt-call --local} on the machine, through the SDK {@code Communicator}.
 *
 * <p>Differences from Packer 1.6.6, all deliberate: a failing bootstrap (download or install) fails
 * the build; {@code sudo} is not doubled; an existing remote state tree or pillar is replaced
 * (Packer's inverted existence check nested the new tree inside the old one); uploads go to a
 * private {@code mktemp -d} directory instead of fixed names in the login directory; formulas are
 * cloned with the local {@code git} into a temporary directory, never into {@code
 * local_state_tree}; every remote path is quoted for {@code sh}; the bootstrap script comes from
 * salt-bootstrap's current release location ({@code bootstrap.saltstack.com} is gone) and {@code
 * curl -f} refuses an HTTP error page. {@code guest_os_type: windows} is rejected (no Windows
 * support yet).
 */
package dev.imagebake.provisioner.salt;
