package dev.ocpsummary.exec;

import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.sink.SinkException;
import dev.ocpsummary.sink.StagingTable;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.sink.SummaryWriter;
import dev.ocpsummary.sink.SummaryWriter.Replacement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CACHE's write: the summary's parts are copied from the executors into staging tables, one per
 * part, and moved into the summary table in one transaction ({@link SummaryWriter#beginReplace}).
 *
 * <p>The transaction runs on a thread of its own, from the moment the swap is created (it takes the
 * source's lock and deletes the window's rows while the first part is copied). {@link #stage}
 * returns once a part is in its
 * staging table and leaves its insert to that thread, so the driver goes on computing the next part
 * while PostgreSQL inserts the previous one: the summary table's index maintenance, which took 2 to
 * 3 s for the Pod rows of {@code production-large}, then overlaps Spark's work instead of following
 * it. {@link #commit} waits for the inserts and commits. Readers see the window's previous rows until
 * then.
 *
 * <p>Any failure rolls the transaction back ({@link #close} after a failure, or a failed step), so
 * the window's previous rows stay; the staging tables are dropped, and those left by a killed run are
 * dropped by a later run ({@link StagingTable#dropAbandoned}). Closing waits for the step under way:
 * when the transaction is still waiting for the source's lock (another run writing the source, with
 * the default {@code database.lock-wait}), a failed run reports its failure once it has the lock. A failed step of the transaction
 * (another writer holding the source beyond the lock wait, a staging table holding other rows than
 * the executors reported, a database error) is rethrown as it was raised, by the next {@link #stage}
 * or by {@link #commit}.
 */
final class StagedSwap implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StagedSwap.class);

  private final SparkContext context;
  private final SummaryDatabase database;
  private final UUID runId;
  private final String jobGroup;
  private final ExecutorService transactionThread;
  private final List<StagingTable> stagingTables = new ArrayList<>();
  private final Map<String, Long> rowsByKind = new TreeMap<>();
  /** The transaction after its last queued step; it begins when the swap is created. */
  private CompletableFuture<Replacement> transaction;
  private int partitions;
  private long transactionStarted;
  private boolean committed;

  StagedSwap(SparkContext context, SummaryDatabase database, LockWait lockWait, RunRequest request, UUID runId, String jobGroup) {
    this.context = context;
    this.database = database;
    this.runId = runId;
    this.jobGroup = jobGroup;
    try {
      StagingTable.dropAbandoned(database);
    } catch (SinkException e) {
      LOG.warn("Old staging tables were not cleaned up: {}", e.getMessage());
    }
    this.transactionThread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "summary-swap-" + runId);
              thread.setDaemon(true);
              return thread;
            });
    SummaryWriter writer = new SummaryWriter(database, lockWait);
    this.transaction =
        CompletableFuture.supplyAsync(
            () -> {
              transactionStarted = System.nanoTime();
              return writer.beginReplace(request.sourceUuid(), request.start(), request.end());
            },
            transactionThread);
  }

  /**
   * Copies {@code part} (already computed and persisted, {@code expectedRows} rows) into a staging
   * table of its own, one COPY per partition on the executors, and queues its insert into the
   * summary table. Returns once the rows are staged, not inserted.
   *
   * @return the rows staged
   * @throws SinkException if the executors copied another number of rows, or a queued step failed
   */
  long stage(Dataset<Row> part, long expectedRows) {
    rethrowIfFailed();
    StagingTable staging = StagingTable.create(database, runId, stagingTables.size());
    stagingTables.add(staging);
    // Asking a Dataset for its partitions plans it again, so the partitions are counted as they are copied.
    CollectionAccumulator<HashMap<String, Long>> counts =
        context.collectionAccumulator("rows by kind " + staging.name());
    LOG.info("Run {}: phase write: copying {} summary rows into {}", runId, expectedRows, staging.name());
    context.setJobGroup(jobGroup, "copy summary rows into " + staging.name(), false);
    part.foreachPartition(new CopyPartition(staging, counts));
    long reported = 0;
    for (HashMap<String, Long> partition : counts.value()) {
      for (Map.Entry<String, Long> kind : partition.entrySet()) {
        rowsByKind.merge(kind.getKey(), kind.getValue(), Long::sum);
        reported += kind.getValue();
      }
    }
    if (reported != expectedRows) {
      throw new SinkException(
          "the executors copied " + reported + " rows into " + staging.name() + ", the part has " + expectedRows);
    }
    partitions += counts.value().size();
    long staged = reported;
    transaction =
        transaction.thenApplyAsync(
            replacement -> {
              LOG.info("Run {}: phase write: inserting {} into the summary table", runId, staging.name());
              replacement.insertFrom(staging, staged);
              return replacement;
            },
            transactionThread);
    return reported;
  }

  /**
   * Waits for the queued inserts and commits the transaction: the summary table now holds the staged
   * rows instead of the window's previous ones.
   *
   * @return what was written
   * @throws SinkException or {@link dev.ocpsummary.sink.SourceLockedException} if a step failed;
   *     nothing is changed then
   */
  Written commit() {
    long waitStarted = System.nanoTime();
    // every insert has checked its staging table against the rows its writers reported
    Background.await(transaction.thenApplyAsync(Replacement::commit, transactionThread));
    long transactionMillis = (System.nanoTime() - transactionStarted) / 1_000_000;
    committed = true;
    long rows = rowsByKind.values().stream().mapToLong(Long::longValue).sum();
    return new Written(rows, Map.copyOf(rowsByKind), partitions, transactionMillis, (System.nanoTime() - waitStarted) / 1_000_000);
  }

  /**
   * What was written: rows in all and per kind, the COPY streams (partitions), how long the
   * transaction was open and how long the driver waited for it after the last part was staged.
   */
  record Written(long rows, Map<String, Long> rowsByKind, int partitions, long transactionMillis, long waitMillis) {}

  /** Rolls the transaction back unless it was committed, and drops the staging tables left. */
  @Override
  public void close() {
    try {
      if (!committed) {
        // waits for a step under way; a step that failed has rolled back already
        transaction.handleAsync(
                (replacement, failure) -> {
                  if (replacement != null) {
                    replacement.close();
                  }
                  return null;
                },
                transactionThread)
            .join();
        stagingTables.forEach(StagingTable::dropQuietly);
      }
    } finally {
      transactionThread.shutdown();
    }
  }

  private void rethrowIfFailed() {
    if (transaction.isCompletedExceptionally()) {
      Background.await(transaction);
    }
  }

  /** Copies one partition into the staging table, on the executor that computes it. */
  private static final class CopyPartition implements ForeachPartitionFunction<Row> {
    private static final long serialVersionUID = 1L;

    private final StagingTable staging;
    private final CollectionAccumulator<HashMap<String, Long>> counts;

    CopyPartition(StagingTable staging, CollectionAccumulator<HashMap<String, Long>> counts) {
      this.staging = staging;
      this.counts = counts;
    }

    @Override
    public void call(Iterator<Row> rows) {
      CountingIterator counting = new CountingIterator(rows);
      staging.copyPartition(TaskContext.getPartitionId(), counting);
      // Accumulator updates made in an action count once per partition, even when a task is retried.
      counts.add(new HashMap<>(counting.counts()));
    }
  }
}
