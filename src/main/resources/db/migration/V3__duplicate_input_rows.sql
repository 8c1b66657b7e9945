-- Exact copies of hourly input rows a run found, per report: {"pod_usage": 3, "storage_usage": 0}.
-- With input.duplicate-rows = drop they were dropped (each hour counted once); with reject the run
-- failed because of them. NULL for runs recorded before this migration and runs that failed before
-- the check.
ALTER TABLE summary_runs ADD COLUMN duplicate_input_rows jsonb;
