package dev.imagebake.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What every command prints to and reads from: results on {@code out}, everything else on {@code
 * err}.
 *
 * @param machineReadable Packer's global {@code -machine-readable} switch
 */
record Cli(PrintStream out, PrintStream err, Map<String, String> env, boolean machineReadable) {}
