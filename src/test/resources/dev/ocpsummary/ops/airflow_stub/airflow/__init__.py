"""A stand-in for Airflow, for the DAG contract test only (Airflow cannot be installed here).

It records what a DAG file declares: the DAG's arguments and its operators' keyword arguments. It
accepts only parameter names that the real classes have, so a misspelt or unknown argument fails
here as it would in Airflow. It does not schedule, render or run anything by itself.
"""

from airflow.models.dag import DAG

__all__ = ["DAG"]
