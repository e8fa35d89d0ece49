package io.dikast.bench.registry;

/** One registry and image kind of the cosign lookup run; latencies in ms. */
record CosignLookupRow(
    String registry,
    String image,
    int lookups,
    int errors,
    double p50,
    double p90,
    double p99,
    double max) {}
