package io.settle.command.support;

import io.settle.api.DomainRuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matcher for a {@link DomainRuleViolation} with a given code, for {@code expectException}. */
public final class Violations {

    private Violations() {
    }

    public static Matcher<DomainRuleViolation> violation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("DomainRuleViolation with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(DomainRuleViolation item, Description mismatch) {
                mismatch.appendText("code was ").appendValue(item.code()).appendText(": " + item.getMessage());
            }
        };
    }
}
