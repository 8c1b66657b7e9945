package dev.ocpsummary.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runs.jsonl and environment.json: round trips, nullable measures, and bad lines named by number. */
class RunsFileTest {

  @TempDir Path dir;

  @Test
  void runsRoundTripOneLineEachWithNullsForWhatAFailedRunLacks() throws Exception {
    Path file = dir.resolve(RunsFile.FILE_NAME);
    BenchRun passed = BenchRuns.fixed("1m", BenchRuns.ROWS_1M, BenchRun.CACHE, 2, false, 20, 2000);
    BenchRun failed = BenchRuns.failedFixed("1m", BenchRuns.ROWS_1M, BenchRun.ITERATE, 2, "OutOfMemoryError\n\tat somewhere");

    RunsFile.append(file, passed);
    RunsFile.append(file, failed);

    List<String> lines = Files.readAllLines(file);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("{\"series\":\"fixed-heap\",\"scale\":\"1m\",\"mode\":\"cache\",\"run\":2,"), lines.get(0));
    assertTrue(lines.get(1).contains("\"pipeline_s\":null"), lines.get(1));
    assertTrue(lines.get(1).contains("\"phase_s\":{}"), lines.get(1));
    List<BenchRun> read = RunsFile.read(file);
    assertEquals(List.of(passed, failed), read);
    assertEquals("OutOfMemoryError", read.get(1).failure(), "failures are kept to one line");
    assertNull(read.get(1).heapPeakMib());
    assertEquals(6.0, read.get(0).phase("write").doubleValue(), 1e-12);
  }

  @Test
  void aBadLineIsRejectedWithItsNumberAndWhy() throws Exception {
    Path file = dir.resolve(RunsFile.FILE_NAME);
    RunsFile.append(file, BenchRuns.fixed("1m", BenchRuns.ROWS_1M, BenchRun.CACHE, 1, false, 20, 2000));
    String good = Files.readString(file).strip();
    Files.writeString(file, good + "\n\n" + good.replace("\"mode\":\"cache\"", "\"mode\":\"stream\"") + "\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunsFile.read(file));
    assertEquals(file + " line 3: mode = 'stream' must be cache or iterate", e.getMessage());

    Files.writeString(file, good.replace("\"wall_s\":20.0,", "") + "\n");
    e = assertThrows(IllegalArgumentException.class, () -> RunsFile.read(file));
    assertTrue(e.getMessage().startsWith(file + " line 1: ") && e.getMessage().contains("wall_s"), e.getMessage());

    Files.writeString(file, good.replace("\"exit_code\":0", "\"exit_code\":137") + "\n");
    e = assertThrows(IllegalArgumentException.class, () -> RunsFile.read(file));
    assertEquals(file + " line 1: passed = 'true' contradicts exit_code 137", e.getMessage());
  }

  @Test
  void unknownFieldsFromANewerRunnerAreIgnored() throws Exception {
    Path file = dir.resolve(RunsFile.FILE_NAME);
    RunsFile.append(file, BenchRuns.fixed("1m", BenchRuns.ROWS_1M, BenchRun.CACHE, 1, false, 20, 2000));
    Files.writeString(file, Files.readString(file).replace("{\"series\"", "{\"storage_level\":\"MEMORY_ONLY\",\"series\""));

    assertEquals(1, RunsFile.read(file).size());
  }

  @Test
  void environmentRoundTrips() {
    Environment env = BenchRuns.environment(4096, 0.8);
    env.write(dir);

    assertEquals(env, Environment.read(dir));
    assertEquals("Test CPU @ 2.0GHz, 2 cores, 7,951 MiB RAM", env.machine().describe());
  }
}
