package dev.ocpsummary.app;

import dev.ocpsummary.config.Settings;
import dev.ocpsummary.config.SettingsLoader;
import dev.ocpsummary.datagen.ExpectedSummaryFile;
import dev.ocpsummary.sink.SummaryDatabase;
import dev.ocpsummary.validate.SummaryMismatchException;
import dev.ocpsummary.validate.SummaryValidation;
import dev.ocpsummary.validate.ValidationReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code validate}: compares the summary of one source and window in PostgreSQL with the
 * {@code expected.json} of its generation and with invariants of any correct summary, prints one line
 * per check, and fails (exit 1, the number of failed checks and the first one on stderr) when any
 * check fails. Reads only; a configured database is not migrated.
 */
final class ValidateCommand implements Command {

  static final Set<String> OPTIONS = Set.of("expected", "source", "start", "end", "config");

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return """
        validate --expected FILE --source UUID --start DATE --end DATE [--config FILE]
          Checks the daily summary of a source for START..END (inclusive) in PostgreSQL: row counts and
          totals against the expected.json that generate wrote, and invariants of any correct summary
          (unique grouping keys, effective usage bounds, unallocated = capacity - pods, rows inside the
          window, no lost values). Prints one line per check; exit 0 when all pass, 1 when any fails.
          --expected  the expected.json at the root of generate's --out (a local file); its source and
                      window must be the ones given
          --config    a HOCON file layered over the defaults (the database settings are used)
        """;
  }

  @Override
  public int run(String[] args, Map<String, String> environment, PrintStream out) {
    CommandLine cl = CommandLine.parse(args, OPTIONS, Set.of());
    Path file = Path.of(cl.required("expected"));
    String source = uuid(cl.required("source"));
    LocalDate start = cl.requiredDate("start");
    LocalDate end = cl.requiredDate("end");
    if (end.isBefore(start)) {
      throw new UsageException("--end " + end + " is before --start " + start + " (the window is inclusive)");
    }
    if (!Files.isRegularFile(file)) {
      throw new UsageException("--expected " + file + " is not a file");
    }
    ExpectedSummaryFile expected = ExpectedSummaryFile.read(file);
    requireSame("--source", source, expected.sourceUuid().toLowerCase(java.util.Locale.ROOT), file);
    requireSame("--start", start, expected.start(), file);
    requireSame("--end", end, expected.end(), file);

    Settings settings = SettingsLoader.load(cl.value("config").map(Path::of), environment);
    ValidationReport report;
    if (settings.database().embedded()) {
      try (LocalDatabase database = LocalDatabase.open(settings.database())) {
        report = SummaryValidation.run(database.database(), expected.summary(), source, start, end);
      }
    } else {
      report = SummaryValidation.run(new SummaryDatabase(settings.database()), expected.summary(), source, start, end);
    }
    out.print(report.render());
    if (!report.passed()) {
      throw new SummaryMismatchException(report);
    }
    return 0;
  }

  private String uuid(String text) {
    try {
      return UUID.fromString(text).toString();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--source '" + text + "' is not a UUID");
    }
  }

  /** The expected totals are for one source and window; validating another would compare unrelated numbers. */
  private void requireSame(String option, Object given, Object inFile, Path file) {
    if (!given.equals(inFile)) {
      throw new UsageException("" + option + " " + given + " differs from " + inFile + " in " + file);
    }
  }
}
