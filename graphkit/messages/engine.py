"""The engines the rules run on (:mod:`graphkit.rules.engine`, :mod:`graphkit.rules._spark`)."""

MESSAGES = {
    "engine.unknown": {"zh": "未知的引擎 {name!r}；应为 {engines} 之一",
                       "en": "unknown engine {name!r}; expected one of {engines}"},
    "engine.bad_type": {
        "zh": "engine 应为 {engines} 之一、Engine 或 SparkSession，实际为 {got}",
        "en": "engine must be one of {engines}, an Engine or a SparkSession, got {got}",
    },
    "engine.spark_failed": {"zh": "Spark 运行规则时失败：{detail}",
                            "en": "Spark failed while running the rules: {detail}"},
    "engine.spark_local_gone": {
        "zh": "本机的 Spark（local 模式）在运行规则时停止了：{detail}（内存不足？可设置 "
              "SPARK_DRIVER_MEMORY 加大内存）",
        "en": "Spark (local mode) stopped while running the rules: {detail} (out of memory? "
              "SPARK_DRIVER_MEMORY gives it more)",
    },
    "engine.spark_lost": {
        "zh": "运行规则时与 Spark 主节点 {master} 失去联系：{detail}；请检查集群后重新运行",
        "en": "the Spark master {master} was lost while the rules ran: {detail}; check the "
              "cluster and run again",
    },
    "engine.spark_master_gone": {
        "zh": "运行规则时与 Spark 主节点 {master} 失去联系：{seconds} 秒内无法连接（{detail}）。"
              "请确认主节点仍在运行、地址可达，然后重新运行（等待的秒数由 "
              "GRAPHKIT_SPARK_TIMEOUT 设置）",
        "en": "the Spark master {master} was lost while the rules ran: no connection for "
              "{seconds} s ({detail}). Check that the master is running and reachable, then "
              "run again (GRAPHKIT_SPARK_TIMEOUT sets the seconds to wait)",
    },
    "engine.spark_no_executor": {
        "zh": "Spark 集群 {master} 上没有可用的执行器，任务已等待 {seconds} 秒：worker "
              "丢失，或没有 worker 能提供所需的内存和 CPU 核（spark.executor.memory、"
              "SPARK_EXECUTOR_MEMORY）。请检查 worker 是否在运行、已在主节点注册，然后重新"
              "运行（等待的秒数由 GRAPHKIT_SPARK_TIMEOUT 设置）",
        "en": "the Spark cluster at {master} has no executor: a job waited {seconds} s for "
              "one. The workers were lost, or none has the memory and cores the app asks "
              "for (spark.executor.memory, SPARK_EXECUTOR_MEMORY). Check that workers run "
              "and are registered with the master, then run again (GRAPHKIT_SPARK_TIMEOUT "
              "sets the seconds to wait)",
    },
    "engine.duckdb_bad_memory": {
        "zh": "{setting} 应为内存大小（如 1GB、512MB、8GiB），实际为 {given!r}",
        "en": "{setting} must be an amount of memory (such as 1GB, 512MB or 8GiB), got "
              "{given!r}",
    },
    "engine.spark_bad_timeout": {
        "zh": "GRAPHKIT_SPARK_TIMEOUT 应为正的秒数（如 60），实际为 {given!r}",
        "en": "GRAPHKIT_SPARK_TIMEOUT must be a positive number of seconds (such as 60), "
              "got {given!r}",
    },
    "engine.spark_unreachable": {
        "zh": "无法连接 Spark 主节点 {master}：{detail}；主节点是否在运行、地址和端口是否"
              "正确？",
        "en": "cannot reach the Spark master {master}: {detail}; is it running, and are the "
              "host and port right?",
    },
    "engine.needs_pyspark": {
        "zh": "Spark 引擎需要 PySpark，但没有安装：{install}（{detail}）",
        "en": "the Spark engine needs PySpark, which is not installed: {install} ({detail})",
    },
    "engine.install_java": {
        "zh": "请安装 Java 17 或更新版本（Debian/Ubuntu：apt-get install "
              "openjdk-17-jre-headless），或让 JAVA_HOME 指向它",
        "en": "install Java 17 or newer (Debian/Ubuntu: apt-get install "
              "openjdk-17-jre-headless) or point JAVA_HOME at one",
    },
    "engine.no_java": {
        "zh": "Spark 引擎需要 Java {min} 或更新版本，但没有找到 {where}：{install}",
        "en": "the Spark engine needs Java {min} or newer, and found no {where}: {install}",
    },
    "engine.java_home": {"zh": "JAVA_HOME 指定的 $JAVA_HOME/bin/java",
                          "en": "$JAVA_HOME/bin/java"},
    "engine.java_on_path": {"zh": "PATH 中的 java", "en": "java on the PATH"},
    "engine.java_broken": {
        "zh": "Spark 引擎需要 Java {min} 或更新版本，但 {java} 无法运行（{detail}）：{install}",
        "en": "the Spark engine needs Java {min} or newer, and {java} does not run "
              "({detail}): {install}",
    },
    "engine.java_old": {
        "zh": "Spark 引擎需要 Java {min} 或更新版本，但 {java} 报告的是 {found}：{install}",
        "en": "the Spark engine needs Java {min} or newer, and {java} reports {found}: "
              "{install}",
    },
    "engine.java_version": {"zh": "Java {major} 版", "en": "Java {major}"},
    "engine.java_no_version": {"zh": "没有 Java 版本号", "en": "no Java version"},
    "engine.spark_other_master": {
        "zh": "本进程已在 {active} 运行 Spark；Spark 每个进程只运行一个上下文，"
              "不能再在 {master} 启动：请先停止正在运行的 SparkSession，或把它"
              "作为 session= 传入",
        "en": "this process already runs Spark at {active}; Spark runs one context per "
              "process, so it cannot also start one at {master}: stop the running "
              "SparkSession first, or pass it as session=",
    },
    "engine.spark_empty_master": {
        "zh": "Spark 主节点为空：请给出 local[2]、spark://host:7077 等",
        "en": "the Spark master is empty: give local[2], spark://host:7077, ...",
    },
    "engine.spark_java_exited": {"zh": "Spark 没有启动（Java 退出了）：{detail}",
                                 "en": "Spark did not start (Java exited): {detail}"},
    "engine.spark_not_started": {"zh": "Spark 没有在主节点 {master!r} 启动：{detail}",
                                 "en": "Spark did not start at master {master!r}: {detail}"},
}
