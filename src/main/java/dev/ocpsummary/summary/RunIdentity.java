package dev.ocpsummary.summary;

import java.util.Optional;

/**
 * The values every row of a run carries: the source (provider UUID), the cluster's id and alias, and
 * the report period. Empty optionals are written as NULL.
 */
public record RunIdentity(
    String sourceUuid, Optional<String> clusterId, Optional<String> clusterAlias, Optional<Integer> reportPeriodId) {

  /** A source with no cluster names and no report period. */
  public static RunIdentity ofSource(String sourceUuid) {
    return new RunIdentity(sourceUuid, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
