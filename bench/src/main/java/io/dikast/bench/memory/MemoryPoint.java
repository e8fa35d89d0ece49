package io.dikast.bench.memory;

/**
 * The operator's memory at one moment of the scenario.
 *
 * @param moment what had just happened
 * @param heap heap and metaspace right after a full GC
 * @param rssKib resident set size now (VmRSS)
 * @param anonymousKib the part of it that is anonymous memory (RssAnon): heap, metaspace, code
 *     cache, stacks, malloc
 * @param fileKib the part of it mapped from files (RssFile): libjvm, the CDS archive, the jars
 * @param peakRssKib the highest resident set size so far (VmHWM)
 */
record MemoryPoint(
    String moment,
    JvmMemory.Heap heap,
    long rssKib,
    long anonymousKib,
    long fileKib,
    long peakRssKib) {}
