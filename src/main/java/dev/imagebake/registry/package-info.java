/**
 * The image registry: every recorded build run of a template is a numbered, immutable version of a
 * bucket, and named channels ({@code prod}, {@code staging}) point at versions with an append-only
 * history, so a deployment reads its image from a channel and a rollback is one channel move.
 *
 * <p>Storage is an embedded SQLite file by default and PostgreSQL for a team ({@link
 * dev.imagebake.registry.RegistryLocation}); both hold the same schema, created and upgraded by
 * Flyway's versioned migrations ({@code migration/sqlite}, {@code migration/postgresql}). The
 * command line reaches this package only when a registry command or flag is used, so no JDBC class
 * is loaded by {@code validate} or a plain build.
 */
package dev.imagebake.registry;
