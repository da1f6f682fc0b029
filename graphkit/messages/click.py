"""Click's own words (usage, section titles, its usage errors), keyed ``click.`` + the
English text click passes to gettext; :mod:`graphkit.cli._click_i18n` hands them to click.

For a plural (click's ``ngettext``) the key is the singular; Chinese has one form, English
keeps click's own singular and plural.
"""

MESSAGES = {
    # help pages
    "click.Usage:": {"zh": "用法：", "en": "Usage:"},
    "click.Options": {"zh": "选项", "en": "Options"},
    "click.Commands": {"zh": "命令", "en": "Commands"},
    "click.Positional arguments": {"zh": "位置参数", "en": "Positional arguments"},
    "click.Show this message and exit.": {"zh": "显示本帮助并退出。",
                                          "en": "Show this message and exit."},
    "click.Show the version and exit.": {"zh": "显示版本号并退出。",
                                         "en": "Show the version and exit."},
    "click.%(prog)s, version %(version)s": {"zh": "%(prog)s，版本 %(version)s",
                                            "en": "%(prog)s, version %(version)s"},
    "click.default: {default}": {"zh": "默认：{default}", "en": "default: {default}"},
    "click.env var: {var}": {"zh": "环境变量：{var}", "en": "env var: {var}"},
    "click.required": {"zh": "必填", "en": "required"},
    "click.(dynamic)": {"zh": "（动态）", "en": "(dynamic)"},
    "click.deprecated": {"zh": "已弃用", "en": "deprecated"},
    # usage errors
    "click.Error: {message}": {"zh": "错误：{message}", "en": "Error: {message}"},
    "click.Try '{command} {option}' for help.": {
        "zh": "运行 '{command} {option}' 查看帮助。", "en": "Try '{command} {option}' for help."},
    "click.No such option {name!r}.": {"zh": "没有选项 {name!r}。",
                                       "en": "No such option {name!r}."},
    "click.No such command {name!r}.": {"zh": "没有命令 {name!r}。",
                                        "en": "No such command {name!r}."},
    "click.Did you mean {possibility}?": {"zh": "（是否要找：{possibility}？）",
                                          "en": "Did you mean {possibility}?"},
    "click.Missing command.": {"zh": "缺少命令。", "en": "Missing command."},
    "click.Missing argument": {"zh": "缺少参数", "en": "Missing argument"},
    "click.Missing option": {"zh": "缺少选项", "en": "Missing option"},
    "click.Missing parameter": {"zh": "缺少参数", "en": "Missing parameter"},
    "click.Missing {param_type}": {"zh": "缺少{param_type}", "en": "Missing {param_type}"},
    "click.Missing parameter: {param_name}": {"zh": "缺少参数：{param_name}",
                                              "en": "Missing parameter: {param_name}"},
    "click.Invalid value for {param_hint}: {message}": {
        "zh": "{param_hint} 的值无效：{message}",
        "en": "Invalid value for {param_hint}: {message}"},
    "click.Invalid value: {message}": {"zh": "值无效：{message}",
                                       "en": "Invalid value: {message}"},
    "click.Got unexpected extra argument ({args})": {
        "zh": "多余的参数（{args}）", "en": "Got unexpected extra argument ({args})"},
    "click.Option {name!r} does not take a value.": {
        "zh": "选项 {name!r} 不接受值。", "en": "Option {name!r} does not take a value."},
    "click.Option {name!r} requires an argument.": {
        "zh": "选项 {name!r} 缺少值。", "en": "Option {name!r} requires an argument."},
    "click.Argument {name!r} takes {nargs} values.": {
        "zh": "参数 {name!r} 需要 {nargs} 个值。", "en": "Argument {name!r} takes {nargs} values."},
    "click.Takes {nargs} values but 1 was given.": {
        "zh": "需要 {nargs} 个值。", "en": "Takes {nargs} values but 1 was given."},
    "click.{len_type} values are required, but {len_value} was given.": {
        "zh": "需要 {len_type} 个值，实际给了 {len_value} 个。",
        "en": "{len_type} values are required, but {len_value} was given."},
    "click.Value must be an iterable.": {"zh": "值必须是一组值。",
                                         "en": "Value must be an iterable."},
    "click.Invalid start character for option ({option})": {
        "zh": "选项的开头字符无效（{option}）",
        "en": "Invalid start character for option ({option})"},
    "click.Could not open file {filename!r}: {message}": {
        "zh": "无法打开文件 {filename!r}：{message}",
        "en": "Could not open file {filename!r}: {message}"},
    "click.unknown error": {"zh": "未知错误", "en": "unknown error"},
    "click.Aborted!": {"zh": "已中止！", "en": "Aborted!"},
    # values of the parameter types
    "click.{value!r} is not {choice}.": {"zh": "{value!r} 不是 {choice} 之一。",
                                         "en": "{value!r} is not {choice}."},
    "click.Choose from:\n\t{choices}": {"zh": "可选：\n\t{choices}",
                                        "en": "Choose from:\n\t{choices}"},
    "click.{value} is not in the range {range}.": {
        "zh": "{value} 不在范围 {range} 内。", "en": "{value} is not in the range {range}."},
    "click.{value!r} is not a valid {number_type}.": {
        "zh": "{value!r} 不是有效的{number_type}。",
        "en": "{value!r} is not a valid {number_type}."},
    "click.{value!r} is not a valid boolean. Recognized values: {states}": {
        "zh": "{value!r} 不是有效的布尔值；可用的值：{states}",
        "en": "{value!r} is not a valid boolean. Recognized values: {states}"},
    "click.{value!r} does not match the format {format}.": {
        "zh": "{value!r} 不符合格式 {format}。",
        "en": "{value!r} does not match the format {format}."},
    "click.{value!r} is not a valid UUID.": {"zh": "{value!r} 不是有效的 UUID。",
                                             "en": "{value!r} is not a valid UUID."},
    "click.file": {"zh": "文件", "en": "file"},
    "click.directory": {"zh": "文件夹", "en": "directory"},
    "click.path": {"zh": "路径", "en": "path"},
    "click.{name} {filename!r} is a file.": {"zh": "{name} {filename!r} 是文件。",
                                             "en": "{name} {filename!r} is a file."},
    "click.{name} {filename!r} is a directory.": {
        "zh": "{name} {filename!r} 是文件夹。", "en": "{name} {filename!r} is a directory."},
    "click.{name} {filename!r} is not readable.": {
        "zh": "{name} {filename!r} 不可读。", "en": "{name} {filename!r} is not readable."},
    "click.{name} {filename!r} is not writable.": {
        "zh": "{name} {filename!r} 不可写。", "en": "{name} {filename!r} is not writable."},
    "click.{name} {filename!r} is not executable.": {
        "zh": "{name} {filename!r} 不可执行。", "en": "{name} {filename!r} is not executable."},
    "click.{name} {filename!r} does not exist.": {
        "zh": "{name} {filename!r} 不存在。", "en": "{name} {filename!r} does not exist."},
    # prompts (graphkit asks none today; click's words are here for completeness)
    "click.Do you want to continue?": {"zh": "是否继续？", "en": "Do you want to continue?"},
    "click.Press any key to continue...": {"zh": "按任意键继续……",
                                           "en": "Press any key to continue..."},
    "click.Repeat for confirmation": {"zh": "再输入一次以确认", "en": "Repeat for confirmation"},
    "click.Error: The two entered values do not match.": {
        "zh": "错误：两次输入的值不一致。", "en": "Error: The two entered values do not match."},
    "click.Error: invalid input": {"zh": "错误：输入无效", "en": "Error: invalid input"},
}
