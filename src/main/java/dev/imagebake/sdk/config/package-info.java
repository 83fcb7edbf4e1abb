/**
 * How a plugin declares its configuration: a record whose components, in snake_case, are the JSON
 * keys; these annotations add what the Java types cannot say. The JSON Schema, the binding and the
 * documentation all come from the record.
 */
package dev.imagebake.sdk.config;
