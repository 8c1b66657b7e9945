"""Stand-in for airflow.sdk (Airflow 3): the same DAG as the airflow package."""

from airflow.models.dag import DAG

__all__ = ["DAG"]
