package dev.ocpsummary.testing;

import static dev.ocpsummary.source.InputColumns.*;

import dev.ocpsummary.datagen.InputRows;
import dev.ocpsummary.source.ReportType;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Hourly storage-usage rows as nise and Koku fill them: one per claim and hour, capacity and request
 * over a full hour ({@code GiB × 2^30 × 3600} byte-seconds). A claim-less volume has empty
 * namespace, pod and claim, and 0.0 request and usage (Koku's typing of empty cells).
 */
public final class StorageRows {

  private static final double GIB = Math.scalb(1.0, 30);

  private final Map<String, Object> values = new HashMap<>();

  private StorageRows(LocalDateTime hour) {
    values.put(INTERVAL_START, hour);
    values.put(STORAGECLASS, "gp3-csi");
    values.put(CSI_VOLUME_HANDLE, "vol-0001");
    values.put(PERSISTENTVOLUME_LABELS, "{}");
    values.put(PERSISTENTVOLUMECLAIM_LABELS, "{}");
  }

  public static StorageRows at(LocalDateTime hour) {
    return new StorageRows(hour);
  }

  /** A claim of volume {@code pv} in {@code namespace}, mounted by {@code pod}. */
  public StorageRows claim(String namespace, String pod, String pvc, String pv) {
    values.put(NAMESPACE, namespace);
    values.put(POD, pod);
    values.put(PERSISTENTVOLUMECLAIM, pvc);
    values.put(PERSISTENTVOLUME, pv);
    return this;
  }

  /** Claim capacity, the volume's request and the used GiB during the full hour. */
  public StorageRows gib(double capacity, double request, double usage) {
    values.put(PVC_CAPACITY_BYTES, capacity * GIB);
    values.put(PVC_CAPACITY_BYTE_SECONDS, capacity * GIB * 3600);
    values.put(VOLUME_REQUEST_STORAGE_BYTE_SECONDS, request * GIB * 3600);
    values.put(PVC_USAGE_BYTE_SECONDS, usage * GIB * 3600);
    return this;
  }

  public StorageRows labels(String pvLabelsJson, String pvcLabelsJson) {
    values.put(PERSISTENTVOLUME_LABELS, pvLabelsJson);
    values.put(PERSISTENTVOLUMECLAIM_LABELS, pvcLabelsJson);
    return this;
  }

  public StorageRows set(String column, Object value) {
    values.put(column, value);
    return this;
  }

  public Row build() {
    return InputRows.inSchemaOrder(ReportType.STORAGE_USAGE, values);
  }
}
