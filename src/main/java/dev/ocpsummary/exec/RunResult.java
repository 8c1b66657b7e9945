package dev.ocpsummary.exec;

import java.util.Map;
import java.util.UUID;

/**
 * What a successful run did.
 *
 * @param runId the id under which summary_runs records the run
 * @param inputRows rows in the input files read for the window
 * @param outputRows summary rows written
 * @param rowsByDataSource written rows per data_source value
 * @param phaseMillis wall milliseconds per phase, in the order they ran
 */
public record RunResult(
    UUID runId, long inputRows, long outputRows, Map<String, Long> rowsByDataSource, Map<String, Long> phaseMillis) {}
