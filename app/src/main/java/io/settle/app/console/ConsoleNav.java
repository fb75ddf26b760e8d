package io.settle.app.console;

import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The navigation bar: every GET handler annotated {@link ConsolePage}, in their order. */
@Component
public class ConsoleNav {

    public record Item(String title, String path, int order) {
    }

    private final RequestMappingHandlerMapping mappings;
    private volatile List<Item> items;

    public ConsoleNav(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.mappings = mappings;
    }

    public List<Item> items() {
        List<Item> known = items;
        if (known == null) {
            known = mappings.getHandlerMethods().entrySet().stream()
                    .filter(e -> e.getValue().hasMethodAnnotation(ConsolePage.class))
                    .filter(e -> e.getKey().getMethodsCondition().getMethods().contains(RequestMethod.GET))
                    .map(e -> {
                        ConsolePage page = e.getValue().getMethodAnnotation(ConsolePage.class);
                        String path = e.getKey().getPatternValues().stream().sorted().findFirst().orElseThrow();
                        return new Item(page.title(), path, page.order());
                    })
                    .sorted(Comparator.comparingInt(Item::order).thenComparing(Item::title))
                    .toList();
            items = known;
        }
        return known;
    }
}
