package io.dikast.bench.memory;

/**
 * The operator's memory at one moment of the scenario.
 *
 * @param moment what had just happened
 * @param heap heap and metaspace right after a full GC
 * @param rssKib resident set size now (VmRSS)
 * @param peakRssKib the highest resident set size so far (VmHWM)
 */
record MemoryPoint(String moment, JvmMemory.Heap heap, long rssKib, long peakRssKib) {}
