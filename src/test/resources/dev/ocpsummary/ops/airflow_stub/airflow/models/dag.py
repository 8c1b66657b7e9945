"""Stand-in DAG and BaseOperator: record arguments, reject names the real ones do not take."""

_CURRENT = []
DAGS = []

# Keyword arguments of airflow's DAG that a DAG file may pass (a subset of the real list).
_DAG_PARAMETERS = {
    "dag_id", "description", "schedule", "start_date", "end_date", "catchup", "max_active_runs",
    "max_active_tasks", "default_args", "tags", "params", "doc_md", "dagrun_timeout",
    "template_searchpath", "user_defined_macros", "owner_links", "is_paused_upon_creation",
    "max_consecutive_failed_dag_runs", "render_template_as_native_obj",
}

# BaseOperator keyword arguments (a subset of the real list) that default_args or a task may set.
BASE_OPERATOR_PARAMETERS = {
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "start_date", "end_date", "depends_on_past",
    "wait_for_downstream", "dag", "params", "default_args", "priority_weight", "weight_rule", "queue",
    "pool", "pool_slots", "execution_timeout", "trigger_rule", "max_active_tis_per_dag", "doc_md",
    "on_failure_callback", "on_success_callback", "on_retry_callback",
}


class DAG:
    def __init__(self, dag_id=None, **kwargs):
        unknown = set(kwargs) - _DAG_PARAMETERS
        if unknown:
            raise TypeError(f"DAG() got unexpected keyword arguments {sorted(unknown)}")
        if "schedule_interval" in kwargs:
            raise TypeError("schedule_interval is gone in Airflow 3; use schedule")
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.default_args = dict(kwargs.get("default_args") or {})
        unknown_defaults = set(self.default_args) - BASE_OPERATOR_PARAMETERS
        if unknown_defaults:
            raise TypeError(f"default_args has names no operator takes: {sorted(unknown_defaults)}")
        self.tasks = []
        DAGS.append(self)

    def __enter__(self):
        _CURRENT.append(self)
        return self

    def __exit__(self, *exc):
        _CURRENT.pop()
        return False


class BaseOperator:
    template_fields = ()

    def __init__(self, *, task_id, dag=None, **kwargs):
        unknown = set(kwargs) - BASE_OPERATOR_PARAMETERS
        if unknown:
            raise TypeError(f"{type(self).__name__}() got unexpected keyword arguments {sorted(unknown)}")
        self.dag = dag or (_CURRENT[-1] if _CURRENT else None)
        if self.dag is None:
            raise RuntimeError(f"task {task_id} is not inside a DAG")
        if any(t.task_id == task_id for t in self.dag.tasks):
            raise ValueError(f"task_id {task_id} is used twice")
        self.task_id = task_id
        self.base_arguments = {**self.dag.default_args, **kwargs}
        self.dag.tasks.append(self)
