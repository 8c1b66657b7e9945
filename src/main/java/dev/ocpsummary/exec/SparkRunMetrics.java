package dev.ocpsummary.exec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's task metrics of one run, summed over the jobs whose job group starts with the run's
 * prefix (broadcast jobs inherit the group of the query that needs them), so that other work on a
 * shared SparkContext is not counted. Registered for the length of a run; {@link #finish} waits for
 * Spark's listener bus to deliver the run's events and unregisters.
 */
final class SparkRunMetrics extends SparkListener {

  private static final Logger LOG = LoggerFactory.getLogger(SparkRunMetrics.class);
  private static final String JOB_GROUP = "spark.jobGroup.id";

  private final SparkContext context;
  private final String groupPrefix;
  private final Set<Integer> stages = new HashSet<>();
  private final Map<String, Long> jobsByGroup = new LinkedHashMap<>();
  private long jobs;
  private long stagesCompleted;
  private long tasks;
  private long peakExecutionMemory;
  private long memorySpilled;
  private long diskSpilled;
  private long jvmGcMillis;
  private long executorRunMillis;
  private long executorCpuNanos;
  private long bytesRead;
  private long recordsRead;
  private long shuffleWriteBytes;
  private long shuffleReadBytes;
  private volatile boolean finished;

  private SparkRunMetrics(SparkContext context, String groupPrefix) {
    this.context = context;
    this.groupPrefix = groupPrefix;
  }

  static SparkRunMetrics register(SparkContext context, String groupPrefix) {
    SparkRunMetrics metrics = new SparkRunMetrics(context, groupPrefix);
    context.addSparkListener(metrics);
    return metrics;
  }

  /** Waits (up to 10 s) until the run's events have been delivered, then stops listening; once. */
  void finish() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      // Events reach listeners asynchronously; every job of the run has ended, so once the bus is
      // empty the counts are complete. Not public API, but the only exact way to know.
      context.listenerBus().waitUntilEmpty(10_000);
    } catch (TimeoutException | RuntimeException e) {
      LOG.warn("Spark's listener bus did not drain in 10 s; the run's Spark metrics may be incomplete");
    } finally {
      context.removeSparkListener(this);
    }
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart jobStart) {
    Properties properties = jobStart.properties();
    String group = properties == null ? null : properties.getProperty(JOB_GROUP);
    if (group == null || !group.startsWith(groupPrefix)) {
      return;
    }
    jobs++;
    jobsByGroup.merge(group.substring(groupPrefix.length()), 1L, Long::sum);
    scala.collection.Iterator<StageInfo> infos = jobStart.stageInfos().iterator();
    while (infos.hasNext()) {
      stages.add(infos.next().stageId());
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    if (stages.contains(stageCompleted.stageInfo().stageId())) {
      stagesCompleted++;
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    if (!stages.contains(taskEnd.stageId())) {
      return;
    }
    tasks++;
    TaskMetrics m = taskEnd.taskMetrics();
    if (m == null) {
      return;
    }
    peakExecutionMemory = Math.max(peakExecutionMemory, m.peakExecutionMemory());
    memorySpilled += m.memoryBytesSpilled();
    diskSpilled += m.diskBytesSpilled();
    jvmGcMillis += m.jvmGCTime();
    executorRunMillis += m.executorRunTime();
    executorCpuNanos += m.executorCpuTime();
    bytesRead += m.inputMetrics().bytesRead();
    recordsRead += m.inputMetrics().recordsRead();
    shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
    shuffleReadBytes += m.shuffleReadMetrics().totalBytesRead();
  }

  synchronized long jobs() {
    return jobs;
  }

  /** Jobs per job group, the run's prefix removed (e.g. {@code iterate-2025-10-01}). */
  synchronized Map<String, Long> jobsByGroup() {
    return new LinkedHashMap<>(jobsByGroup);
  }

  synchronized long peakExecutionMemory() {
    return peakExecutionMemory;
  }

  synchronized long diskSpilled() {
    return diskSpilled;
  }

  /** The metrics as the run record shows them. */
  synchronized Map<String, Object> asRecord() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("jobs", jobs);
    record.put("stages_completed", stagesCompleted);
    record.put("tasks", tasks);
    record.put("jobs_by_group", new LinkedHashMap<>(jobsByGroup));
    record.put("peak_execution_memory_bytes", peakExecutionMemory);
    record.put("memory_spilled_bytes", memorySpilled);
    record.put("disk_spilled_bytes", diskSpilled);
    record.put("task_gc_millis", jvmGcMillis);
    record.put("executor_run_millis", executorRunMillis);
    record.put("executor_cpu_millis", executorCpuNanos / 1_000_000);
    record.put("input_bytes_read", bytesRead);
    record.put("input_records_read", recordsRead);
    record.put("shuffle_write_bytes", shuffleWriteBytes);
    record.put("shuffle_read_bytes", shuffleReadBytes);
    return record;
  }
}
