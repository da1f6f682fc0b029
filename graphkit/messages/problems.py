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
}
