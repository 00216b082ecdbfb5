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
    "cli_rankings_need_period": ("导出排名需要 --period，如 --period 2025Q4。", "Exporting rankings needs --period, e.g. --period 2025Q4."),
    "cli_township_needs_county": ("--level township 需要 --county 指定县区。", "--level township needs --county."),
    "cli_no_race_period": ("{period} 没有赛马得分；有数据的考核期：{periods}。",
                           "No race scores for {period}; periods with data: {periods}."),
    "cli_bad_period": ("考核期无法识别：{value}", "period not recognised: {value}"),
    # --- rankings page
    "rank_level": ("比较层级", "Level"),
    "level_county": ("县区", "Counties"),
    "level_township": ("乡镇", "Townships"),
    "rank_county": ("所属县区", "County"),
    "rank_no_periods": ("还没有赛马得分数据，请在「数据管理」导入。", "No race scores yet; import them on the Data page."),
    "rank_period": ("考评期", "Period"),
    "rank_compare": ("对比期", "Compare with"),
    "rank_no_compare": ("不对比", "No comparison"),
    "rank_method": ("标准化方法", "Normalization"),
    "method_z": ("z 分数", "z-score"),
    "method_minmax": ("功效系数（0-100）", "Min-max (0-100)"),
    "method_points": ("原始分值", "Points as given"),
    "method_short_z": ("z 分数", "z"),
    "method_short_minmax": ("功效系数", "min-max"),
    "method_short_points": ("原始分值", "points"),
    "rank_settings": ("赛道权重与方阵划分（试算）", "Track weights and tiers (what-if)"),
    "rank_weights": ("赛道权重（试算）", "Track weights (what-if)"),
    "rank_weights_help": ("默认为各赛道在指标目录中的权重占比；修改后按比例归一化为 100%，结果仅供试算。",
                          "Defaults are each track's share of the catalog weight; changed weights are scaled to sum "
                          "to 100% and give an exploratory ranking only."),
    "rank_tier_first": ("第一方阵比例（%）", "First tier (% of units)"),
    "rank_tier_third": ("第三方阵比例（%）", "Third tier (% of units)"),
    "rank_custom_tiers": ("方阵划分：前 {first:.0%} 为第一方阵，后 {third:.0%} 为第三方阵（默认各三分之一）。",
                          "Tiers: the top {first:.0%} are the first tier, the bottom {third:.0%} the third (default: "
                          "a third each)."),
    "rank_weights_reset": ("恢复目录权重", "Reset to catalog"),
    "rank_custom_banner": ("非正式权重（试算）：{weights}。正式排名以指标目录权重为准。",
                           "Unofficial weights (what-if): {weights}. Only catalog weights give the official ranking."),
    "kpi_leader_unit": ("第一名{unit}", "Leading {unit}"),
    "kpi_composite_value": ("综合得分 {value:.2f}", "composite {value:.2f}"),
    "kpi_ranked": ("参与排名", "Ranked"),
    "kpi_unranked": ("{n} 个数据不全", "{n} with incomplete data"),
    "kpi_riser": ("上升最多", "Biggest riser"),
    "kpi_faller": ("下降最多", "Biggest faller"),
    "rank_unranked_note": ("数据不全、未参与排名（缺失一半以上赛马指标）：{units}。",
                           "Not ranked, data incomplete (more than half of the race indicators missing): {units}."),
    "chart_rank_composite": ("{peers}{period} 综合得分与方阵（{method}）", "{peers}Composite and tiers, {period} ({method})"),
    "chart_rank_intervals": ("排名及其区间（权重 ±20% 扰动）", "Rank and its interval (weights ±20%)"),
    "axis_rank": ("排名", "Rank"),
    "rank_interval_note": ("区间为各赛道权重在 0.8-1.2 倍间随机扰动 {draws} 次后名次的第 5 至第 95 百分位；区间重叠的单位名次差异不宜过度解读。点击左图柱条查看该单位详情。",
                           "The interval is the 5th-95th percentile rank over {draws} draws with each track weight "
                           "scaled by 0.8-1.2; do not over-read rank gaps between units whose intervals overlap. "
                           "Click a bar on the left to look closer."),
    "rank_table": ("排名总表", "Ranking table"),
    "rank_file_name": ("赛马排名_{peers}_{period}", "rankings_{peers}_{period}"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "chart_track_heatmap": ("{period} 各赛道得分", "Track scores, {period}"),
    "chart_rank_bump": ("历次考评排名走势", "Rank over the periods"),
    "rank_focus_title": ("{unit}详情", "One {unit} up close"),
    "rank_focus": ("选择{unit}", "Choose {unit}"),
    "rank_detail": ("{unit} {period} 各项指标", "{unit}: indicators, {period}"),
    "rank_why": ("{unit}为何排名变化", "Why {unit}'s rank changed"),
    "rank_why_needs_compare": ("选择对比期后显示各指标对综合得分变化的贡献。",
                               "Choose a compare period to see what each indicator added to the change."),
    "rank_why_unranked": ("{unit}在其中一期数据不全，未参与排名，无法分解变化。",
                          "{unit} was not ranked in one of the periods (incomplete data); no breakdown."),
    "chart_waterfall": ("综合得分变化分解：{before} → {now}", "What changed the composite: {before} → {now}"),
    "waterfall_start": ("{period} 得分", "{period}"),
    "waterfall_end": ("{period} 得分", "{period}"),
    "rank_why_note": ("综合得分是相对成绩：某项指标的贡献既来自本单位数值的变化，也来自其他单位的变化。",
                      "The composite is relative: an indicator's push comes from the unit's own value and from how "
                      "the other units moved."),
    "rank_moved": ("{unit}：第 {before} 名 → 第 {now} 名。", "{unit}: rank {before} → rank {now}."),
    "rank_passed_by": ("超过它的：{units}。", "Passed it: {units}."),
    "rank_left_behind": ("被它超过的：{units}。", "It passed: {units}."),
    "rank_townships": ("{county} 各乡镇 {period} 排名（同一方法）", "Townships of {county}, {period} (same method)"),
    "rank_no_townships": ("{county} 在 {period} 没有乡镇赛马得分。", "No township race scores for {county} in {period}."),
    "rank_methodology": ("计算方法说明", "How the ranking is computed"),
    "rank_methodology_text": (
        "1. **比较范围**：同一考评期内参与比较的各县区（或同一县区的各乡镇）。\n"
        "2. **数据不全**：缺失一半以上赛马指标的单位列为「数据不全」，不参与排名，也不参与均值、标准差计算。\n"
        "3. **缺失值**：其余单位缺失的指标用参评单位的平均值补齐，并在表中标注「插补」。\n"
        "4. **标准化**：每项指标按方向换算，使数值越大越好。z 分数 =（数值 − 平均值）÷ 标准差（总体标准差），"
        "逆向指标取相反数，截断于 ±3；功效系数 =（数值 − 最小值）÷（最大值 − 最小值）× 100，逆向指标取 100 减之；"
        "原始分值不作换算。全部相同时 z 记 0、功效系数记 50。\n"
        "5. **加权**：赛道得分 = 赛道内各指标得分按目录权重的加权平均；综合得分 = Σ 赛道权重 × 赛道得分。"
        "赛道权重默认取各赛道在目录中的权重占比。\n"
        "6. **排名与方阵**：综合得分最高为第 1 名，得分相同名次相同（1、2、2、4）；n 个单位中前 ⌈n/3⌉ 名为第一方阵，"
        "后 ⌊n/3⌋ 名为第三方阵，其余为第二方阵。\n"
        "7. **排名区间**：各赛道权重独立乘以 0.8-1.2 间的随机系数并重新归一化，模拟 {draws} 次（固定随机种子，结果可复现），"
        "取名次的第 5 至第 95 百分位。表中另列三种标准化方法下的名次，供判断结论是否稳健。\n"
        "8. **变化分解**：每项指标在综合得分中的份额 = 其实际权重 × 标准化得分；两期份额之差即该指标的贡献，各项贡献之和等于综合得分的变化。\n\n"
        "完整说明与算例见 docs/methodology.md。",
        "1. **Peers**: the counties (or the townships of one county) with race scores in the period.\n"
        "2. **Incomplete data**: a unit missing more than half of the race indicators is listed as not ranked and "
        "left out of the means and standard deviations.\n"
        "3. **Missing values**: another unit's missing indicator is filled with the peer mean and flagged "
        "“imputed”.\n"
        "4. **Normalization**, so that higher is always better: z-score = (value − mean) ÷ population standard "
        "deviation, sign flipped for lower-is-better, capped at ±3; min-max = (value − min) ÷ (max − min) × 100, or "
        "100 minus that for lower-is-better; points are taken as given. All equal: z 0, min-max 50.\n"
        "5. **Weights**: track score = catalog-weighted mean of its indicators; composite = Σ track weight × track "
        "score; track weights default to each track's share of the catalog weight.\n"
        "6. **Ranks and tiers**: highest composite is rank 1; ties share the better rank (1, 2, 2, 4). Of n units "
        "the first ⌈n/3⌉ ranks are the first tier, the last ⌊n/3⌋ the third, the rest the second.\n"
        "7. **Rank interval**: each track weight is multiplied by an independent factor in 0.8-1.2 and the weights "
        "rescaled, {draws} times with a fixed seed; the interval is the 5th-95th percentile rank. The table also "
        "gives the rank under each normalization method.\n"
        "8. **Why it changed**: an indicator's part of the composite is its effective weight × its score; the "
        "change of a part is that indicator's contribution, and the contributions add up to the change.\n\n"
        "The full description with a worked example is in docs/methodology.md."),
    "flag_unranked": ("数据不全（缺 {n} 项）", "Incomplete data ({n} missing)"),
    "flag_imputed": ("插补：{names}", "Imputed: {names}"),
    "flag_imputed_cell": ("缺失，按均值插补", "missing, peer mean used"),
    "col_rank": ("排名", "Rank"),
    "col_rank_interval": ("排名区间", "Interval"),
    "col_rank_change": ("名次变化", "Change"),
    "col_unit_county": ("县区", "County"),
    "col_unit_township": ("乡镇", "Township"),
    "col_composite": ("综合得分", "Composite"),
    "col_tier": ("方阵", "Tier"),
    "col_flags": ("提示", "Notes"),
    "col_rank_by": ("{method}名次", "Rank by {method}"),
    "col_indicator": ("指标", "Indicator"),
    "col_track": ("赛道", "Track"),
    "col_direction": ("方向", "Direction"),
    "direction_higher": ("正向", "higher is better"),
    "direction_lower": ("逆向", "lower is better"),
    "col_indicator_value": ("数值", "Value"),
    "col_peer_median": ("参评中位数", "Peer median"),
    "col_target": ("目标值", "Target"),
    "col_score": ("标准化得分", "Score"),
    "col_weighted": ("计入综合", "In composite"),
    "col_note": ("说明", "Note"),
    "other_indicators": ("其他 {n} 项", "{n} others"),
    # --- scoring
    "tier_1": ("第一方阵", "First tier"),
    "tier_2": ("第二方阵", "Second tier"),
    "tier_3": ("第三方阵", "Third tier"),
    "scoring_unknown_track": ("没有名为「{track}」的赛道；现有赛道：{tracks}。", "No track named “{track}”; tracks are: {tracks}."),
    "scoring_bad_weight": ("赛道「{track}」的权重 {weight} 无效，应为不小于 0 的数。",
                           "Weight {weight} for track “{track}” is not valid; use a number of at least 0."),
    "scoring_zero_weights": ("赛道权重之和为 0，无法计算综合得分。", "Track weights add up to 0; no composite can be computed."),
    "scoring_bad_weights_text": ("权重「{part}」无法识别，应写作 赛道=权重，如 项目建设=0.3。",
                                 "Weight “{part}” not understood; write TRACK=WEIGHT, e.g. 项目建设=0.3."),
    "scoring_bad_tiers": ("方阵比例「{text}」无效：应为两个百分数（第一方阵、第三方阵），第一方阵大于 0，两者之和不超过 100。",
                          "Tier shares “{text}” are not valid: give two percentages (first, third tier), the first "
                          "above 0, together at most 100."),
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
