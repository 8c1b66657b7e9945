-- What each summarize run measured (exec modes): the mode's estimate, memory and Spark metrics,
-- database write time, and the whole JSON run record. All nullable: runs recorded before this
-- migration, and runs killed before they ended, have none.
ALTER TABLE summary_runs
    ADD COLUMN estimated_input_rows        bigint,
    ADD COLUMN heap_peak_bytes             bigint,
    ADD COLUMN peak_execution_memory_bytes bigint,
    ADD COLUMN disk_spilled_bytes          bigint,
    ADD COLUMN gc_millis                   bigint,
    ADD COLUMN db_write_millis             bigint,
    ADD COLUMN run_record                  jsonb;
