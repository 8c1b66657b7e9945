package dev.ocpsummary.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where and how a benchmark ran: {@code environment.json} next to {@code runs.jsonl}, filled once by
 * the runner. The report prints it as is and takes the memory budget of the threshold rule from it.
 *
 * @param machine the hardware
 * @param os operating system and kernel
 * @param javaVersion the JVM that ran the jobs
 * @param sparkVersion Spark's version
 * @param gitCommit the project's commit (with {@code -dirty} when the tree had changes)
 * @param master the Spark master of the jobs, e.g. {@code local[2]}
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}
 * @param aqe {@code spark.sql.adaptive.enabled}
 * @param s3Server the S3 endpoint's server and version, e.g. {@code S3Proxy 4.1.0}
 * @param postgresVersion the PostgreSQL server's version
 * @param budgetHeapMib the heap budget B of the threshold rule, MiB (null: the fixed-heap series' heap)
 * @param safety the safety factor s of the threshold rule (null: {@value ThresholdFit#DEFAULT_SAFETY})
 * @param sparkConf further non-default settings worth recording (may be empty)
 * @param recordedAt when the runner wrote this, an ISO-8601 instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Environment(
    @JsonProperty(value = "machine", required = true) Machine machine,
    @JsonProperty("os") String os,
    @JsonProperty("java_version") String javaVersion,
    @JsonProperty("spark_version") String sparkVersion,
    @JsonProperty("git_commit") String gitCommit,
    @JsonProperty("master") String master,
    @JsonProperty("shuffle_partitions") Integer shufflePartitions,
    @JsonProperty("aqe") Boolean aqe,
    @JsonProperty("s3_server") String s3Server,
    @JsonProperty("postgres_version") String postgresVersion,
    @JsonProperty("budget_heap_mib") Integer budgetHeapMib,
    @JsonProperty("safety") Double safety,
    @JsonProperty("spark_conf") Map<String, String> sparkConf,
    @JsonProperty("recorded_at") String recordedAt) {

  public static final String FILE_NAME = "environment.json";

  /**
   * The hardware.
   *
   * @param cpuModel the CPU's model name
   * @param cores logical cores the machine has
   * @param ramMib physical memory, MiB
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Machine(
      @JsonProperty("cpu_model") String cpuModel,
      @JsonProperty("cores") Integer cores,
      @JsonProperty("ram_mib") Long ramMib) {

    /** In words, for tables and {@code threshold.json}. */
    public String describe() {
      return String.format(
          "%s, %s cores, %s MiB RAM",
          cpuModel == null ? "unknown CPU" : cpuModel,
          cores == null ? "?" : cores,
          ramMib == null ? "?" : Fmt.integer(ramMib));
    }
  }

  public Environment {
    sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
    if (safety != null && !(safety > 0 && safety <= 1)) {
      throw new IllegalArgumentException("safety = '" + safety + "' must be in (0, 1]");
    }
    if (budgetHeapMib != null && budgetHeapMib <= 0) {
      throw new IllegalArgumentException("budget_heap_mib = '" + budgetHeapMib + "' must be positive");
    }
  }

  /** Writes {@value #FILE_NAME} into {@code dir}, replacing one that is there. */
  public void write(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      Files.writeString(
          file, RunsFile.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@value #FILE_NAME} from {@code dir}. */
  public static Environment read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      return RunsFile.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Environment.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": " + RunsFile.oneLine(e));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
