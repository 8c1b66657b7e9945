package dev.ocpsummary.testing;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A Spark plugin for tests that makes one task fail once: the first attempt of partition 0 of the
 * first stage run in a job group ending with {@code spark.ocpsummary.test.fail-once.job-group-suffix}
 * fails after its work is done (a task completion listener throws), as a task does whose executor
 * loses its connection just before it reports. Spark then runs the task again, which is what the
 * tests of task retries need, without any hook in the application. Enabled with {@code
 * spark.plugins=dev.ocpsummary.testing.FailOnceTaskPlugin}; retries need a master that allows them,
 * e.g. {@code local[2,3]}.
 */
public final class FailOnceTaskPlugin implements SparkPlugin {

  public static final String SUFFIX_KEY = "spark.ocpsummary.test.fail-once.job-group-suffix";

  /** Printed to stderr when the failure is injected, so that a test can see it happened. */
  public static final String MARKER = "FailOnceTaskPlugin: failing";

  @Override
  public DriverPlugin driverPlugin() {
    return null;
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      private String suffix;
      private Integer failedStage;

      @Override
      public void init(PluginContext context, Map<String, String> extraConf) {
        suffix = context.conf().get(SUFFIX_KEY, "");
      }

      @Override
      public void onTaskStart() {
        TaskContext task = TaskContext.get();
        String group = task.getLocalProperty("spark.jobGroup.id");
        if (suffix.isEmpty() || group == null || !group.endsWith(suffix) || task.partitionId() != 0
            || task.attemptNumber() != 0) {
          return;
        }
        synchronized (this) {
          if (failedStage != null && failedStage != task.stageId()) {
            return;
          }
          failedStage = task.stageId();
        }
        String what = "task of partition 0, stage " + task.stageId() + ", attempt 0, job group " + group;
        task.addTaskCompletionListener(
            (TaskCompletionListener) done -> {
              System.err.println(MARKER + " the " + what);
              throw new IllegalStateException("injected failure of the " + what);
            });
      }
    };
  }
}
