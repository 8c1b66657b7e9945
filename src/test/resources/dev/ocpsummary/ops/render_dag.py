"""Loads a DAG file against the Airflow stand-in, renders its templates for one logical date as
Airflow would, and prints, as JSON, the DAG's settings and for every task the spark-submit command
line and environment that the provider's SparkSubmitHook builds from them.

usage: render_dag.py DAG_FILE DS

Connections come from AIRFLOW_CONN_<ID> URIs, as in Airflow. The command is built with the facts of
the provider's hook (argument order, connection to master, env_vars per deploy mode); it is a model
of that code, not that code.
"""

import datetime
import importlib.util
import json
import os
import sys
from urllib.parse import parse_qsl, unquote, urlsplit

import jinja2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "airflow_stub"))

from airflow.models import dag as stub  # noqa: E402


class Connection:
    """The parts of an Airflow connection a template uses, parsed from its URI form."""

    def __init__(self, conn_id, uri):
        parts = urlsplit(uri)
        self.conn_id = conn_id
        self.conn_type = parts.scheme.replace("-", "_")
        self.host = unquote(parts.hostname or "")
        self.port = parts.port
        self.login = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.schema = unquote(parts.path[1:]) if parts.path else ""
        self.extra_dejson = dict(parse_qsl(parts.query))


def connection(conn_id):
    uri = os.environ.get("AIRFLOW_CONN_" + conn_id.upper())
    if uri is None:
        raise KeyError(f"connection {conn_id} is not defined (AIRFLOW_CONN_{conn_id.upper()})")
    return Connection(conn_id, uri)


class ConnectionAccessor:
    def __getattr__(self, conn_id):
        return connection(conn_id)

    def get(self, conn_id, default=None):
        try:
            return connection(conn_id)
        except KeyError:
            return default


def render(value, env, context):
    if isinstance(value, str):
        return env.from_string(value).render(**context)
    if isinstance(value, (list, tuple)):
        return [render(v, env, context) for v in value]
    if isinstance(value, dict):
        return {k: render(v, env, context) for k, v in value.items()}
    return value


def spark_connection(conn_id, deploy_mode_override):
    """Master and deploy mode as SparkSubmitHook._resolve_connection derives them."""
    conn = connection(conn_id)
    if conn.conn_type == "spark" and conn.host and ("://" in conn.host or not conn.port):
        master = conn.host
    else:
        master = f"{conn.conn_type}://{conn.host or ''}"
    if conn.port:
        master = f"{master}:{conn.port}"
    deploy_mode = deploy_mode_override or conn.extra_dejson.get("deploy-mode")
    return master, deploy_mode, conn.extra_dejson.get("namespace")


def submit_command(task, master, deploy_mode, namespace):
    """spark-submit arguments and environment, in the order SparkSubmitHook builds them."""
    is_yarn = "yarn" in master
    is_k8s = "k8s" in master
    args = ["--master", master]
    for key, value in (task.conf or {}).items():
        args += ["--conf", f"{key}={value}"]
    env = {}
    if task.env_vars and (is_k8s or is_yarn):
        template = "spark.yarn.appMasterEnv.{}={}" if is_yarn else "spark.kubernetes.driverEnv.{}={}"
        for key, value in task.env_vars.items():
            args += ["--conf", template.format(key, value)]
    elif task.env_vars and deploy_mode != "cluster":
        env = dict(task.env_vars)
    elif task.env_vars:
        raise ValueError("env_vars is not supported in standalone cluster mode")
    if is_k8s and namespace:
        args += ["--conf", f"spark.kubernetes.namespace={namespace}"]
    for flag, value in (
        ("--properties-file", task.properties_file),
        ("--files", task.files),
        ("--py-files", task.py_files),
        ("--archives", task.archives),
        ("--driver-class-path", task.driver_class_path),
        ("--jars", task.jars),
        ("--packages", task.packages),
        ("--exclude-packages", task.exclude_packages),
        ("--repositories", task.repositories),
        ("--num-executors", task.num_executors),
        ("--total-executor-cores", task.total_executor_cores),
        ("--executor-cores", task.executor_cores),
        ("--executor-memory", task.executor_memory),
        ("--driver-memory", task.driver_memory),
        ("--proxy-user", task.proxy_user),
        ("--name", task.name),
        ("--class", task.java_class),
    ):
        if value:
            args += [flag, str(value)]
    if task.verbose:
        args += ["--verbose"]
    if task.yarn_queue:
        args += ["--queue", task.yarn_queue]
    if deploy_mode:
        args += ["--deploy-mode", deploy_mode]
    args += [task.application]
    args += list(task.application_args or [])
    return args, env


def plain(value):
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def main():
    dag_file, ds = sys.argv[1], sys.argv[2]
    spec = importlib.util.spec_from_file_location("dag_under_test", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if len(stub.DAGS) != 1:
        raise SystemExit(f"expected one DAG in {dag_file}, found {len(stub.DAGS)}")
    dag = stub.DAGS[0]

    day = datetime.date.fromisoformat(ds)
    start = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
    context = {
        "ds": ds,
        "ds_nodash": ds.replace("-", ""),
        "logical_date": start,
        "data_interval_start": start,
        "data_interval_end": start + datetime.timedelta(days=1),
        "conn": ConnectionAccessor(),
    }
    # Airflow renders with StrictUndefined: a misspelt template variable fails the task.
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)

    tasks = []
    for task in dag.tasks:
        for field in task.template_fields:
            setattr(task, field, render(getattr(task, field), env, context))
        master, deploy_mode, namespace = spark_connection(task.conn_id, task.deploy_mode)
        argv, task_env = submit_command(task, master, deploy_mode, namespace)
        tasks.append(
            {
                "task_id": task.task_id,
                "java_class": task.java_class,
                "application": task.application,
                "application_args": task.application_args,
                "conf": task.conf,
                "files": task.files,
                "master": master,
                "deploy_mode": deploy_mode,
                "operator_arguments": {k: plain(v) for k, v in task.base_arguments.items()},
                "spark_submit": argv,
                "env": task_env,
            }
        )
    print(
        json.dumps(
            {
                "dag_id": dag.dag_id,
                "arguments": {k: plain(v) for k, v in dag.kwargs.items() if k != "default_args"},
                "tasks": tasks,
            },
            default=str,
        )
    )


if __name__ == "__main__":
    main()
