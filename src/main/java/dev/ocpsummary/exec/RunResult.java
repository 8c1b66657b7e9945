package dev.ocpsummary.exec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a successful run did.
 *
 * @param runId the id under which summary_runs records the run
 * @param inputRows rows in the input files read for the window
 * @param outputRows summary rows written
 * @param rowsByDataSource written rows per row kind (Pod, Storage, Unallocated)
 * @param phaseMillis wall milliseconds per phase (list, read, aggregate, write), in the order they ran
 * @param mode the mode the run executed in ({@code cache} or {@code iterate})
 * @param modeReason why that mode
 * @param runRecord the JSON run record written, if a folder for them is configured
 */
public record RunResult(
    UUID runId,
    long inputRows,
    long outputRows,
    Map<String, Long> rowsByDataSource,
    Map<String, Long> phaseMillis,
    String mode,
    String modeReason,
    Optional<Path> runRecord) {}
