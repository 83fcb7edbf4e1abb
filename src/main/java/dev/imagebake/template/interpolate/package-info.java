/**
 * The {@code {{ … }}} engine: a lexer and parser for the subset of Go's text/template that Packer
 * templates use, a sealed AST, Packer's function table and Go time layouts.
 *
 * <p>Public API: {@link dev.imagebake.template.interpolate.TemplateString} (parse once, render per
 * context), {@link dev.imagebake.template.interpolate.RenderContext} (what a string may see where
 * it is rendered, with a builder), {@link dev.imagebake.template.interpolate.TemplateException}
 * (message plus 0-based offset in the string) and {@link
 * dev.imagebake.template.interpolate.ContextRenderer} (the SDK's run-time {@code Renderer}).
 *
 * <p>Pipeline: {@code Lexer} (tokens, trim markers, comments) → {@code Parser} ({@link
 * dev.imagebake.template.interpolate.Node}/{@link dev.imagebake.template.interpolate.Expr} records;
 * function names, arity and literal argument types are checked here, earlier than Go does) → {@code
 * Evaluator} (Go value semantics in {@code GoValues}, {@code GoPrintf}, {@code GoBuiltins};
 * Packer's functions in {@code PackerFunctions}).
 */
package dev.imagebake.template.interpolate;
