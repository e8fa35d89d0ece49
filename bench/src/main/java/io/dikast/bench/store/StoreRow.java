package io.dikast.bench.store;

/**
 * One list query against a store holding {@code occurrences}; latencies in milliseconds.
 *
 * @param createPerSecond occurrences per second of the batch creates that brought the store from
 *     the previous size to this one
 * @param errors lists that did not answer HTTP 200 with the image's occurrences
 */
public record StoreRow(
    String store,
    long occurrences,
    double createPerSecond,
    String query,
    long lists,
    long errors,
    double p50,
    double p90,
    double p99,
    double max) {}
