"""Every user-facing sentence, in Simplified Chinese (default) and English.

One table, so a missing translation is a test failure rather than a surprise in a meeting. Keys are stable
identifiers; `t(key, lang, **params)` formats with str.format.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

TEXT: dict[str, tuple[str, str]] = {
    # --- app frame and navigation
    "app_title": ("干部激励看板", "Cadre Incentive Dashboard"),
    "page_overview": ("概览", "Overview"),
    "page_rankings": ("赛马排名", "Rankings"),
    "page_training": ("培训覆盖", "Training"),
    "page_welfare": ("关心关爱", "Welfare"),
    "page_data": ("数据管理", "Data"),
    "language": ("语言", "Language"),
    "period_year": ("考核年度", "Year"),
    "data_version": ("数据：{batches} 个有效批次（最新 #{latest}），更新于 {when}",
                     "Data: {batches} active batches (latest #{latest}), updated {when}"),
    "data_version_empty": ("数据库为空，请在「数据管理」导入数据。", "The database is empty; import data on the Data page."),
    "sample_notice": ("当前显示的是示例数据：澜州市及其县区、干部均为虚构，仅供演示。可在「数据管理」一键移除。",
                      "You are looking at sample data: 澜州市, its counties and cadres are fictional. Remove it on the "
                      "Data page."),
    "sample_loading": ("首次启动，正在载入示例数据（约 10 秒）…", "First start: loading the sample data (about 10 s)…"),
    "delta_vs_year": ("较 {year} 年 {delta}", "{delta} vs {year}"),
    "kpi_hours_unit": ("{hours:.1f} 学时", "{hours:.1f} h"),
    "kpi_roster_note": ("花名册截至 {as_of}；培训记录截至 {last}。", "Roster as of {as_of}; training recorded up to {last}."),
    "no_data_for_period": ("{period} 暂无数据。", "No data for {period}."),
    "coming_rankings": ("赛马排名的完整视图（综合得分、方阵、排名区间、排名变化原因）将在后续版本提供；概览页已显示当前综合得分。",
                        "The full rankings view (composite, tiers, rank intervals, why a rank changed) comes with its "
                        "own work; the Overview already shows the current composite."),
    "coming_training": ("培训覆盖的完整视图（分类覆盖率、学时达标、领域缺口、缺什么补什么）将在后续版本提供；概览页已显示覆盖率。",
                        "The full training view (coverage by category, hours, domain gaps, action list) comes with "
                        "its own work; the Overview already shows coverage."),
    "coming_welfare": ("关心关爱与能上能下的完整视图（达标红绿灯、趋势、干部调整统计）将在后续版本提供；概览页已显示达标情况。",
                       "The full welfare and movements view (status grid, trends, personnel decisions) comes with its "
                       "own work; the Overview already shows target attainment."),
    # --- overview
    "pillar_race": ("赛马比拼", "Horse race"),
    "pillar_training": ("能力培训", "Training"),
    "pillar_welfare": ("关心关爱", "Care"),
    "kpi_counties": ("参赛县区", "Counties"),
    "kpi_race_period": ("最新考评期", "Latest race period"),
    "kpi_leader": ("综合第一", "Leading county"),
    "kpi_cadres": ("在册干部", "Cadres on roster"),
    "kpi_coverage": ("培训覆盖率", "Training coverage"),
    "kpi_hours": ("人均学时", "Hours per cadre"),
    "kpi_welfare_period": ("关爱考评期", "Welfare period"),
    "kpi_met_share": ("指标达标率", "Targets met"),
    "kpi_below": ("未达标项", "Below target"),
    "chart_composite": ("{period} 各县区综合得分", "Composite score by county, {period}"),
    "chart_coverage": ("{year} 年各县区培训覆盖率", "Training coverage by county, {year}"),
    "chart_welfare": ("{period} 各县区关爱指标达标情况", "Welfare targets by county, {period}"),
    "axis_composite": ("综合得分", "Composite"),
    "axis_county": ("县区", "County"),
    "axis_coverage": ("覆盖率", "Coverage"),
    "axis_indicators": ("指标数", "Indicators"),
    "status_met": ("达标", "Met"),
    "status_near": ("接近", "Near"),
    "status_below": ("未达标", "Below"),
    "overview_composite_note": ("综合得分为各指标按方向标准化（z 分数，截断于 ±3）后按目录权重加权，0 为平均水平。",
                                "Composite: each indicator standardized by direction (z-score, capped at ±3), "
                                "weighted by the catalog; 0 is the average."),
    # --- data page
    "data_upload": ("上传数据文件", "Upload data files"),
    "data_upload_help": ("支持 CSV（UTF-8 或 GBK）、TSV、Excel（.xlsx/.xls）。可一次上传多个文件，每个文件单独整体导入。",
                         "CSV (UTF-8 or GBK), TSV and Excel (.xlsx/.xls). Several files at once; each imports whole "
                         "or not at all."),
    "data_kind": ("文件类型", "File kind"),
    "data_kind_auto": ("自动识别", "Detect automatically"),
    "data_period": ("考核期（宽表无期间时填写，如 2025Q2）", "Period (for wide files without one, e.g. 2025Q2)"),
    "data_as_of": ("统计日期（花名册无统计日期时填写，如 2025-06-30）", "As-of date (for rosters without one, e.g. 2025-06-30)"),
    "data_skip_invalid": ("跳过无效行", "Skip invalid rows"),
    "data_skip_invalid_help": ("有效行照常导入；被拒的行及原因可以下载。不勾选时，文件有任何问题都不导入。",
                               "Valid rows import; rejected rows can be downloaded with their reasons. Unticked, a file "
                               "with any problem imports nothing."),
    "data_preview": ("预览：{file}", "Preview: {file}"),
    "data_detected": ("识别为「{kind}」，工作表「{sheet}」，表头在第 {row} 行，有效数据 {rows} 行。",
                      "Detected as “{kind}”, sheet “{sheet}”, header on row {row}, {rows} data rows."),
    "data_detected_csv": ("识别为「{kind}」（编码 {encoding}），表头在第 {row} 行，有效数据 {rows} 行。",
                          "Detected as “{kind}” (encoding {encoding}), header on row {row}, {rows} data rows."),
    "data_problems": ("发现 {n} 个问题，文件不能导入：", "{n} problems found; the file cannot be imported:"),
    "data_problems_skip": ("发现 {n} 个问题；勾选了跳过无效行，将导入 {ok} 行，拒绝 {bad} 行。",
                           "{n} problems found; skipping invalid rows: {ok} rows import, {bad} are rejected."),
    "data_effects": ("将新增 {new} 条，更新 {changed} 条，与现有相同 {same} 条。",
                     "{new} new rows, {changed} changed, {same} unchanged."),
    "data_effects_blank": ("注意：有 {n} 个已有数值将变为空（文件中为空白）。",
                           "Note: {n} existing values become empty (blank in this file)."),
    "data_snapshot_replace": ("将整体替换统计日期为 {as_of} 的花名册快照（现有 {n} 人）。",
                              "Replaces the roster snapshot as of {as_of} as a whole (currently {n} cadres)."),
    "data_sample_warning": ("数据库中仍有示例数据。导入真实数据前，建议先移除示例数据。",
                            "Sample data is still loaded. Remove it before importing real data."),
    "data_same_file": ("同一文件已导入过（批次 #{batches}）。再次导入只会新增一个内容相同的批次。",
                       "This exact file was imported before (batch #{batches}); importing it again adds an identical batch."),
    "data_remove_sample_first": ("先移除示例数据", "Remove the sample first"),
    "data_unknown_cadres": ("有 {n} 条记录的干部编号不在任何花名册中（仍可导入，但统计覆盖率时不计入）。",
                            "{n} records have a cadre id on no roster (they import, but coverage cannot count them)."),
    "data_current": ("当前数据", "Current data"),
    "data_span": ("范围", "Span"),
    "data_rollback_confirm": ("确认撤销：该批次的数据将不再显示，被它覆盖的旧值恢复", "Confirm: this batch's rows stop showing and the values it replaced return"),
    "data_confirm": ("确认导入", "Import"),
    "data_confirm_all": ("导入全部可导入的文件", "Import all importable files"),
    "data_imported": ("已导入「{file}」：{kind} {rows} 行，批次 #{batch}。", "Imported “{file}”: {kind}, {rows} rows, batch #{batch}."),
    "data_rejects_download": ("下载问题清单（CSV）", "Download the list of problems (CSV)"),
    "data_values_count": ("（共 {values} 个数值）", " ({values} values)"),
    "data_batches": ("导入批次", "Import batches"),
    "data_rollback": ("撤销批次", "Roll back batch"),
    "data_rollback_pick": ("选择要撤销的批次", "Batch to roll back"),
    "data_rolled_back": ("已撤销批次 #{batch}，数据已恢复到导入前的状态。", "Batch #{batch} rolled back; data is as it was before it."),
    "data_templates": ("下载填报模板（Excel，中文表头）", "Download templates (Excel, Chinese headers)"),
    "data_sample": ("示例数据", "Sample data"),
    "data_remove_sample": ("移除全部示例数据", "Remove all sample data"),
    "data_sample_removed": ("已移除示例数据（{n} 个批次）。", "Sample data removed ({n} batches)."),
    "data_load_sample": ("载入示例数据", "Load sample data"),
    "data_sample_loaded": ("已载入示例数据（{n} 个批次）。", "Sample data loaded ({n} batches)."),
    "data_no_sample": ("当前没有示例数据。", "No sample data is loaded."),
    "data_format_doc": ("各类文件的列、示例与拒收规则见 docs/data-format.md。", "Columns, examples and refusal rules: docs/data-format.md."),
    "data_notes": ("说明", "Notes"),
    "col_batch": ("批次", "Batch"),
    "col_kind": ("类型", "Kind"),
    "col_file": ("文件", "File"),
    "col_rows": ("行数", "Rows"),
    "col_status": ("状态", "Status"),
    "col_source": ("来源", "Source"),
    "col_created_at": ("导入时间", "Imported at"),
    "col_created_by": ("导入人", "Imported by"),
    "col_row": ("行", "Row"),
    "col_column": ("列", "Column"),
    "col_value": ("值", "Value"),
    "col_problem": ("问题", "Problem"),
    "who_web": ("网页上传", "web upload"),
    "status_active": ("有效", "active"),
    "status_rolled_back": ("已撤销", "rolled back"),
    "source_sample": ("示例", "sample"),
    "source_upload": ("上传", "upload"),
    "source_cli": ("命令行", "CLI"),
    # --- kinds
    "kind_regions": ("行政区划", "regions"),
    "kind_indicators": ("指标目录", "indicator catalog"),
    "kind_race_scores": ("赛马考评得分", "race scores"),
    "kind_welfare": ("关爱指标", "welfare indicators"),
    "kind_roster": ("干部花名册", "cadre roster"),
    "kind_training": ("培训记录", "training records"),
    "kind_movements": ("干部调整", "personnel movements"),
    # --- problems: location prefix
    "at_file": ("文件「{file}」", "File “{file}”"),
    "at_sheet": ("工作表「{sheet}」", "sheet “{sheet}”"),
    "at_row": ("第 {row} 行", "row {row}"),
    "at_column": ("「{column}」列", "column “{column}”"),
    "at_value": ("值「{value}」", "value “{value}”"),
    "sep": ("，", ", "),
    "colon": ("：", ": "),
    # --- problems: whole file
    "file_empty": ("文件是空的。", "The file is empty."),
    "file_binary": ("这不是文本表格文件（含二进制内容），请上传 CSV 或 Excel 文件。",
                    "This is not a text table (it contains binary data); upload a CSV or Excel file."),
    "file_encoding": ("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV。", "The text encoding is not recognised; save as UTF-8 or GBK CSV."),
    "file_type_unknown": ("不支持的文件类型，请上传 .csv、.tsv、.xlsx 或 .xls 文件。",
                          "Unsupported file type; upload .csv, .tsv, .xlsx or .xls."),
    "file_csv_broken": ("CSV 格式损坏（第 {row} 行附近引号不配对）。", "The CSV is malformed (unbalanced quotes near line {row})."),
    "workbook_corrupt": ("Excel 文件已损坏或不是有效的工作簿，无法读取。", "The Excel file is damaged or not a valid workbook."),
    "workbook_html": ("这是网页格式的表格（只是扩展名为 .xls），请用 Excel 或 WPS 打开后另存为 .xlsx 再上传。",
                      "This is a web-page table with an .xls name; open it in Excel or WPS and save it as .xlsx."),
    "workbook_password": ("Excel 文件设有密码，请取消密码后再上传。", "The workbook is password-protected; remove the password first."),
    "no_header": ("未找到可识别的表头。需要的列，例如：{expected}。", "No recognisable header row. Expected columns such as: {expected}."),
    "no_header_kind": ("未找到「{kind}」的表头，缺少列：{missing}。", "No header for “{kind}”: missing columns {missing}."),
    "no_rows": ("表头下没有数据行。", "There are no data rows below the header."),
    "catalog_first": ("请先导入指标目录，再导入考评或关爱数据。", "Import the indicator catalog before scores or welfare data."),
    "period_needed": ("文件中没有考核期（既无「考核期」列，标题中也没有），请填写考核期。",
                      "The file gives no period (no period column, none in the title); enter the period."),
    "period_conflict": ("标题中的考核期 {title} 与{other} {given} 不一致。", "The title's period {title} conflicts with {other} {given}."),
    "period_conflict_column": ("「考核期」列", "the period column"),
    "period_conflict_given": ("填写的考核期", "the period entered"),
    "period_given_invalid": ("填写的考核期「{value}」无法识别，示例：2025、2025Q2、2025年上半年、2025-06。",
                             "The period entered, “{value}”, is not recognised; e.g. 2025, 2025Q2, 2025H1, 2025-06."),
    "as_of_needed": ("花名册缺少统计日期（无「统计日期」列，标题中也没有），请填写统计日期。",
                     "The roster has no as-of date (no column, none in the title); enter it."),
    "as_of_given_invalid": ("填写的统计日期「{value}」无法识别，示例：2025-06-30。", "The as-of date “{value}” is not recognised; e.g. 2025-06-30."),
    "mixed_domains": ("同一文件中同时有赛马指标和关爱指标（{race}；{welfare}），请分开两个文件。",
                      "The file mixes race and welfare indicators ({race}; {welfare}); split it into two files."),
    "kind_mismatch": ("指标「{indicator}」属于「{actual}」，与所选文件类型「{kind}」不符。",
                      "Indicator “{indicator}” belongs to “{actual}”, not to the chosen kind “{kind}”."),
    "duplicate_indicator_column": ("与「{other}」列是同一个指标。", "is the same indicator as column “{other}”."),
    "unknown_indicator_column": ("不是指标目录中的指标。", "is not an indicator of the catalog."),
    # --- problems: cells and rows
    "required": ("必填，不能为空。", "is required."),
    "not_a_number": ("不是数字。", "is not a number."),
    "not_a_date": ("不是日期，示例：2025-06-30、2025/6/30、2025年6月30日。", "is not a date; e.g. 2025-06-30 or 2025/6/30."),
    "not_a_period": ("不是考核期，示例：2025、2025Q2、2025年二季度、2025年上半年、2025-06。",
                     "is not a period; e.g. 2025, 2025Q2, 2025H1, 2025-06."),
    "not_a_year": ("不是出生年份（应为 1940–2010 之间的年份）。", "is not a birth year (1940-2010)."),
    "not_in_choices": ("不是允许的值，应为：{choices}。", "is not allowed; use one of: {choices}."),
    "negative": ("不能为负数。", "must not be negative."),
    "unknown_county": ("县区不存在于行政区划中。", "is not a county of the region list."),
    "unknown_township": ("乡镇不属于该县区。", "is not a township of that county."),
    "ambiguous_name": ("名称不唯一，可能是：{candidates}。", "is ambiguous; it could be: {candidates}."),
    "did_you_mean": ("是否为「{suggestion}」？", "did you mean “{suggestion}”?"),
    "unknown_indicator": ("指标目录中没有该指标。", "is not in the indicator catalog."),
    "duplicate_key": ("与第 {other} 行重复（{fields}）。", "duplicates row {other} ({fields})."),
    "track_required": ("赛马指标必须填写赛道。", "race indicators need a track."),
    # --- notes in the preview
    "note_total_rows": ("已忽略合计/平均行：第 {rows} 行。", "Total/average rows ignored: {rows}."),
    "note_footnotes": ("已忽略表尾说明：第 {rows} 行。", "Footnotes ignored: rows {rows}."),
    "note_ignored_columns": ("已忽略非指标列：{columns}。", "Columns that are not indicators, ignored: {columns}."),
    "note_extra_columns": ("未识别的列（不导入）：{columns}。", "Unrecognised columns (not imported): {columns}."),
    "note_name_fixed": ("「{given}」按「{matched}」导入（{n} 行）。", "“{given}” read as “{matched}” ({n} rows)."),
    "note_percent_scaled": ("指标「{indicator}」的数值为小数形式的百分比（如 0.85），已换算为 85。",
                            "Indicator “{indicator}” arrived as fractions (e.g. 0.85) and was scaled to percent (85)."),
    "note_period_from_title": ("考核期取自标题：{period}。", "Period taken from the title: {period}."),
    "note_period_given": ("考核期为填写值：{period}。", "Period as entered: {period}."),
    "note_as_of": ("统计日期：{as_of}（{source}）。", "As-of date: {as_of} ({source})."),
    "note_as_of_title": ("取自标题", "from the title"),
    "note_as_of_given": ("填写值", "as entered"),
    "note_sheets_skipped": ("已跳过工作表：{sheets}。", "Sheets skipped: {sheets}."),
    "note_rejected": ("跳过无效行：拒绝 {n} 行。", "Invalid rows skipped: {n} rejected."),
    # --- CLI
    "cli_imported": ("已导入 {file}：{kind} {rows} 行，批次 #{batch}", "imported {file}: {kind}, {rows} rows, batch #{batch}"),
    "cli_cannot_read": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "cli_refused": ("未导入 {file}：", "refused {file}:"),
    "cli_locked": ("数据库正被运行中的看板程序占用（{path}），请在看板的「数据管理」页导入，或先停止看板。",
                   "The running dashboard app holds the database ({path}); import on its Data page, or stop the app first."),
    "not_importable": ("该文件有问题，不能导入。", "The file has problems and cannot be imported."),
    "cli_rolled_back": ("已撤销批次 #{batch}", "batch #{batch} rolled back"),
    "cli_no_batch": ("没有编号为 {batch} 的有效批次。", "No active batch with id {batch}."),
    "cli_init": ("已初始化数据库 {path}", "database initialised at {path}"),
    "cli_sample_hint": ("提示：数据库中仍有虚构的示例数据，文件按示例的行政区划和指标目录校验。导入真实数据前请先执行 "
                        "python -m incentive remove-sample。",
                        "Hint: the fictional sample is still loaded, so files are checked against its regions and "
                        "catalog. Run python -m incentive remove-sample before importing real data."),
    "cli_sample_present": ("示例数据已载入，未重复载入。", "sample data is already loaded; nothing done"),
    "cli_sample": ("已载入示例数据：{n} 个批次", "sample data loaded: {n} batches"),
    "cli_exported": ("已导出 {rows} 行", "exported {rows} rows"),
    "cli_xlsx_needs_out": ("--format xlsx 需要 --out 指定文件。", "--format xlsx needs --out PATH."),
    "cli_bad_period": ("--period 无法识别：{value}", "--period not recognised: {value}"),
    # --- scoring
    "scoring_unknown_track": ("没有名为「{track}」的赛道；现有赛道：{tracks}。", "No track named “{track}”; tracks are: {tracks}."),
    "scoring_bad_weight": ("赛道「{track}」的权重 {weight} 无效，应为不小于 0 的数。",
                           "Weight {weight} for track “{track}” is not valid; use a number of at least 0."),
    "scoring_zero_weights": ("赛道权重之和为 0，无法计算综合得分。", "Track weights add up to 0; no composite can be computed."),
    "scoring_bad_weights_text": ("权重「{part}」无法识别，应写作 赛道=权重，如 项目建设=0.3。",
                                 "Weight “{part}” not understood; write TRACK=WEIGHT, e.g. 项目建设=0.3."),
    "scoring_bad_method": ("标准化方法「{method}」无效，可选：{methods}。", "Method “{method}” is not one of {methods}."),
}


class TranslatedError(Exception):
    """An error whose sentence lives in the table above: `key` names it, `params` fill it in."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(self.key, lang, **self.params)


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def join(items: list[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(items)
