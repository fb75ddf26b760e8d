package io.settle.app.notify;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/mail/<name>.html} and {@code .txt} with Thymeleaf. Its own engine, independent
 * of any web view configuration; values in the model are already formatted for the recipient.
 */
@Component
public class MailRenderer {

    public record Rendered(String text, String html) {
    }

    // the Spring flavour evaluates expressions with SpEL (plain Thymeleaf would need OGNL)
    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public MailRenderer() {
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setOrder(order);
        // each resolver answers only for names ending in its suffix, so "x.txt" is never parsed as HTML
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setCheckExistence(true);
        return resolver;
    }

    public Rendered render(String template, Map<String, Object> model, java.util.Locale locale) {
        Context context = new Context(locale, model);
        return new Rendered(engine.process(template + ".txt", context), engine.process(template + ".html", context));
    }
}
