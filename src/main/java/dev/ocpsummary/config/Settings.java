package dev.ocpsummary.config;

import java.nio.file.Path;

/**
 * The effective settings of one run, read once on the driver by {@link SettingsLoader} and never
 * changed afterwards. Secrets are {@link Secret}s, so {@link #toString()} is safe to log.
 *
 * <p>Precedence, highest first: command-line options, environment variables named in {@code
 * reference.conf}, the file given with {@code --config}, {@code reference.conf} in the jar.
 */
public record Settings(
    Path home,
    InputSettings input,
    ClusterSettings cluster,
    SummarySettings summary,
    DatabaseSettings database,
    S3Settings s3,
    int shufflePartitions,
    ExecSettings exec) {

  public Settings withInput(InputSettings newInput) {
    return new Settings(home, newInput, cluster, summary, database, s3, shufflePartitions, exec);
  }

  public Settings withCluster(ClusterSettings newCluster) {
    return new Settings(home, input, newCluster, summary, database, s3, shufflePartitions, exec);
  }

  public Settings withSummary(SummarySettings newSummary) {
    return new Settings(home, input, cluster, newSummary, database, s3, shufflePartitions, exec);
  }

  public Settings withDatabase(DatabaseSettings newDatabase) {
    return new Settings(home, input, cluster, summary, newDatabase, s3, shufflePartitions, exec);
  }

  public Settings withS3(S3Settings newS3) {
    return new Settings(home, input, cluster, summary, database, newS3, shufflePartitions, exec);
  }

  public Settings withExec(ExecSettings newExec) {
    return new Settings(home, input, cluster, summary, database, s3, shufflePartitions, newExec);
  }
}
