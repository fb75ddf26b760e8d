package io.settle.query.ledger;

/** One ledger line: {@code amount} in minor units, debit positive and credit negative. */
public record Posting(String account, String currency, long amount) {
}
