package dev.ocpsummary.exec;

import dev.ocpsummary.config.LockWait;
import dev.ocpsummary.config.RunRequest;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.summary.DailySummary;
import dev.ocpsummary.summary.LabelRules;
import dev.ocpsummary.summary.NodeCapacity;
import dev.ocpsummary.summary.PodDays;
import dev.ocpsummary.summary.PodSummary;
import dev.ocpsummary.summary.RunIdentity;
import dev.ocpsummary.summary.SharedResults;
import dev.ocpsummary.summary.SummaryInputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CACHE: reduce the window's inputs to what the summary needs of them, persist that, compute every
 * summary from it, write from the executors, swap into the summary table in one transaction.
 *
 * <p>What is persisted is the window's working set, not its hourly usage rows: the label reports as
 * they are, and the hourly pod rows reduced to one row per pod, node and day with the label texts of
 * each hour joined ({@link PodDays}), materialised in phase {@code read} while the driver plans the
 * rest of the summary from them (planning takes it about a second). Spark's compressed columnar
 * cache of every hourly row cost more to build than the whole summary computed from it, and most of
 * the run's memory, while reading a few Parquet columns again is cheap: node capacity reads four
 * columns of the hourly pod rows, and the storage summary and its duplicate check read the storage
 * rows' columns they need, none of them once per day. The pod days also show, at the cost of a small
 * aggregation, that no two hourly pod rows share a key; only when they cannot does {@link
 * InputDuplicates} compare the hourly rows. That check runs on a thread of its own while the Pod rows
 * are computed from the plan it most likely confirms; when it drops copies, the pod days and the plan
 * are made again from the copy-free rows. The intermediate results that several parts of the summary
 * read (node capacity, Pod rows, node roles: {@link SharedResults}) and the rest of the summary are
 * persisted too, so that each is computed once (phase {@code aggregate}); each is cached in at most
 * one partition per executor core, and the label rows in one, so that grouping them per hour or per
 * node needs no shuffle. The Pod rows, most of the summary, are computed first and copied, on
 * whichever executors hold them, into a per-run staging table with one connection and COPY per
 * partition (at most one per COPY stream). The swapping transaction, begun on a thread of its own
 * meanwhile, inserts them into the summary table while Spark computes the Storage and unallocated
 * rows (from the moment the Pod rows are counted, so also while they are copied), which follow
 * through a second staging table into the same transaction, committed at the end ({@link
 * StagedSwap}, phase {@code write}). Nothing passes through the driver, so the mode works the same on
 * a cluster master as in local mode.
 *
 * <p>Memory: the pod days, the label rows and the intermediate results stay in storage memory until
 * the run ends (spilling to local disk with the default {@code MEMORY_AND_DISK}); the hourly rows
 * pass through the aggregations without being kept. Peak memory grows with the window's pods and
 * days, and with the hourly rows the aggregations hold at once, which is what the AUTO threshold
 * guards against.
 */
final class CacheMode {

  private static final Logger LOG = LoggerFactory.getLogger(CacheMode.class);

  private final SparkContext context;
  private final SummaryDatabase database;
  private final LockWait lockWait;
  private final StorageLevel level;
  private final int writePartitions;
  private final String groupPrefix;

  CacheMode(
      SparkContext context, SummaryDatabase database, LockWait lockWait, String storageLevel, int writePartitions,
      String groupPrefix) {
    this.context = context;
    this.database = database;
    this.lockWait = lockWait;
    this.level = StorageLevel.fromString(storageLevel);
    this.writePartitions = writePartitions;
    this.groupPrefix = groupPrefix;
  }

