package io.settle.app.earnings;

import io.settle.api.Money;

/** Cell values for CSV exports: amounts as decimals, text defused against spreadsheet formula injection. */
final class CsvCells {

    private CsvCells() {
    }

    static String amount(long minor, String currency) {
        return Money.of(minor, currency).toDecimal().toPlainString();
    }

    /**
     * A text cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR) gets a leading apostrophe,
     * as OWASP recommends, so user-supplied text can never run in finance's spreadsheet.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
