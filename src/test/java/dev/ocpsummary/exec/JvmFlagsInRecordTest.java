package dev.ocpsummary.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The run record lists the driver's JVM flags without the local folders of the launcher's class-data archive. */
class JvmFlagsInRecordTest {

  @Test
  void archiveFlagsKeepTheFileNameOnly() {
    assertEquals(
        "-XX:SharedArchiveFile=driver-0123abcd.jsa",
        DailySummaryJob.withoutFolder("-XX:SharedArchiveFile=/opt/app/target/cds/driver-0123abcd.jsa"));
    assertEquals(
        "-XX:ArchiveClassesAtExit=driver-0123abcd.jsa.4711",
        DailySummaryJob.withoutFolder("-XX:ArchiveClassesAtExit=/opt/app/target/cds/driver-0123abcd.jsa.4711"));
    assertEquals("-XX:TieredStopAtLevel=1", DailySummaryJob.withoutFolder("-XX:TieredStopAtLevel=1"));
    assertEquals("-Xmx2g", DailySummaryJob.withoutFolder("-Xmx2g"));
  }
}
