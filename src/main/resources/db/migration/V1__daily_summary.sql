-- Koku's OCP daily summary table (koku: reporting/provider/ocp/models.py::OCPUsageLineItemDailySummary)
-- and this job's run log. Names are unqualified: Flyway sets the search_path to the target schema.
--
-- Foreign keys of report_period_id and cost_category_id are left out on purpose: the referenced
-- Koku tables are not created or owned by this job.

CREATE TABLE reporting_ocpusagelineitem_daily_summary (
    uuid                                           uuid NOT NULL DEFAULT gen_random_uuid(),
    report_period_id                               integer,
    cluster_id                                     varchar(50),
    cluster_alias                                  varchar(256),
    data_source                                    varchar(64),
    usage_start                                    date NOT NULL,
    usage_end                                      date NOT NULL,
    namespace                                      varchar(253),
    node                                           varchar(253),
    resource_id                                    varchar(253),
    pod_labels                                     jsonb,
    pod_usage_cpu_core_hours                       numeric(33,15),
    pod_request_cpu_core_hours                     numeric(33,15),
    pod_effective_usage_cpu_core_hours             numeric(33,15),
    pod_limit_cpu_core_hours                       numeric(33,15),
    pod_usage_memory_gigabyte_hours                numeric(33,15),
    pod_request_memory_gigabyte_hours              numeric(33,15),
    pod_effective_usage_memory_gigabyte_hours      numeric(33,15),
    pod_limit_memory_gigabyte_hours                numeric(33,15),
    node_capacity_cpu_cores                        numeric(33,15),
    node_capacity_cpu_core_hours                   numeric(33,15),
    node_capacity_memory_gigabytes                 numeric(33,15),
    node_capacity_memory_gigabyte_hours            numeric(33,15),
    cluster_capacity_cpu_core_hours                numeric(33,15),
    cluster_capacity_memory_gigabyte_hours         numeric(33,15),
    persistentvolumeclaim                          varchar(253),
    persistentvolume                               varchar(253),
    storageclass                                   varchar(253),
    volume_labels                                  jsonb,
    all_labels                                     jsonb,
    persistentvolumeclaim_capacity_gigabyte        numeric(33,15),
    persistentvolumeclaim_capacity_gigabyte_months numeric(33,15),
    volume_request_storage_gigabyte_months         numeric(33,15),
    persistentvolumeclaim_usage_gigabyte_months    numeric(33,15),
    source_uuid                                    uuid,
    infrastructure_usage_cost                      jsonb,
    cost_category_id                               integer,

    -- Filled later by Koku's cost model and OCP-on-cloud steps; this job never writes them, but
    -- keeps the rows that carry an infrastructure_raw_cost when it replaces a window.
    infrastructure_raw_cost                        numeric(33,15),
    infrastructure_project_raw_cost                numeric(33,15),
    infrastructure_data_in_gigabytes               numeric(33,15),
    infrastructure_data_out_gigabytes              numeric(33,15),
    infrastructure_markup_cost                     numeric(33,15),
    infrastructure_project_markup_cost             numeric(33,15),
    infrastructure_monthly_cost                    numeric(33,15),
    infrastructure_monthly_cost_json               jsonb,
    infrastructure_project_monthly_cost            jsonb,
    supplementary_usage_cost                       jsonb,
    supplementary_monthly_cost                     numeric(33,15),
    supplementary_monthly_cost_json                jsonb,
    supplementary_project_monthly_cost             jsonb,
    cost_model_cpu_cost                            numeric(33,15),
    cost_model_memory_cost                         numeric(33,15),
    cost_model_volume_cost                         numeric(33,15),
    cost_model_gpu_cost                            numeric(33,15),
    cost_model_rate_type                           text,
    monthly_cost_type                              text,
    raw_currency                                   text,
    distributed_cost                               numeric(33,15),

    PRIMARY KEY (uuid, usage_start)
) PARTITION BY RANGE (usage_start);

-- Catch-all for days whose monthly partition does not exist; the writer creates the monthly
-- partitions (reporting_ocpusagelineitem_daily_summary_YYYY_MM) before it writes, so this stays empty.
CREATE TABLE reporting_ocpusagelineitem_daily_summary_default
    PARTITION OF reporting_ocpusagelineitem_daily_summary DEFAULT;

-- Koku's index set (same names), plus (source_uuid, usage_start) for the writer's per-source delete.
CREATE INDEX summary_ocp_usage_idx ON reporting_ocpusagelineitem_daily_summary (usage_start);
CREATE INDEX summary_source_usage_idx ON reporting_ocpusagelineitem_daily_summary (source_uuid, usage_start);
CREATE INDEX summary_namespace_idx ON reporting_ocpusagelineitem_daily_summary (namespace varchar_pattern_ops);
CREATE INDEX summary_node_idx ON reporting_ocpusagelineitem_daily_summary (node varchar_pattern_ops);
CREATE INDEX summary_data_source_idx ON reporting_ocpusagelineitem_daily_summary (data_source);
CREATE INDEX monthly_cost_type_idx ON reporting_ocpusagelineitem_daily_summary (monthly_cost_type);
CREATE INDEX cost_model_rate_type_idx ON reporting_ocpusagelineitem_daily_summary (cost_model_rate_type);
CREATE INDEX all_labels_idx ON reporting_ocpusagelineitem_daily_summary USING gin (all_labels);
CREATE INDEX pod_labels_idx ON reporting_ocpusagelineitem_daily_summary USING gin (pod_labels);
CREATE INDEX volume_labels_idx ON reporting_ocpusagelineitem_daily_summary USING gin (volume_labels);

-- One row per summarize run, written outside the summary transaction so failed runs are kept too.
CREATE TABLE summary_runs (
    run_id              uuid PRIMARY KEY,
    source_uuid         uuid,
    start_date          date,
    end_date            date,
    mode                text,
    mode_reason         text,
    status              text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at          timestamptz,
    finished_at         timestamptz,
    input_rows          bigint,
    output_rows         bigint,
    rows_by_data_source jsonb,
    phase_millis        jsonb,
    error_text          text
);

CREATE INDEX summary_runs_source_started_idx ON summary_runs (source_uuid, started_at);
