/**
 * The plugin contract: what builders, provisioners, post-processors and communicators implement and
 * what the engine hands them. Depends on the JDK only, so a third-party plugin jar needs nothing
 * else to compile against.
 */
package dev.imagebake.sdk;
