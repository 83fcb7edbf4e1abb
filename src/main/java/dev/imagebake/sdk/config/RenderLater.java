package dev.imagebake.sdk.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key's strings are bound raw: checked for template syntax at validation but rendered by the
 * plugin at run time with data only known then (Packer's excluded keys, e.g. {@code
 * execute_command}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface RenderLater {}
