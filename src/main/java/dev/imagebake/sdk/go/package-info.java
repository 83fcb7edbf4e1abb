/**
 * Go compatibility for plugins that repeat Packer's behaviour and messages: Go durations, Go's
 * string quoting ({@code strconv.Quote}, and the shortened {@code %q} of binding errors) and Go's
 * {@code printf} for string verbs. The template engine's Go semantics (values, {@code printf} over
 * any value, escapers) stay with it in {@code template.interpolate}, and the names of JSON values
 * in mapstructure's messages in {@code template.GoJsonValues}: they depend on the engine's types.
 */
package dev.imagebake.sdk.go;
