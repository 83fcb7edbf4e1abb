/**
 * The {@code {{ … }}} engine: a lexer and parser for the subset of Go's text/template that Packer
 * templates use, a sealed AST, Packer's function table and Go time layouts.
 */
package dev.imagebake.template.interpolate;
