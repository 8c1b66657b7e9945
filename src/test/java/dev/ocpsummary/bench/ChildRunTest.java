package dev.ocpsummary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real child processes and checks what the sampler saw of them. */
class ChildRunTest {

  @TempDir Path dir;

  @BeforeAll
  static void linuxOnly() {
    Assumptions.assumeTrue(ProcessTreeSampler.supported(), "needs /proc");
  }

  private static List<String> java(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void seesThePeakResidentMemoryOfAGrandchild() throws Exception {
    // A shell whose child JVM touches every page of a 256 MiB heap at start and then sleeps a second:
    // the tree's RSS must show it.
    Path sleeper = dir.resolve("Sleep.java");
    Files.writeString(sleeper, "class Sleep { public static void main(String[] a) throws Exception { Thread.sleep(1000); } }");
    String jvm = String.join(" ", java("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", sleeper.toString()));
    ChildRun.Outcome outcome =
        ChildRun.run(List.of("sh", "-c", jvm + " && sleep 0.5"), Map.of(), dir, dir.resolve("child.log"), Duration.ofSeconds(60));
    assertEquals(0, outcome.exitCode());
    assertFalse(outcome.timedOut());
    assertTrue(outcome.usage().peakRssMib() >= 256, "peak RSS " + outcome.usage().peakRssMib() + " MiB");
    assertTrue(outcome.usage().avgRssMib() < outcome.usage().peakRssMib(), "the average includes the shell's small tail");
    assertTrue(outcome.usage().cpuSeconds() > 0, "touching 256 MiB costs CPU time");
    assertTrue(outcome.wallSeconds() >= 1.5);
    assertTrue(outcome.usage().timelineCsv().startsWith("elapsed_ms,rss_mib,cpu_s\n"));
  }

  @Test
  void killsATreeAtItsTimeLimit() throws Exception {
    ChildRun.Outcome outcome =
        ChildRun.run(List.of("sh", "-c", "sleep 30 & wait"), Map.of(), dir, dir.resolve("slow.log"), Duration.ofMillis(700));
    assertTrue(outcome.timedOut());
    assertEquals(-1, outcome.exitCode());
    assertTrue(outcome.wallSeconds() < 20, "killed, not waited for: " + outcome.wallSeconds());
    assertTrue(outcome.failureLine().startsWith("killed at the time limit"), outcome.failureLine());
  }

  @Test
  void theFailureLineIsTheCliErrorLine() throws Exception {
    String script = "echo 'some log line'; echo 'ocp-summary summarize: error: input folder s3a://b/x is missing' >&2; echo 'last' ; exit 1";
    ChildRun.Outcome outcome = ChildRun.run(List.of("sh", "-c", script), Map.of(), dir, dir.resolve("fail.log"), Duration.ofSeconds(30));
    assertEquals(1, outcome.exitCode());
    assertEquals("ocp-summary summarize: error: input folder s3a://b/x is missing", outcome.failureLine());
    assertTrue(Files.readString(outcome.log()).contains("some log line"));
  }
}
