package io.settle.query.earnings;

/** Bucket size of earnings and revenue reports; periods start at UTC midnight / Monday / the 1st. */
public enum Granularity {
    day, week, month
}
