package dev.ocpsummary.datagen;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where and under which names generated or imported data is written: the root above {@code data/}
 * (a path, {@code file://} or {@code s3a://} URI), the layout, and the identifiers the layout's
 * folders and columns carry.
 *
 * @param root root URI; plain paths are made absolute {@code file:} URIs
 * @param layout folder layout
 * @param org Koku account (org) folder
 * @param sourceUuid provider UUID, the {@code source=} partition
 * @param clusterId cluster id (the POC layout's {@code cluster_id} column)
 * @param manifestId Koku manifest id in daily-split file names
 * @param maxRowsPerFile row limit of one raw file in the Koku layout (nise's CSV split, 100 000)
 */
public record OutputTarget(
    String root, OutputLayout layout, String org, String sourceUuid, String clusterId, int manifestId, int maxRowsPerFile) {

  public static final String DEFAULT_SOURCE = "00000000-0000-0000-0000-000000000001";
  public static final String DEFAULT_CLUSTER = "test-cluster-001";
  public static final String DEFAULT_ORG = "org1234567";
  public static final int DEFAULT_MAX_ROWS_PER_FILE = 100_000;

  public OutputTarget {
    root = normalize(root);
    if (maxRowsPerFile < 1) {
      throw new IllegalArgumentException("maxRowsPerFile must be positive: " + maxRowsPerFile);
    }
  }

  /** Defaults of the CLI contract for a root and layout. */
  public static OutputTarget of(String root, OutputLayout layout) {
    return new OutputTarget(root, layout, DEFAULT_ORG, DEFAULT_SOURCE, DEFAULT_CLUSTER, 1, DEFAULT_MAX_ROWS_PER_FILE);
  }

  public OutputTarget withIds(String newSource, String newCluster, String newOrg) {
    return new OutputTarget(root, layout, newOrg, newSource, newCluster, manifestId, maxRowsPerFile);
  }

  public OutputTarget withMaxRowsPerFile(int rows) {
    return new OutputTarget(root, layout, org, sourceUuid, clusterId, manifestId, rows);
  }

  /** A path or URI as a URI string without a trailing slash; plain paths become absolute file: URIs. */
  static String normalize(String root) {
    String uri = root.contains("://") || root.startsWith("file:") ? root : Path.of(root).toAbsolutePath().normalize().toUri().toString();
    if (uri.startsWith("file:") && !uri.startsWith("file://")) {
      uri = URI.create(uri).toString().replaceFirst("^file:/+", "file:///");
    }
    while (uri.endsWith("/")) {
      uri = uri.substring(0, uri.length() - 1);
    }
    return uri;
  }

  /** {@code root/rest}. */
  String resolve(String rest) {
    return root + "/" + rest;
  }
}
