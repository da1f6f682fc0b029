"""Reading and writing files: what graphkit says about an input it will not read or an
output it cannot write, and the operating system's errors in the catalogue's language."""

MESSAGES = {
    # --- problems (graphkit.errors.Problem) -----------------------------------------------
    "problem.error": {"zh": "错误", "en": "error"},
    "problem.warning": {"zh": "警告", "en": "warning"},
    # --- outputs (graphkit.network._atomic) -----------------------------------------------
    "output.cannot_write": {"zh": "无法写入 {path}：{reason}；那里没有写入任何内容",
                            "en": "cannot write {path}: {reason}; nothing was written there"},
    "output.cannot_write_stream": {"zh": "无法写入{path}：{reason}",
                                   "en": "cannot write {path}: {reason}"},
    "output.not_a_folder": {"zh": "{path} 不是文件夹", "en": "{path} is not a folder"},
    "output.creating_in": {"zh": "{reason}（在 {folder} 中新建文件时）",
                           "en": "{reason} (creating a file in {folder})"},
    "output.special": {
        "zh": "它是{what}；请给出文件路径（或不用 --out，输出到标准输出）",
        "en": "it is {what}; give the path of a file (or no --out, for standard output)",
    },
    "output.exists_not_folder": {"zh": "它已存在且不是文件夹",
                                 "en": "it exists and is not a folder"},
    "output.standard_output": {"zh": "标准输出", "en": "standard output"},
    "output.standard_error": {"zh": "标准错误", "en": "standard error"},
    # --- inputs (graphkit.network._input) -------------------------------------------------
    "input.not_regular": {"zh": "它是{what}，不是普通文件；请给出普通文件",
                          "en": "it is {what}, not a regular file; give a regular file"},
    "input.too_large": {
        "zh": "它有 {size:,} 字节，超过此类文件 {limit:,} 字节的上限；{advice}",
        "en": "it is {size:,} bytes, over the limit of {limit:,} for this file; {advice}",
    },
    "input.advice.csv": {"zh": "请拆分数据集（这么大的文件装不进内存）",
                         "en": "split the dataset (a file this large does not fit in memory)"},
    "input.advice.meta": {"zh": "dataset.json 只存放 name、snapshot 和 description",
                          "en": "dataset.json holds only name, snapshot and description"},
    "input.advice.xlsx": {"zh": "请改为把工作表另存为 nodes.csv 和 edges.csv",
                          "en": "save the sheets as nodes.csv and edges.csv instead"},
    "input.advice.key": {
        "zh": "密钥文件只有一行（用 `graphkit keygen KEYFILE` 生成）",
        "en": "a key file holds one line (create one with `graphkit keygen KEYFILE`)",
    },
    "input.old_workbook": {
        "zh": "是 {suffix} 工作簿，graphkit 不读取这种格式：请在 Excel 或 WPS 中打开，另存为 "
              ".xlsx（Excel 工作簿），再使用 .xlsx 文件",
        "en": "is an {suffix} workbook, which graphkit does not read: open it in Excel or WPS "
              "and save it as .xlsx (Excel 工作簿), then pass the .xlsx file",
    },
    "input.single_csv": {
        "zh": "是单个 CSV 文件：DATASET 应是存放 nodes.csv 和 edges.csv 的文件夹；请给出该"
              "文件夹",
        "en": "is a single CSV file: DATASET is the folder holding nodes.csv and edges.csv; "
              "pass that folder",
    },
    "input.archive": {
        "zh": "是压缩包：请先解压，再传入存放 nodes.csv 和 edges.csv 的文件夹",
        "en": "is a zip archive: unzip it, then pass the folder holding nodes.csv and "
              "edges.csv",
    },
    "input.near_name": {"zh": "；文件夹中有 {name}：请改名为 {wanted}",
                         "en": "; the folder holds {name}: rename it {wanted}"},
    "input.near_name_case": {
        "zh": "；文件夹中有 {name}：请改名为 {wanted}（文件名区分大小写）",
        "en": "; the folder holds {name}: rename it {wanted} (names are case-sensitive)",
    },
    "input.near_name_doubled": {
        "zh": "；文件夹中有 {name}：请改名为 {wanted}（Windows 隐藏了已知的扩展名 .csv，"
              "所以改名时又多输入了一次）",
        "en": "; the folder holds {name}: rename it {wanted} (Windows hides the known "
              "extension .csv, so the name was typed with it)",
    },
    "input.holds_archive": {
        "zh": "；文件夹中有压缩包 {names}：请先解压",
        "en": "; the folder holds the archive {names}: unzip it first",
    },
    "input.holds_rosters": {
        "zh": "；文件夹中有 {names}：如果是各部门的名册（台账），请先用 `graphkit import "
              "{folder} --out 数据集文件夹` 生成数据集（SPEC 第 9 节）；如果是含 nodes、edges "
              "两个工作表的 .xlsx 工作簿，请直接传入该工作簿",
        "en": "; the folder holds {names}: office rosters (台账)? build a dataset from them "
              "first with `graphkit import {folder} --out DATASET_DIR` (SPEC section 9); an "
              ".xlsx workbook with sheets nodes and edges is passed itself",
    },
    # --- what a file is -------------------------------------------------------------------
    "file.folder": {"zh": "文件夹", "en": "a folder"},
    "file.fifo": {"zh": "命名管道（FIFO）", "en": "a FIFO (named pipe)"},
    "file.char_device": {"zh": "字符设备", "en": "a character device"},
    "file.block_device": {"zh": "块设备", "en": "a block device"},
    "file.device": {"zh": "设备", "en": "a device"},
    "file.socket": {"zh": "套接字", "en": "a socket"},
    "file.special": {"zh": "特殊文件", "en": "a special file"},
    "file.not_regular": {"zh": "非普通文件", "en": "not a regular file"},
    # --- the operating system's errors (graphkit.errors.os_reason) ------------------------
    "os.ENOSPC": {"zh": "磁盘空间不足", "en": "No space left on device"},
    "os.EDQUOT": {"zh": "超出磁盘配额", "en": "Disk quota exceeded"},
    "os.EACCES": {"zh": "没有权限", "en": "Permission denied"},
    "os.EPERM": {"zh": "不允许此操作", "en": "Operation not permitted"},
    "os.ENOENT": {"zh": "文件或文件夹不存在", "en": "No such file or directory"},
    "os.EROFS": {"zh": "只读文件系统", "en": "Read-only file system"},
    "os.EISDIR": {"zh": "这是文件夹", "en": "Is a directory"},
    "os.ENOTDIR": {"zh": "路径中有一项不是文件夹", "en": "Not a directory"},
    "os.EEXIST": {"zh": "已存在", "en": "File exists"},
    "os.EFBIG": {"zh": "文件太大", "en": "File too large"},
    "os.ENAMETOOLONG": {"zh": "文件名太长", "en": "File name too long"},
    "os.EIO": {"zh": "输入/输出错误", "en": "Input/output error"},
    "os.EPIPE": {"zh": "管道已断开", "en": "Broken pipe"},
    "os.EBADF": {"zh": "文件描述符无效", "en": "Bad file descriptor"},
}
