/**
 * JSON templates as Packer 1.6.6 reads them: {@link dev.imagebake.template.JsonSource} streams the
 * file into a Jackson tree and records where every value is ({@link dev.imagebake.diag.Locations});
 * {@link dev.imagebake.template.TemplateLoader} turns it into a {@link
 * dev.imagebake.template.Template} of records with Packer's parse rules and runs Packer's core-init
 * checks; {@link dev.imagebake.template.Variables} resolves user variables with Packer's
 * precedence. Problems are {@link dev.imagebake.diag.Diagnostic}s with a file, line, column and
 * JSON pointer; nothing here throws on bad input. Messages use Packer's wording, prefixed as Packer
 * prefixes them ({@code builder 2: …}, {@code provisioner 1: …}, {@code post-processor 1.2: …}).
 */
package dev.imagebake.template;
