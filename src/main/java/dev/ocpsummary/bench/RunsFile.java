package dev.ocpsummary.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runs.jsonl}: one {@link BenchRun} as a JSON object per line, appended as runs finish, so
 * that an interrupted benchmark keeps every run it completed.
 *
 * <p>Reading rejects the whole file at the first bad line, naming the file, the line number and
 * what is wrong with it: a report from a partly understood file would silently drop runs. Blank
 * lines are skipped; fields this version does not know are ignored, so the runner can record more.
 */
public final class RunsFile {

  public static final String FILE_NAME = "runs.jsonl";

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private RunsFile() {}

  /** Appends one run as a line, creating the file (not its folder) when needed. */
  public static void append(Path file, BenchRun run) {
    try {
      String line = MAPPER.writeValueAsString(run) + "\n";
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append a run to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every run of the file, in file order. */
  public static List<BenchRun> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the benchmark runs " + file + ": " + e.getMessage(), e);
    }
    List<BenchRun> runs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        runs.add(MAPPER.readValue(line, BenchRun.class));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + oneLine(e));
      }
    }
    return runs;
  }

  /** Jackson's message without its location trailer, or the constructor's own complaint. */
  static String oneLine(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (e instanceof JsonMappingException && cause instanceof IllegalArgumentException) {
      return cause.getMessage();
    }
    return e.getOriginalMessage().lines().findFirst().orElse("not a run");
  }
}
