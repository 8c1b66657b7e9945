package dev.ocpsummary.exec;

import java.util.Map;

/**
 * What a mode did: rows written (in total and per row kind), the time spent in PostgreSQL, and
 * mode-specific figures for the run record.
 */
record ModeOutcome(long rowsWritten, Map<String, Long> rowsByKind, long dbWriteMillis, Map<String, Object> details) {}
