package io.settle.api.archfixture;

import org.springframework.util.StringUtils;

/** Deliberately breaks the api rule (depends on Spring); see LayerRulesCatchViolationsTest. */
public class ApiLeaningOnSpring {
    boolean blank(String s) {
        return !StringUtils.hasText(s);
    }
}
