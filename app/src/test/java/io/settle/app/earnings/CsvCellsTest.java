package io.settle.app.earnings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void text_that_a_spreadsheet_would_run_as_a_formula_is_defused() {
        assertThat(CsvCells.text("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(CsvCells.text("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvCells.text("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.text("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.text("bk_123")).isEqualTo("bk_123");
        assertThat(CsvCells.text(null)).isNull();
    }

    @Test
    void amounts_are_decimals_in_the_currency_s_minor_units() {
        assertThat(CsvCells.amount(2700, "usd")).isEqualTo("27.00");
        assertThat(CsvCells.amount(-2700, "usd")).isEqualTo("-27.00");
        assertThat(CsvCells.amount(500, "jpy")).isEqualTo("500");
    }
}
