package io.dikast.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JvmMemoryTest {

  private static final String SERIAL_HEAP_INFO =
      """
      12345:
       def new generation   total 9792K, used 1200K [0x00000000e8000000, 0x00000000e8aa0000, 0x00000000f0000000)
        eden space 8704K,  13% used [0x00000000e8000000, 0x00000000e812c0a8, 0x00000000e8880000)
        from space 1088K,   0% used [0x00000000e8880000, 0x00000000e8880000, 0x00000000e8990000)
        to   space 1088K,   0% used [0x00000000e8990000, 0x00000000e8990000, 0x00000000e8aa0000)
       tenured generation   total 121428K, used 80046K [0x00000000f0000000, 0x00000000f7695000, 0x0000000100000000)
         the space 121428K,  65% used [0x00000000f0000000, 0x00000000f4e2b8a8, 0x00000000f4e2ba00, 0x00000000f7695000)
       Metaspace       used 61234K, committed 61952K, reserved 1105920K
        class space    used 7890K, committed 8192K, reserved 1048576K
      """;

  private static final String G1_HEAP_INFO =
      """
      12345:
       garbage-first heap   total 262144K, used 51200K [0x00000000f0000000, 0x0000000100000000)
        region size 1024K, 3 young (3072K), 0 survivors (0K)
       Metaspace       used 40000K, committed 40448K, reserved 1089536K
        class space    used 5000K, committed 5120K, reserved 1048576K
      """;

  @Test
  void sumsTheSerialCollectorsGenerationsAndReadsMetaspaceCommitted() {
    assertThat(JvmMemory.heap(SERIAL_HEAP_INFO))
        .isEqualTo(new JvmMemory.Heap(1200 + 80046, 9792 + 121428, 61952));
  }

  @Test
  void readsG1sSingleHeapLine() {
    assertThat(JvmMemory.heap(G1_HEAP_INFO)).isEqualTo(new JvmMemory.Heap(51200, 262144, 40448));
  }

  @Test
  void refusesOutputThatIsNotHeapInfo() {
    assertThatThrownBy(() -> JvmMemory.heap("12345:\nCommand executed successfully\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the output of GC.heap_info");
  }

  @Test
  void readsRssItsPartsAndItsPeakFromProcStatus() {
    String status =
        """
        Name:\tjava
        VmPeak:\t 4123456 kB
        VmHWM:\t  350124 kB
        VmRSS:\t  301000 kB
        RssAnon:\t  280000 kB
        RssFile:\t   21000 kB
        """;

    assertThat(JvmMemory.statusKib(status, "VmRSS")).isEqualTo(301000);
    assertThat(JvmMemory.statusKib(status, "VmHWM")).isEqualTo(350124);
    assertThat(JvmMemory.statusKib(status, "RssAnon")).isEqualTo(280000);
    assertThat(JvmMemory.statusKib(status, "RssFile")).isEqualTo(21000);
  }

  @Test
  void countsThreadsByNameWithTheirNumbersFolded() {
    String dump =
        """
        2026-12-07 01:40:00
        Full thread dump OpenJDK 64-Bit Server VM (17.0.15 mixed mode):

        "main" #1 prio=5 os_prio=0 cpu=1.00ms elapsed=1.00s tid=0x1 nid=0x2 waiting on condition
        "executor-thread-1" #20 daemon prio=5
        "executor-thread-12" #31 daemon prio=5
        "grpc-nio-worker-ELG-2-1" #40 daemon prio=5
        """;

    assertThat(JvmMemory.threadGroups(dump))
        .containsExactly("4 threads", "2 executor-thread-N", "1 grpc-nio-worker-ELG-N-N", "1 main");
  }
}
