"""Daily OCP summary: one spark-submit of ocp-daily-summary per cluster source and day.

For the data interval [D, D+1) of a daily run, each task runs

    spark-submit ... --class dev.ocpsummary.app.OcpSummary ocp-daily-summary-VERSION-cluster.jar \
        summarize --source UUID --start D --end D --config application.conf

which replaces the summary rows of that source and day in PostgreSQL in one transaction. A retry, a
"Clear" of the task or a backfill therefore rewrites the day instead of adding a second copy, and a
failed attempt leaves the previous rows in place. Runs of this DAG never overlap (max_active_runs=1),
and the job itself holds a PostgreSQL advisory lock per source.

Deployment settings are read from the environment of the scheduler and workers when the file is
parsed (nothing else happens at import time):

    OCP_SUMMARY_SOURCES        comma-separated provider (source) UUIDs, one task each (required)
    OCP_SUMMARY_JAR            the cluster jar (default /opt/ocp-daily-summary/ocp-daily-summary-cluster.jar)
    OCP_SUMMARY_CONFIG         the job's HOCON file (default /opt/ocp-daily-summary/application.conf)
    OCP_SUMMARY_DEPLOY_MODE    cluster (default; YARN, Kubernetes) or client (the Airflow worker is
                               the driver; use it for Spark standalone)
    OCP_SUMMARY_PROPERTIES_FILE  optional spark-submit --properties-file (spark.* settings only)
    OCP_SUMMARY_INPUT          optional --input root (else input.root of the config file)
    OCP_SUMMARY_SPARK_CONN     Spark connection id (default spark_default)
    OCP_SUMMARY_POSTGRES_CONN  Postgres connection id (default ocp_summary_postgres)
    OCP_SUMMARY_DRIVER_MEMORY  driver memory (default 2g)

Connections: the Spark connection (spark_default) names the master: host and port give
spark://HOST:PORT, host "yarn" gives YARN, host "k8s://https://HOST:PORT" gives Kubernetes. The
Postgres connection (ocp_summary_postgres) gives host, port, database ("schema" field), login and
password; they reach the job as POSTGRES_URL, POSTGRES_USER and POSTGRES_PASSWORD (for YARN and
Kubernetes through spark.yarn.appMasterEnv.* / spark.kubernetes.driverEnv.*). Its extra may set
"sslmode" (default prefer). The tenant schema is database.schema in the config file.

In cluster mode the config file is shipped with --files and named by its basename, which is where
YARN and Kubernetes put shipped files (the driver's working directory). In client mode it is named by
its path on the Airflow worker.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import DAG
except ImportError:  # Airflow 2.4+
    from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

MAIN_CLASS = "dev.ocpsummary.app.OcpSummary"

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_CONN_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _setting(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _sources() -> list[str]:
    raw = os.environ.get("OCP_SUMMARY_SOURCES", "")
    sources = [s.strip() for s in raw.split(",") if s.strip()]
    if not sources:
        raise ValueError("OCP_SUMMARY_SOURCES is not set: give the source UUIDs to summarize, comma-separated")
    for source in sources:
        if not _UUID.match(source):
            raise ValueError(f"OCP_SUMMARY_SOURCES: '{source}' is not a UUID")
    return sources


def _connection_id(name: str, default: str) -> str:
    conn_id = _setting(name, default)
    # Used inside "{{ conn.<id>... }}" templates, so it must be a plain identifier.
    if not _CONN_ID.match(conn_id):
        raise ValueError(f"{name}: '{conn_id}' must be a plain identifier (letters, digits, _)")
    return conn_id


SOURCES = _sources()
JAR = _setting("OCP_SUMMARY_JAR", "/opt/ocp-daily-summary/ocp-daily-summary-cluster.jar")
CONFIG = _setting("OCP_SUMMARY_CONFIG", "/opt/ocp-daily-summary/application.conf")
DEPLOY_MODE = _setting("OCP_SUMMARY_DEPLOY_MODE", "cluster")
if DEPLOY_MODE not in ("cluster", "client"):
    raise ValueError(f"OCP_SUMMARY_DEPLOY_MODE: '{DEPLOY_MODE}' must be cluster or client")
PROPERTIES_FILE = _setting("OCP_SUMMARY_PROPERTIES_FILE", "") or None
INPUT = _setting("OCP_SUMMARY_INPUT", "")
SPARK_CONN_ID = _connection_id("OCP_SUMMARY_SPARK_CONN", "spark_default")
POSTGRES_CONN_ID = _connection_id("OCP_SUMMARY_POSTGRES_CONN", "ocp_summary_postgres")
DRIVER_MEMORY = _setting("OCP_SUMMARY_DRIVER_MEMORY", "2g")

_pg = "conn." + POSTGRES_CONN_ID
# Rendered when the task runs, so the password never appears in this file or the DAG's parsed form.
POSTGRES_ENV = {
    "POSTGRES_URL": (
        "jdbc:postgresql://{{ %s.host }}:{{ %s.port or 5432 }}/{{ %s.schema }}"
        "?sslmode={{ %s.extra_dejson.get('sslmode', 'prefer') }}" % (_pg, _pg, _pg, _pg)
    ),
    # "or ''": a connection without a login or password has None there, which would render as "None".
    "POSTGRES_USER": "{{ %s.login or '' }}" % _pg,
    "POSTGRES_PASSWORD": "{{ %s.password or '' }}" % _pg,
}

if DEPLOY_MODE == "cluster":
    CONFIG_FILES = CONFIG
    CONFIG_ARG = os.path.basename(CONFIG)
else:
    CONFIG_FILES = None
    CONFIG_ARG = CONFIG


def summarize_args(source: str) -> list[str]:
    """The application arguments of one task: the CLI's summarize command for the run's day."""
    args = ["summarize", "--source", source, "--start", "{{ ds }}", "--end", "{{ ds }}", "--config", CONFIG_ARG]
    if INPUT:
        args += ["--input", INPUT]
    return args


with DAG(
    dag_id="ocp_daily_summary",
    description="Koku's reporting_ocpusagelineitem_daily_summary for yesterday, per source, with Spark",
    schedule="@daily",
    start_date=datetime(2025, 10, 1, tzinfo=timezone.utc),
    # Backfills are explicit (airflow dags backfill); a new deployment starts with the latest day.
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "cost-management",
        "retries": 3,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(hours=1),
        "execution_timeout": timedelta(hours=2),
    },
    tags=["ocp", "cost-management", "spark"],
) as dag:
    for source_uuid in SOURCES:
        SparkSubmitOperator(
            task_id="summarize_" + source_uuid.replace("-", "_"),
            conn_id=SPARK_CONN_ID,
            deploy_mode=DEPLOY_MODE,
            application=JAR,
            java_class=MAIN_CLASS,
            name="ocp-daily-summary-" + source_uuid[:8] + "-{{ ds }}",
            files=CONFIG_FILES,
            properties_file=PROPERTIES_FILE,
            driver_memory=DRIVER_MEMORY,
            conf={"spark.sql.session.timeZone": "UTC"},
            env_vars=POSTGRES_ENV,
            application_args=summarize_args(source_uuid),
        )
