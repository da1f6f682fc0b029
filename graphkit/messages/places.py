"""Finding a street or community by id or name (:mod:`graphkit.analysis._places`)."""

MESSAGES = {
    "places.what.Area": {"zh": "街道（镇）", "en": "street/town"},
    "places.what.Community": {"zh": "社区", "en": "community"},
    "places.ambiguous": {
        "zh": "{what}名称“{query}”不唯一：{listed}；请用编号或全称",
        "en": "the {what} name {query!r} is shared by {listed}; give an id or the full name",
    },
    "places.unknown": {
        "zh": "没有{what}“{query}”{hint}（编号、全称或唯一的简称均可）",
        "en": "no {what} {query!r}{hint} (give an id, the full name or a unique short name)",
    },
    "places.did_you_mean": {"zh": "；是否要找：{listed}？", "en": "; did you mean {listed}?"},
    "places.for_example": {"zh": "；已有的{what}例如：{listed}",
                           "en": "; {what} names are, e.g., {listed}"},
    "places.none_here": {"zh": "；这个网络没有{what}", "en": "; this network has no {what}"},
    "places.not_in_area": {
        "zh": "社区“{community}”（{community_id}）不在“{area}”（{area_id}）内",
        "en": "community {community} ({community_id}) is not in {area} ({area_id})",
    },
    "places.listed": {"zh": "{name}（{id}）", "en": "{name} ({id})"},
    "places.listed_in": {"zh": "{name}（{id}，{area}）", "en": "{name} ({id}, {area})"},
    "places.separator": {"zh": "、", "en": ", "},
}
