package org.computegov.registry.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A capability's declared read interface: the only of its types another capability may use (accounting reads who owns
 * which account through the customers capability's {@code Ownership}). {@code ArchitectureTest} holds the line.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadInterface {}
