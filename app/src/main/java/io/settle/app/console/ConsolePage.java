package io.settle.app.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a console GET handler as a page of the navigation bar, in {@code order}. Adding a page is one
 * handler method with this annotation plus one template under templates/console/.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConsolePage {

    String title();

    int order();
}
