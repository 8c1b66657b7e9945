"""Stand-in for apache-airflow-providers-apache-spark's SparkSubmitOperator.

The parameter list and template_fields are those of the provider's operator (6.x): keyword-only,
with the same names and defaults, so that an argument the real operator would reject is rejected
here too. Nothing is submitted; the contract test renders and runs the recorded arguments itself.
"""

from airflow.models.dag import BaseOperator


class SparkSubmitOperator(BaseOperator):
    template_fields = (
        "application",
        "conf",
        "files",
        "py_files",
        "jars",
        "driver_class_path",
        "packages",
        "exclude_packages",
        "keytab",
        "principal",
        "proxy_user",
        "name",
        "application_args",
        "env_vars",
        "post_submit_commands",
        "properties_file",
    )

    def __init__(
        self,
        *,
        application="",
        conf=None,
        conn_id="spark_default",
        files=None,
        py_files=None,
        archives=None,
        driver_class_path=None,
        jars=None,
        java_class=None,
        packages=None,
        exclude_packages=None,
        repositories=None,
        total_executor_cores=None,
        executor_cores=None,
        executor_memory=None,
        driver_memory=None,
        keytab=None,
        principal=None,
        proxy_user=None,
        name="arrow-spark",
        num_executors=None,
        status_poll_interval=1,
        application_args=None,
        env_vars=None,
        verbose=False,
        spark_binary=None,
        properties_file=None,
        yarn_queue=None,
        deploy_mode=None,
        use_krb5ccache=False,
        post_submit_commands=None,
        track_driver_via_k8s_api=False,
        yarn_track_via_rm_api=False,
        yarn_rm_auth=None,
        openlineage_inject_parent_job_info=False,
        openlineage_inject_transport_info=False,
        reconnect_on_retry=None,
        durable=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.application = application
        self.conf = conf
        self.conn_id = conn_id
        self.files = files
        self.py_files = py_files
        self.archives = archives
        self.driver_class_path = driver_class_path
        self.jars = jars
        self.java_class = java_class
        self.packages = packages
        self.exclude_packages = exclude_packages
        self.repositories = repositories
        self.total_executor_cores = total_executor_cores
        self.executor_cores = executor_cores
        self.executor_memory = executor_memory
        self.driver_memory = driver_memory
        self.keytab = keytab
        self.principal = principal
        self.proxy_user = proxy_user
        self.name = name
        self.num_executors = num_executors
        self.application_args = application_args
        self.env_vars = env_vars
        self.verbose = verbose
        self.spark_binary = spark_binary
        self.properties_file = properties_file
        self.yarn_queue = yarn_queue
        self.deploy_mode = deploy_mode
        self.post_submit_commands = post_submit_commands
