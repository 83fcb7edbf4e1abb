/**
 * The configuration of each template block: plugin discovery ({@link
 * dev.imagebake.config.PluginRegistry}), JSON Schemas generated from the plugins' config records
 * ({@link dev.imagebake.config.SchemaGenerator}, {@link dev.imagebake.config.TemplateSchema}), and
 * binding a block to its record with Packer's weak typing ({@link
 * dev.imagebake.config.ConfigBinder}). The schema and the binder derive from one model of the
 * record, and a test table holds them to the same verdicts.
 */
package dev.imagebake.config;
