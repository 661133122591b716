package org.computegov.registry.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Part of a capability's published surface: what the composition root (server) and the interfaces (CLI, console) may
 * use of it: the {@link Capability} itself, its statement builders for clients, its role-filtered reads. Everything
 * else in a capability is its own business; {@code ArchitectureTest} holds the line.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Published {}
