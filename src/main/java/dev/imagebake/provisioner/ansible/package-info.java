/**
 * The {@code ansible-local} provisioner (reference §6.5): runs {@code ansible-playbook} on the
 * machine being built, with a local connection, on playbooks, roles and variables uploaded to a
 * staging directory.
 *
 * <p>Differences from Packer 1.6.6, all deliberate:
 *
 * <ul>
 *   <li>The first {@code --extra-vars} no longer ends with Packer's stray {@code -o
 *       IdentitiesOnly=yes}.
 *   <li>Paths in the remote commands are quoted where they need it (Packer quotes only {@code
 *       mkdir}'s and {@code rm}'s argument).
 *   <li>A failed run names the playbook, the failed task, its host and its message.
 *   <li>Everything is uploaded in one tree transfer after one {@code mkdir -p}.
 *   <li>{@code clean_staging_directory} also cleans up after a failed run.
 *   <li>A playbook of {@code playbook_files} counts as inside {@code playbook_dir} only when it is
 *       in that directory (Packer compares path strings, so {@code pb2/x.yml} was "inside" {@code
 *       pb}).
 *   <li>The JSON-escaped forms of secrets in {@code extra_arguments} are masked too (Ansible prints
 *       variables as JSON).
 * </ul>
 */
package dev.imagebake.provisioner.ansible;