  ModeOutcome run(
      WindowInputs inputs, InputDuplicates duplicates, LabelRules labels, RunIdentity identity, RunRequest request,
      UUID runId, PhaseClock clock) {
    // the duplicate check, on a thread of its own, adds the copy-free rows it persists
    List<Dataset<Row>> persisted = Collections.synchronizedList(new ArrayList<>());
    SharedResults persistEach = rows -> persisted(rows, cores(), persisted);
    // In one partition, the label rows need no shuffle to be grouped per hour or per node: each use
    // of them (the labels of the hour of pods and volumes, node roles) is one small task.
    SharedResults persistWhole = rows -> persisted(rows, 1, persisted);
    try {
      SummaryInputs hourly = inputs.summaryInputs(rows -> rows);
      SummaryInputs window =
          new SummaryInputs(
              hourly.podUsage(),
              hourly.storageUsage(),
              persistWhole.share(hourly.nodeLabels()),
              persistWhole.share(hourly.namespaceLabels()),
              hourly.costCategoryPatterns());
      Dataset<Row> windowPodDays = persistEach.share(PodDays.of(window));
      int plannedFrom = persisted.size();
      String readGroup = groupPrefix + "cache-read";
      ReadAhead read =
          clock.time(
              "read",
              () -> {
                LOG.info("Run {}: phase read: caching label rows and the window's pod rows as pod days", runId);
                // the pod days read the cached label rows, so this fills every cache of the phase
                CompletableFuture<Long> podDayCount =
                    countInBackground(
                        "cache-read-" + runId, readGroup, "read and cache the window's inputs", windowPodDays);
                try {
                  // planning the summary keeps the driver busy for a second, while the executors read
                  DailySummary.Parts planned = summaryParts(window, windowPodDays, labels, identity, persistEach, persisted);
                  return new ReadAhead(Background.await(podDayCount), planned, persisted.size());
                } catch (RuntimeException | Error e) {
                  context.cancelJobGroup(readGroup);
                  throw e;
                }
              });
      long podDayRows = read.podDayRows();
      // the duplicate check, a few small jobs, runs beside the Pod rows it will most likely confirm
      CompletableFuture<SummaryInputs> checking =
          Background.supply(
              "duplicate-check-" + runId, () -> duplicates.apply(window, windowPodDays, persistEach::share));
      String aggregateGroup = groupPrefix + "cache-aggregate";
      DailySummary.Parts planned = read.planned();
      long counted;
      try {
        counted = clock.time("aggregate", () -> podRowCount(planned, aggregateGroup, podDayRows, runId));
      } catch (RuntimeException | Error e) {
        // the check adds to the persisted rows: it ends before they are unpersisted
        checking.handle((checkedRows, failure) -> null).join();
        throw e;
      }
      SummaryInputs checked = clock.time("read", () -> Background.await(checking));
      DailySummary.Parts summary = planned;
      if (checked.podUsage() != window.podUsage() || checked.storageUsage() != window.storageUsage()) {
        // copies were dropped: the plan, and the pod days when they were pod rows, summed them
        persisted.subList(plannedFrom, read.plannedUntil()).forEach(p -> p.unpersist(false));
        Dataset<Row> podDays = windowPodDays;
        if (checked.podUsage() != window.podUsage()) {
          windowPodDays.unpersist(false);
          podDays = persistEach.share(PodDays.of(checked));
        }
        DailySummary.Parts replanned = summaryParts(checked, podDays, labels, identity, persistEach, persisted);
        counted = clock.time("aggregate", () -> podRowCount(replanned, aggregateGroup, podDayRows, runId));
        summary = replanned;
      }
      long podRowCount = counted;
      Dataset<Row> podRows = summary.podRows();
      Dataset<Row> otherRows = summary.otherRows();
      try (StagedSwap swap = new StagedSwap(context, database, lockWait, request, runId, groupPrefix + "cache-write")) {
        // the Storage and unallocated rows are computed while the Pod rows are copied and inserted
        CompletableFuture<Long> countingOtherRows =
            countInBackground(
                "cache-aggregate-" + runId, aggregateGroup, "summarize the cached inputs: Storage and unallocated rows",
                otherRows);
        try {
          clock.time("write", () -> swap.stage(podRows.coalesce(copyStreams()), podRowCount));
        } catch (RuntimeException | Error e) {
          context.cancelJobGroup(aggregateGroup);
          throw e;
        }
        long otherRowCount = clock.time("aggregate", () -> Background.await(countingOtherRows));
        clock.time("write", () -> swap.stage(otherRows, otherRowCount));
        StagedSwap.Written written = clock.time("write", swap::commit);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("storage_level", level.description());
        details.put("pod_day_rows", podDayRows);
        details.putAll(cachedSizes());
        details.put("write_partitions", written.partitions());
        // the swap's transaction is open from the first staged part on, beside the aggregation of the rest
        details.put("swap_millis", written.transactionMillis());
        details.put("swap_wait_millis", written.waitMillis());
        return new ModeOutcome(written.rows(), written.rowsByKind(), clock.millisOf("write"), details);
      }
    } finally {
      for (Dataset<Row> p : persisted) {
        p.unpersist(true);
      }
    }
  }

