/**
 * From a template file to checked builds: load, resolve variables, select builds, bind and check
 * every block's configuration for each build. {@code validate} stops here and reports; {@code
 * build} turns the result into {@link dev.imagebake.engine.BuildPlan}s.
 */
package dev.imagebake.plan;
