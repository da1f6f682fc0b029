"""Problems of a dataset (:class:`graphkit.errors.Problem`) made from the catalogue, keyed
``problem.<code>`` (:meth:`graphkit.errors.Problem.said`)."""

MESSAGES = {
    # dataset.json (graphkit.network.io)
    "problem.meta_too_large": {
        "zh": "文件有 {size:,} 字节；元数据必须小于 {limit:,} 字节",
        "en": "file is {size:,} bytes; metadata must be under {limit:,} bytes",
    },
    "problem.meta_unreadable": {"zh": "无法读取 {path}：{detail}",
                                "en": "cannot read {path}: {detail}"},
    "problem.meta_bad_json": {"zh": "JSON 无效：{detail}", "en": "invalid JSON: {detail}"},
    "problem.meta_not_object": {"zh": "应为一个 JSON 对象", "en": "must hold a JSON object"},
    "problem.meta_not_text": {"zh": "{key} 应为字符串，实际为 {value}",
                              "en": "{key} must be a string, got {value}"},
    "problem.meta_surrogate": {"zh": "{key} 含有不成对的代理字符 {char}，不是文本",
                               "en": "{key} holds an unpaired surrogate {char}, not text"},
    "problem.meta_bad_date": {"zh": "snapshot {value} 不是 YYYY-MM-DD 格式的日期",
                              "en": "snapshot {value} is not a date YYYY-MM-DD"},
    # ids (graphkit.network.validation)
    "problem.id_twins": {
        "zh": "编号 {names} 仅在空格、不可见字符（如零宽空格）或全角/半角上不同，将被视为"
              "不同的节点（如为同一节点，请统一写法）",
        "en": "ids {names} differ only in white space, invisible characters (such as a "
              "zero-width space) or full-width/half-width form; they are different nodes "
              "(use one spelling if they are the same)",
    },
    "problem.unknown_endpoint": {"zh": "{end} {value} 不是任何节点的编号",
                                 "en": "{end} {value} is not a node id"},
    "problem.unknown_endpoint_near": {
        "zh": "{end} {value} 不是任何节点的编号；节点 {near} 与它仅在空格、不可见字符或"
              "全角/半角上不同：是否指它？（请统一写法）",
        "en": "{end} {value} is not a node id; the node {near} differs from it only in "
              "white space, invisible characters or full-width/half-width form: is it meant? "
              "(use one spelling)",
    },
    # nodes and edges (graphkit.network.validation): the Chinese names the words of the file
    # (labels, relationship types, columns) beside its own, for a planner to search for
    "problem.unknown_kind": {
        "zh": "{label}{id} 的 kind {value} 无效；应为 {allowed} 之一{hint}",
        "en": "unknown kind {value} for {label} {id}; expected one of {allowed}{hint}",
    },
    "problem.org_only": {
        "zh": "{col} 仅适用于党组织（PartyOrg），{label}{id} 的该值被忽略",
        "en": "{col} applies to PartyOrg only; ignored for {label} {id}",
    },
    "problem.bad_pair": {
        "zh": "{type} 关系不能从{source_label}{source} 指向{target_label}{target}；"
              "允许：{allowed}",
        "en": "{type} cannot go from {source_label} {source} to {target_label} {target}; "
              "allowed: {allowed}",
    },
    "problem.located_twice": {
        "zh": "单位（Unit）{unit} 有多条 LOCATED_IN 关系，位于多个地点：{places}",
        "en": "Unit {unit} is LOCATED_IN more than one place: {places}",
    },
    "problem.several_own_orgs": {
        "zh": "单位（Unit）{unit} 有多个本单位党组织（BELONGS_TO 该单位）：{orgs}",
        "en": "Unit {unit} has more than one own organization (BELONGS_TO it): {orgs}",
    },
    "problem.org_without_home": {
        "zh": "党组织（PartyOrg）{org}（{name}）没有 BELONGS_TO 关系（所属单位或地区）",
        "en": "PartyOrg {org} ({name}) has no BELONGS_TO edge",
    },
    "problem.org_several_homes": {
        "zh": "党组织（PartyOrg）{org} 有多条 BELONGS_TO 关系，同时属于多个单位或地区：{places}",
        "en": "PartyOrg {org} BELONGS_TO more than one home: {places}",
    },
    "problem.several_parents": {
        "zh": "{label}{id} 有多条 PART_OF 关系，隶属于多个{parent}；按编号最小者计算",
        "en": "{label} {id} is PART_OF more than one {parent}; the smallest id is used",
    },
    # the dataset's files (graphkit.network.io)
    "problem.missing_file": {"zh": "缺少文件 {path}{hint}", "en": "missing file {path}{hint}"},
    "problem.not_a_dataset": {
        "zh": "{what}；DATASET 应为包含 nodes.csv 和 edges.csv 的文件夹，或包含 nodes、edges "
              "两个工作表的 .xlsx 工作簿",
        "en": "{what}; DATASET must be a folder holding nodes.csv and edges.csv, or an .xlsx "
              "workbook with sheets 'nodes' and 'edges'",
    },
    "problem.does_not_exist": {"zh": "不存在", "en": "does not exist"},
    "problem.neither_folder_nor_workbook": {"zh": "既不是文件夹也不是 .xlsx 工作簿",
                                            "en": "is neither a folder nor an .xlsx workbook"},
}