  /** Counts (and so computes and persists) {@code rows} on a thread of its own, its jobs in {@code jobGroup}. */
  private CompletableFuture<Long> countInBackground(
      String threadName, String jobGroup, String description, Dataset<Row> rows) {
    return Background.supply(
        threadName,
        () -> {
          context.setJobGroup(jobGroup, description, false);
          return rows.count();
        });
  }

  /** Computes (and so persists) the Pod rows of {@code summary} and returns their number. */
  private long podRowCount(DailySummary.Parts summary, String aggregateGroup, long podDayRows, UUID runId) {
    LOG.info("Run {}: phase aggregate: summarizing {} pod days", runId, podDayRows);
    context.setJobGroup(aggregateGroup, "summarize the cached inputs: Pod rows", false);
    return summary.podRows().count();
  }

  /** The pod day count of phase read, and the summary planned meanwhile (persisted up to an index of the list). */
  private record ReadAhead(long podDayRows, DailySummary.Parts planned, int plannedUntil) {}

  /**
   * The summary of {@code in} as Pod rows and the rest, both persisted (the Pod rows are shared
   * already: the unallocated rows read them too).
   */
  private DailySummary.Parts summaryParts(
      SummaryInputs in, Dataset<Row> podDays, LabelRules labels, RunIdentity identity, SharedResults persistEach,
      List<Dataset<Row>> persisted) {
    DailySummary.Parts parts =
        DailySummary.parts(
            in, podDays, NodeCapacity.perNodeAndDay(PodSummary.withUsageDay(in.podUsage())), labels, identity, persistEach);
    return new DailySummary.Parts(parts.podRows(), persisted(parts.otherRows(), copyStreams(), persisted));
  }

  /**
   * {@code rows} persisted in at most {@code partitions} partitions, and added to {@code persisted}.
   * A cached result keeps the partitions of the plan that computed it (8 shuffle partitions, those of
   * each side for a union), and every later stage that reads it runs a task per partition, each
   * deserializing the stage's plan and generating its code again: on {@code production-large} fewer
   * partitions took the run from 239 tasks to 98 and its CPU time by a tenth.
   */
  private Dataset<Row> persisted(Dataset<Row> rows, int partitions, List<Dataset<Row>> persisted) {
    Dataset<Row> p = rows.coalesce(partitions).persist(level);
    persisted.add(p);
    return p;
  }

  /** COPY streams of the write phase: as configured, else one per executor core. */
  private int copyStreams() {
    return writePartitions > 0 ? writePartitions : cores();
  }

  private int cores() {
    return Math.max(1, context.defaultParallelism());
  }

  /** Bytes of the cached blocks, in memory and on disk. */
  private Map<String, Object> cachedSizes() {
    long memory = 0;
    long disk = 0;
    for (RDDInfo info : context.getRDDStorageInfo()) {
      memory += info.memSize();
      disk += info.diskSize();
    }
    Map<String, Object> sizes = new LinkedHashMap<>();
    sizes.put("cached_memory_bytes", memory);
    sizes.put("cached_disk_bytes", disk);
    return sizes;
  }
}
