"""Fictional places as the files their offices would send, at two scales, generated deterministically.

- `PREFECTURE`: 澜州市, 12 counties. The bundled sample in data/sample/ is this scale's output with its fixed seed
  (`python data/sample/generate.py` rewrites the same data). Its values are drawn row by row and tell stories, so
  the charts have something to say: 澄溪县 and 星渚县 improve, 柏川县 and 苇塘县 slip, 棠梨县 trains few of its
  cadres (and has not sent the last quarter's records), 杉浦县 lags on annual physical exams.
- `PROVINCE` (or `province(...)` at another size): 澜江省, 100 counties, 200,000 cadres, 10 million training
  records, for the benchmark. People and their records are drawn a whole column at a time with numpy (row by row
  would take an hour) and the training file is written by DuckDB.

One generator: both scales write the same file kinds through the same writers, with the headers of the file kinds'
definitions (`incentive.intake.file_kinds.KINDS`: each column's first spelling, or another of its spellings where a
file uses one on purpose), the same catalog, race-score and welfare layouts and the same naming. What differs is
data in the `Scale`: sizes, which files are workbooks, titles, and how people and records are drawn. The same seed
gives the same files (workbooks: the same cells; their bytes also carry the time they were saved).

Every place name is invented (county codes use the unassigned prefix 99, and titles say 虚构示例), so no figure is
ever attached to a real place.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from incentive.intake.cell_values import name_key
from incentive.intake.file_kinds import KINDS, WIDE_IGNORED
from incentive.store.queries import string_literal

SEED = 20251126  # the prefecture sample's seed (data/sample/)
PROVINCE_SEED = 20261126

COUNTIES = [
    "云岫县",
    "澄溪县",
    "枫岚县",
    "青禾县",
    "柏川县",
    "鹤汀县",
    "苇塘县",
    "杉浦县",
    "棠梨县",
    "岚桥区",
    "星渚县",
    "蒲陌县",
]
IMPROVING = {"澄溪县": 0.09, "星渚县": 0.07, "青禾县": 0.03}
SLIPPING = {"柏川县": -0.08, "苇塘县": -0.06}
WEAK_TRAINING = "棠梨县"
WEAK_EXAMS = "杉浦县"
# 棠梨县 has not sent its training records of the sample's last quarter: 报送进度 shows it 未报送, and the reminder
# list owes the whole file (docs/decisions.md#sample-receipt-times).
UNSENT_TRAINING = WEAK_TRAINING

_TOWN_FIRST = list("安白碧长丹东凤福高禾华佳金锦兰乐莲临龙鹿梅南平祁清泉瑞三上石双松太桃田万溪仙新杏阳义永玉")
_TOWN_SECOND = list("坝坳岗埠集口岭桥山墅滩塘湾圩溪营庄峪渡湖林")
# The province needs more names: uncommon characters for counties, a longer list for townships.
_COUNTY_FIRST = list("澜岫渚汀蘅芷蓼荇苕菁蔚翎筠篁棠樾楸榆檀杞芸茗蕖菱藻溆沅澧湄涔漪淇浔沣渌")
_COUNTY_SECOND = list("川阳溪岭浦原江源城坪陵冈泽湾峪桥台丘渡林")
_PROVINCE_TOWN_FIRST = _TOWN_FIRST + list("云竹荷柳樟枫柏桂茶橘")
_PROVINCE_TOWN_SECOND = _TOWN_SECOND + list("坪垭铺店寨")

# code, name, track, unit, direction, weight, target, typical value, spread
RACE_INDICATORS = [
    ("R01", "重点项目投资完成额", "项目建设", "亿元", "higher", 12, None, 30.0, 8.0),
    ("R02", "新开工项目数", "项目建设", "个", "higher", 8, None, 24.0, 6.0),
    ("R03", "项目审批平均用时", "项目建设", "天", "lower", 6, 20, 22.0, 5.0),
    ("R04", "农村居民人均可支配收入增速", "乡村振兴", "%", "higher", 10, 7, 6.8, 0.9),
    ("R05", "村集体经济收入", "乡村振兴", "万元", "higher", 8, None, 1800.0, 450.0),
    ("R06", "高标准农田建设完成率", "乡村振兴", "%", "higher", 7, 100, 92.0, 6.0),
    ("R07", "营商环境评价得分", "为企服务", "分", "higher", 10, None, 85.0, 4.0),
    ("R08", "企业诉求办结率", "为企服务", "%", "higher", 8, 95, 93.0, 3.0),
    ("R09", "涉企投诉件数", "为企服务", "件", "lower", 6, None, 40.0, 12.0),
    ("R10", "信访事项及时受理率", "基层治理", "%", "higher", 9, 98, 96.5, 1.5),
    ("R11", "安全生产事故起数", "基层治理", "起", "lower", 9, 0, 3.0, 1.6),
    ("R12", "矛盾纠纷化解率", "基层治理", "%", "higher", 7, 95, 94.0, 2.5),
]
# code, name, unit, target, typical value, spread
WELFARE_INDICATORS = [
    ("W01", "带薪休假落实率", "%", 90, 86.0, 5.0),
    ("W02", "年度体检完成率", "%", 95, 94.0, 3.0),
    ("W03", "谈心谈话覆盖率", "%", 100, 96.0, 3.0),
    ("W04", "家访慰问完成率", "%", 90, 88.0, 6.0),
    ("W05", "住房困难解决率", "%", 80, 74.0, 9.0),
    ("W06", "两地分居问题解决率", "%", 70, 63.0, 10.0),
    ("W07", "容错纠错案例数", "件", None, 3.0, 2.0),
]
CATEGORIES = [("政治能力", 0.35), ("专业能力", 0.40), ("创新能力", 0.15), ("实践锻炼", 0.10)]
DOMAINS = [
    "党的理论",
    "乡村振兴",
    "招商引资",
    "基层治理",
    "安全生产",
    "数字政府",
    "生态环保",
    "应急管理",
    "法治建设",
    "财政金融",
]
RANKS = [
    ("一级科员", 0.22),
    ("四级主任科员", 0.20),
    ("三级主任科员", 0.16),
    ("二级主任科员", 0.12),
    ("一级主任科员", 0.08),
    ("乡科级副职", 0.14),
    ("乡科级正职", 0.08),
]
DEPARTMENTS = ["组织部", "发改局", "财政局", "农业农村局", "应急管理局", "市场监管局", "信访局", "自然资源局"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红建文斌宇浩凯婷雪琳晨欣怡然博思源")
ACTIONS = ["提拔", "晋升职级", "平职调整", "转任", "降职", "免职", "问责", "容错免责"]
REASONS = {
    "提拔": "考核优秀",
    "晋升职级": "任职年限及考核合格",
    "平职调整": "工作需要",
    "转任": "交流任职",
    "降职": "考核不称职",
    "免职": "工作失职",
    "问责": "履职不力",
    "容错免责": "改革探索中出现失误，符合容错情形",
}
# Columns of the wide score sheet around the indicators: in file_kinds.WIDE_IGNORED, so the importer lists and skips
# them.
WIDE_NUMBER, WIDE_REMARK = "序号", "备注"


# ------------------------------------------------------------------ the two scales


@dataclass(frozen=True)
class Scale:
    """What to generate: sizes, the files' forms (which are workbooks, their titles) and how values are drawn.

    `bulk` False draws row by row with the prefecture's stories (and its sizes come from `cadres_per_township`
    and `trainings_per_cadre_year`); True draws whole columns with exact counts (`counties`, `townships`,
    `cadres`, `training_records`, `movements`)."""

    name: str
    place: str
    seed: int
    first_quarter: str  # the oldest race period; training and rosters start in its year
    last_quarter: str  # the newest race period; data run to its end
    bulk: bool
    workbooks: frozenset[str]  # file kinds sent as .xlsx (the wide score sheet always is); the others are CSV
    titles: Mapping[str, str] = field(default_factory=dict)  # title row per file (formatted), none where absent
    regions_list_counties: bool = False  # the regions file has a row per county as well as per township
    # row by row (the prefecture)
    cadres_per_township: int = 0
    trainings_per_cadre_year: float = 0.0
    # in bulk (the province): exact sizes
    counties: int = 0
    townships: int = 0
    cadres: int = 0  # on the roster at the start; about as many join as leave
    training_records: int = 0
    movements: int = 0

    @property
    def first_year(self) -> int:
        return int(self.first_quarter[:4])

    @property
    def last_year(self) -> int:
        return int(self.last_quarter[:4])


PREFECTURE = Scale(
    "prefecture",
    "澜州市",
    SEED,
    "2023-Q1",
    "2026-Q3",
    bulk=False,
    workbooks=frozenset({"regions", "roster"}),
    titles={
        "regions": "{place}（虚构示例）行政区划表",
        "race_wide": "{period}赛马考评得分表",
        "roster": "{place}基层干部花名册（截至{date}）",
        "appraisals": "{place}（虚构示例）{first}—{last}年度干部年度考核结果",
    },
    cadres_per_township=60,
    trainings_per_cadre_year=7.2,
)


def province(
    counties: int = 100,
    townships: int = 1_200,
    cadres: int = 200_000,
    training_records: int = 10_000_000,
    movements: int = 100_000,
) -> Scale:
    """The benchmark's province (澜江省), at its full size by default; smaller ones for tests."""
    return Scale(
        "province",
        "澜江省",
        PROVINCE_SEED,
        "2021-Q4",
        "2026-Q3",
        bulk=True,
        workbooks=frozenset({"movements"}),
        titles={
            "regions": "{place}（虚构示例）行政区划表",
            "race_long": "{place}（虚构示例）赛马考评得分",
            "race_wide": "{place}（虚构示例）{period}赛马考评得分表",
            "roster": "{place}（虚构示例）基层干部花名册（截至{date}）",
            "movements": "{place}（虚构示例）干部调整情况",
            "appraisals": "{place}（虚构示例）{first}—{last}年度干部年度考核结果",
        },
        regions_list_counties=True,
        counties=counties,
        townships=townships,
        cadres=cadres,
        training_records=training_records,
        movements=movements,
    )


PROVINCE = province()
SCALES = {"prefecture": PREFECTURE, "province": PROVINCE}


def quarters(first: str, last: str) -> list[str]:
    """Every quarter from `first` to `last` (`2025-Q2` form), both included."""
    out = []
    year, q = int(first[:4]), int(first[-1])
    while True:
        p = f"{year}-Q{q}"
        out.append(p)
        if p == last:
            return out
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)


def roster_dates(scale: Scale) -> list[dt.date]:
    """A snapshot at the end of every year but the last, and one at mid-year of the last."""
    return [dt.date(y, 12, 31) for y in range(scale.first_year, scale.last_year)] + [dt.date(scale.last_year, 6, 30)]


def half_years(scale: Scale) -> list[str]:
    """The half-years (as welfare files write them) whose quarters all lie within the scale's race periods."""
    covered = set(quarters(scale.first_quarter, scale.last_quarter))
    return [
        f"{y}年{'上下'[h]}半年"
        for y in range(scale.first_year, scale.last_year + 1)
        for h in (0, 1)
        if {f"{y}-Q{2 * h + 1}", f"{y}-Q{2 * h + 2}"} <= covered
    ]


def header(kind: str, *columns: str | tuple[str, str]) -> list[str]:
    """The header row of a file of `kind`: each column's first spelling in KINDS, or for a (column, spelling)
    pair that spelling, which must be one the importer knows for that column."""
    spec = KINDS[kind]
    out = []
    for column in columns:
        name, spelling = column if isinstance(column, tuple) else (column, None)
        aliases = spec.column(name).aliases
        if spelling is not None and spelling not in aliases:
            raise ValueError(f"{spelling!r} is not a spelling of {kind}.{name}")
        out.append(spelling or aliases[0])
    return out


ROSTER_COLUMNS = (
    "cadre_id",
    "name",
    "county",
    "unit",
    "rank",
    "gender",
    "birth_year",
    "ethnicity",
    "party",
    "education",
)
TRAINING_COLUMNS = ("cadre_id", "course", "category", "domain", "mode", "organized", "hours", "date")
HEADERS = {
    # The regions sheet names townships the long way, 乡镇（街道）, as the contract's template does.
    "regions": header("regions", "county", ("township", "乡镇（街道）"), "county_code"),
    "indicators": header("indicators", "code", "name", "domain", "track", "unit", "direction", "weight", "target"),
    "race_long": header("race_scores", "period", "county", "township", "indicator", "value"),
    "race_wide": [WIDE_NUMBER, *header("race_scores", "county", "township")],
    # The welfare file uses other spellings the offices write: 指标名称 for the indicator, 完成值 for the value.
    "welfare": header("welfare", "period", "county", ("indicator", "指标名称"), ("value", "完成值")),
    "roster": header("roster", *ROSTER_COLUMNS),
    "training": header("training", *TRAINING_COLUMNS),
    "movements": header("movements", "cadre_id", "date", "action", "reason"),
    # As offices keep them: with the cadre's name, which the importer does not read (and says so).
    "appraisals": [*header("appraisals", "cadre_id"), "姓名", *header("appraisals", "unit", "year", "grade")],
}
assert name_key(WIDE_NUMBER) in WIDE_IGNORED and name_key(WIDE_REMARK) in WIDE_IGNORED


# ------------------------------------------------------------------ one generator


def generate(out_dir: Path, scale: Scale = PREFECTURE, seed: int | None = None) -> list[Path]:
    """Write the scale's files (with its own seed unless one is given); returns them in import order."""
    rng = np.random.default_rng(scale.seed if seed is None else seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    periods = quarters(scale.first_quarter, scale.last_quarter)
    if scale.bulk:
        places = _bulk_places(rng, scale)
        strength = _bulk_strength(rng, len(places.counties), len(periods))
        cadres = _bulk_cadres(rng, scale, places)
    else:
        places = _story_places(rng)
        strength = _story_strength(rng, places.counties, periods)
    files = [_write_regions(out_dir, scale, places), _write_indicators(out_dir)]
    race = _bulk_race if scale.bulk else _story_race
    files += _write_race(out_dir, scale, periods, *race(rng, places, periods, strength))
    files.append(_write_welfare(out_dir, rng, scale, places))
    if scale.bulk:
        files += [_write_roster(out_dir, scale, day, _bulk_roster(cadres, scale, day)) for day in roster_dates(scale)]
        files.append(_write_bulk_training(out_dir, rng, cadres, scale))
        files.append(_write_movements(out_dir, scale, _bulk_movements(rng, cadres, scale)))
        files.append(_write_appraisals(out_dir, scale, body=_bulk_appraisals(rng, cadres, scale)))
    else:
        roster_files, history = _story_rosters(out_dir, rng, places, scale)
        files += roster_files
        files += _story_training(out_dir, rng, history, scale)
        decisions = _story_movements(rng, history, strength, periods, places)
        files.append(_write_movements(out_dir, scale, decisions))
        grades = _story_appraisals(rng, history, strength, periods, places, decisions)
        files.append(_write_appraisals(out_dir, scale, grades))
    return files


# ------------------------------------------------------------------ writers (both scales)


def _title(scale: Scale, file: str, **fields) -> list[list]:
    """The title row of a file, when the scale's offices write one."""
    text = scale.titles.get(file)
    return [[text.format(place=scale.place, **fields)]] if text else []


def _bulk_appraisals(rng, cadres: pd.DataFrame, scale: Scale) -> pd.DataFrame:
    """A grade for every cadre on the roster at the end of each appraisal year (about 14% 优秀), as the rows of
    _story_appraisals, drawn a whole column at a time."""
    window_start = _window(scale)[0]
    frames = []
    for year in appraisal_years(scale):
        day = (dt.date(year, 12, 31) - window_start).days
        on = cadres[(cadres["joined"] <= day) & (cadres["left"] > day)]
        grade = rng.choice(
            ["优秀", "称职", "基本称职", "不称职", "不定等次"], len(on), p=[0.14, 0.825, 0.025, 0.004, 0.006]
        )
        frames.append(
            pd.DataFrame(
                {
                    "cadre_id": on["cadre_id"],
                    "name": on["name"],
                    "unit": on["unit"],
                    "year": f"{year}年度",
                    "grade": grade,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _path(out_dir: Path, scale: Scale, kind: str, stem: str) -> Path:
    return out_dir / (stem + (".xlsx" if kind in scale.workbooks else ".csv"))


def _write_rows(path: Path, rows: list[list], encoding: str, sheet: str, body: pd.DataFrame | None = None) -> Path:
    """Rows as a CSV file (CRLF, as Excel saves one) or, for an .xlsx path, as a one-sheet workbook. A large
    `body` comes as a frame after the rows (CSV only): pandas writes it far faster than row lists."""
    if body is not None:
        if path.suffix == ".xlsx":
            raise ValueError("a frame body is written to CSV only")
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        body.to_csv(text, header=False, index=False, lineterminator="\r\n")
        path.write_bytes(text.getvalue().encode(encoding))
        return path
    if path.suffix == ".xlsx":
        import openpyxl  # here: the sample, which the command line imports, writes no workbook

        book = openpyxl.Workbook(write_only=True)
        target = book.create_sheet(sheet)
        for row in rows:
            target.append(row)
        book.save(path)
        return path
    return _write_csv(path, rows, encoding)


def _write_csv(path: Path, rows: list[list], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _write_regions(out_dir: Path, scale: Scale, places: _Places) -> Path:
    rows = [*_title(scale, "regions"), HEADERS["regions"]]
    if scale.regions_list_counties:
        rows += [[c, "", f"99{i + 1:04d}"] for i, c in enumerate(places.counties)]
    rows += [[county, town, f"99{i + 1:04d}"] for i, county, town in places.towns]
    return _write_rows(_path(out_dir, scale, "regions", "01_行政区划"), rows, "utf-8-sig", "行政区划")


def _write_indicators(out_dir: Path) -> Path:
    rows = [HEADERS["indicators"]]
    for code, name, track, unit, direction, weight, target, *_ in RACE_INDICATORS:
        rows.append(
            [
                code,
                name,
                "赛马",
                track,
                unit,
                "正向" if direction == "higher" else "逆向",
                weight,
                "" if target is None else target,
            ]
        )
    for code, name, unit, target, *_ in WELFARE_INDICATORS:
        rows.append([code, name, "关爱", "", unit, "正向", 1, "" if target is None else target])
    return _write_csv(out_dir / "02_指标目录.csv", rows, "utf-8-sig")


def _write_race(
    out_dir: Path, scale: Scale, periods: list[str], long_rows: list[list], wide_rows: list[list]
) -> list[Path]:
    """All quarters but the last as one long GBK CSV; the last as a wide workbook with a title, as offices send."""
    rows = [*_title(scale, "race_long"), HEADERS["race_long"], *long_rows]
    long_path = _write_csv(out_dir / f"03_赛马考评得分_{periods[0]}至{periods[-2]}.csv", rows, "gbk")

    year, q = periods[-1].split("-Q")
    period = f"{year}年第{'一二三四'[int(q) - 1]}季度"
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["1. 数值按指标单位填写；2. 乡镇行留空县区合计；3. 请勿修改表头。"])
    sheet = book.create_sheet("得分")
    width = 4 + len(RACE_INDICATORS)
    sheet.append(_title(scale, "race_wide", period=period)[0])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append(HEADERS["race_wide"] + [ind[1] for ind in RACE_INDICATORS] + [WIDE_REMARK])
    for row in wide_rows:
        sheet.append(row)
    sheet.append(["注：数据经县区核对。"])
    wide_path = out_dir / f"04_{period}赛马考评得分表.xlsx"
    book.save(wide_path)
    return [long_path, wide_path]


def _write_welfare(out_dir: Path, rng: np.random.Generator, scale: Scale, places: _Places) -> Path:
    effect = {c: rng.normal(0, 0.5) for c in places.counties}
    rows = [HEADERS["welfare"]]
    for h, half in enumerate(half_years(scale)):
        for county in places.counties:
            for code, name, unit, _target, mean, sd in WELFARE_INDICATORS:
                value = mean + sd * (effect[county] + rng.normal(0, 0.5)) + 0.4 * h
                if code == "W02" and county == WEAK_EXAMS:
                    value = 72 + 2.5 * rng.normal() + 0.3 * h
                if unit == "%":
                    rows.append([half, county, name, f"{min(value, 100.0):.1f}%"])
                else:
                    rows.append([half, county, name, max(0, round(value))])
    return _write_csv(out_dir / "05_关心关爱指标.csv", rows, "utf-8")


def _write_roster(out_dir: Path, scale: Scale, as_of: dt.date, rows: list[list] | pd.DataFrame) -> Path:
    """One snapshot, with its date in the title row: rows (row by row) or a frame of ROSTER_COLUMNS (in bulk)."""
    title = _title(scale, "roster", date=f"{as_of.year}年{as_of.month}月{as_of.day}日")
    path = _path(out_dir, scale, "roster", f"06_干部花名册_{as_of.isoformat()}")
    if isinstance(rows, pd.DataFrame):
        return _write_rows(path, [*title, HEADERS["roster"]], "utf-8", "花名册", body=rows)
    return _write_rows(path, [*title, HEADERS["roster"], *rows], "utf-8", "花名册")


def _write_movements(out_dir: Path, scale: Scale, rows: list[list]) -> Path:
    rows = [*_title(scale, "movements"), HEADERS["movements"], *rows]
    return _write_rows(_path(out_dir, scale, "movements", "08_干部调整"), rows, "gbk", "干部调整")


def _write_appraisals(out_dir: Path, scale: Scale, rows: list[list] = (), body: pd.DataFrame | None = None) -> Path:
    first, last = appraisal_years(scale)[0], appraisal_years(scale)[-1]
    rows = [*_title(scale, "appraisals", first=first, last=last), HEADERS["appraisals"], *rows]
    return _write_rows(_path(out_dir, scale, "appraisals", "09_年度考核"), rows, "gbk", "年度考核", body)


def appraisal_years(scale: Scale) -> list[int]:
    """The years whose annual appraisal is done: every year before the newest (its appraisal comes next winter)."""
    return list(range(scale.first_year, scale.last_year))


def _date_text(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# ------------------------------------------------------------------ places and race scores


@dataclass(frozen=True)
class _Places:
    counties: list[str]
    towns: list[tuple[int, str, str]]  # county index, county, township; in county order

    def towns_of(self, county: str) -> list[str]:
        return [town for _, c, town in self.towns if c == county]


def _story_places(rng: np.random.Generator) -> _Places:
    used: set[str] = set()
    towns = []
    for i, county in enumerate(COUNTIES):
        for _ in range(int(rng.integers(5, 13))):
            while True:
                base = str(rng.choice(_TOWN_FIRST)) + str(rng.choice(_TOWN_SECOND))
                if base not in used:
                    used.add(base)
                    break
            suffix = rng.choice(["镇", "乡", "街道"], p=[0.7, 0.2, 0.1])
            towns.append((i, county, base + str(suffix)))
    return _Places(list(COUNTIES), towns)


def _unique_names(rng, first: list[str], second: list[str], n: int) -> list[str]:
    pairs = rng.permutation(len(first) * len(second))[:n]
    if len(pairs) < n:
        raise ValueError(f"only {len(pairs)} distinct names for {n} places")
    return [first[p // len(second)] + second[p % len(second)] for p in pairs]


def _bulk_places(rng: np.random.Generator, scale: Scale) -> _Places:
    counties = [
        name + ("区" if rng.random() < 0.1 else "县")
        for name in _unique_names(rng, _COUNTY_FIRST, _COUNTY_SECOND, scale.counties)
    ]
    low = max(1, scale.townships // scale.counties - 4)
    per_county = low + rng.multinomial(scale.townships - low * scale.counties, [1 / scale.counties] * scale.counties)
    bases = _unique_names(rng, _PROVINCE_TOWN_FIRST, _PROVINCE_TOWN_SECOND, scale.townships)
    suffix = rng.choice(["镇", "乡", "街道"], size=scale.townships, p=[0.7, 0.2, 0.1])
    county_index = np.repeat(np.arange(scale.counties), per_county)
    towns = [(int(i), counties[i], b + s) for i, b, s in zip(county_index, bases, suffix, strict=True)]
    return _Places(counties, towns)


def _story_strength(rng: np.random.Generator, counties: list[str], periods: list[str]) -> np.ndarray:
    """A latent standing per county (rows) and quarter (columns), mean 0: the story behind every race indicator."""
    out = []
    for county in counties:
        base = rng.normal(0, 0.6)
        trend = IMPROVING.get(county, 0.0) + SLIPPING.get(county, 0.0) + rng.normal(0, 0.01)
        t = np.arange(len(periods))
        out.append(base + trend * (t - len(periods) / 2) + rng.normal(0, 0.15, len(periods)))
    return np.array(out)


def _bulk_strength(rng: np.random.Generator, counties: int, periods: int) -> np.ndarray:
    return rng.normal(0, 0.6, (counties, 1)) + np.outer(rng.normal(0, 0.04, counties), np.arange(periods) - periods / 2)


def _race_value(rng, ind, standing: float, scale_down: float = 1.0) -> float:
    _code, _, _, unit, direction, _, _, mean, sd = ind
    sign = 1 if direction == "higher" else -1
    value = mean + sd * (0.8 * sign * standing + rng.normal(0, 0.6))
    if unit == "%":
        value = min(value, 100.0)
    if unit in ("个", "件", "起"):
        return float(max(0, round(value / scale_down)))
    value = max(value, 0.0) / scale_down if unit in ("亿元", "万元") else max(value, 0.0)
    return round(value, 2)


def _story_race(rng, places: _Places, periods: list[str], strength: np.ndarray) -> tuple[list[list], list[list]]:
    """Rows of the long file (every quarter but the last; a few values missing) and of the wide sheet."""
    long_rows: list[list] = []
    for t, period in enumerate(periods[:-1]):
        for c, county in enumerate(places.counties):
            towns = places.towns_of(county)
            _append_race_rows(long_rows, rng, period, county, "", strength[c][t])
            for town in towns:
                town_standing = strength[c][t] + rng.normal(0, 0.5)
                _append_race_rows(long_rows, rng, period, county, town, town_standing, len(towns))
    wide_rows: list[list] = []
    for c, county in enumerate(places.counties):
        towns = places.towns_of(county)
        standing = strength[c][-1]
        wide_rows.append(
            [len(wide_rows) + 1, county, ""] + [_race_value(rng, ind, standing) for ind in RACE_INDICATORS] + [""]
        )
        for town in towns:
            town_standing = standing + rng.normal(0, 0.5)
            wide_rows.append(
                [len(wide_rows) + 1, county, town]
                + [_race_value(rng, ind, town_standing, len(towns)) for ind in RACE_INDICATORS]
                + [""]
            )
    return long_rows, wide_rows


def _append_race_rows(rows, rng, period, county, town, standing, n_towns=1) -> None:
    for ind in RACE_INDICATORS:
        missing = rng.random() < 0.004
        rows.append(
            [period.replace("-", ""), county, town, ind[1], "" if missing else _race_value(rng, ind, standing, n_towns)]
        )


def _indicator_values(rng, standing: np.ndarray, n_units: np.ndarray | float = 1.0) -> np.ndarray:
    """Values of every race indicator (columns) for units of the given standing (rows)."""
    out = np.empty((len(standing), len(RACE_INDICATORS)))
    for j, (_, _, _, unit, direction, _, _, mean, sd) in enumerate(RACE_INDICATORS):
        sign = 1 if direction == "higher" else -1
        value = mean + sd * (0.8 * sign * standing + rng.normal(0, 0.6, len(standing)))
        if unit in ("亿元", "万元", "个", "件", "起"):
            value = np.maximum(value, 0) / n_units
        value = np.minimum(value, 100) if unit == "%" else np.maximum(value, 0)
        out[:, j] = np.round(value) if unit in ("个", "件", "起") else np.round(value, 2)
    return out


def _bulk_race(rng, places: _Places, periods: list[str], strength: np.ndarray) -> tuple[list[list], list[list]]:
    """The same rows as `_story_race`, every quarter drawn as two matrices (counties, townships)."""
    town_county = np.array([i for i, _, _ in places.towns])
    town_names = [town for _, _, town in places.towns]
    n_towns = np.bincount(town_county, minlength=len(places.counties))
    town_effect = rng.normal(0, 0.5, len(places.towns))
    frames = []
    for t in range(len(periods)):
        county_values = _indicator_values(rng, strength[:, t])
        town_values = _indicator_values(rng, strength[town_county, t] + town_effect, n_towns[town_county])
        frames.append((county_values, town_values))
    long_rows: list[list] = []
    for (county_values, town_values), period in zip(frames[:-1], periods[:-1], strict=True):
        text = period.replace("-", "")
        for values, counties, townships in (
            (county_values, places.counties, [""] * len(places.counties)),
            (town_values, [c for _, c, _ in places.towns], town_names),
        ):
            for j, ind in enumerate(RACE_INDICATORS):
                long_rows += [
                    [text, county, township, ind[1], f"{value:g}"]
                    for county, township, value in zip(counties, townships, values[:, j], strict=True)
                ]
    county_values, town_values = frames[-1]
    wide_rows: list[list] = []
    for c, county in enumerate(places.counties):
        wide_rows.append([len(wide_rows) + 1, county, "", *county_values[c].tolist(), ""])
        for i in np.flatnonzero(town_county == c):
            wide_rows.append([len(wide_rows) + 1, county, town_names[i], *town_values[i].tolist(), ""])
    return long_rows, wide_rows


# ------------------------------------------------------------------ people, row by row (the prefecture)


@dataclass
class _Cadre:
    cadre_id: str
    name: str
    county: str
    unit: str
    rank: str
    gender: str
    birth_year: int
    ethnicity: str
    party: str
    education: str
    joined: dt.date
    left: dt.date | None = None

    def row(self) -> list:
        return [getattr(self, column) for column in ROSTER_COLUMNS]


def _one_of(rng: np.random.Generator, options, p=None):
    """`rng.choice(options, p=p)` for one draw, taking the same draw from the stream, so the files stay the same
    byte for byte: numpy's Generator.choice draws integers(0, n) without p and one random() against the
    normalized cumulative p with it (numpy/random/_generator.pyx). Thirty times faster: the story's training
    draws it some half a million times."""
    if p is None:
        return options[int(rng.integers(0, len(options)))]
    cdf = np.cumsum(np.asarray(p, dtype=np.double))
    cdf /= cdf[-1]
    return options[int(cdf.searchsorted(rng.random(), side="right"))]


def _new_cadre(rng, serial: int, county: str, towns: list[str], joined: dt.date) -> _Cadre:
    unit = _one_of(rng, towns) if rng.random() < 0.7 else county[:-1] + _one_of(rng, DEPARTMENTS)
    name = _one_of(rng, SURNAMES) + "".join(rng.choice(GIVEN, size=int(rng.integers(1, 3))))
    return _Cadre(
        cadre_id=f"LZ{serial:06d}",
        name=name,
        county=county,
        unit=unit,
        rank=_one_of(rng, [r for r, _ in RANKS], [p for _, p in RANKS]),
        gender="男" if rng.random() < 0.62 else "女",
        birth_year=int(rng.integers(1966, 2001)),
        ethnicity="汉族" if rng.random() < 0.93 else _one_of(rng, ["回族", "土家族", "苗族", "壮族"]),
        party="中共党员" if rng.random() < 0.86 else _one_of(rng, ["群众", "共青团员"]),
        education=_one_of(rng, ["大学本科", "硕士研究生", "大学专科"], [0.68, 0.17, 0.15]),
        joined=joined,
    )


def _story_rosters(out_dir, rng, places: _Places, scale: Scale) -> tuple[list[Path], list[_Cadre]]:
    """Year-end snapshots and a mid-year one; about 4% leave and 5% join each year."""
    start = dt.date(scale.first_year, 1, 1)
    people: list[_Cadre] = []
    serial = 0
    towns = {county: places.towns_of(county) for county in places.counties}
    for county in places.counties:
        for _ in range(scale.cadres_per_township * len(towns[county]) + int(rng.integers(20, 60))):
            serial += 1
            people.append(_new_cadre(rng, serial, county, towns[county], start - dt.timedelta(days=400)))
    files = []
    previous = start
    for as_of in roster_dates(scale):
        for person in people:
            if person.left is None and rng.random() < 0.04 * (as_of - previous).days / 365:
                person.left = previous + dt.timedelta(days=int(rng.integers(0, (as_of - previous).days)))
        for county in places.counties:
            for _ in range(int(scale.cadres_per_township * len(towns[county]) * 0.05 * (as_of - previous).days / 365)):
                serial += 1
                joined = previous + dt.timedelta(days=int(rng.integers(0, (as_of - previous).days)))
                people.append(_new_cadre(rng, serial, county, towns[county], joined))
        on_roster = [p.row() for p in people if p.joined <= as_of and (p.left is None or p.left > as_of)]
        files.append(_write_roster(out_dir, scale, as_of, on_roster))
        previous = as_of
    return files, people


def _story_training(out_dir, rng, people: list[_Cadre], scale: Scale) -> list[Path]:
    """One GBK file per year, as Excel on a Chinese Windows saves a CSV. The records of UNSENT_TRAINING's cadres
    in the last quarter are drawn like all others (the other rows stay as they were) but left out: not sent."""
    last_day = dt.date(scale.last_year, int(scale.last_quarter[-1]) * 3, 28)
    unsent_from = dt.date(scale.last_year, int(scale.last_quarter[-1]) * 3 - 2, 1)
    files = []
    cat_names = [c for c, _ in CATEGORIES]
    cat_p = [p for _, p in CATEGORIES]
    for year in range(scale.first_year, scale.last_year + 1):
        year_start = dt.date(year, 1, 1)
        year_end = min(dt.date(year, 12, 31), last_day)
        rows = [HEADERS["training"]]
        seen = set()
        for p in people:
            begin = max(year_start, p.joined)
            end = min(year_end, p.left or year_end)
            if begin > end:
                continue
            active = ((end - begin).days + 1) / 365
            weak = p.county == WEAK_TRAINING
            if rng.random() < (0.45 if weak else 0.07):
                continue  # untrained this year
            rate = scale.trainings_per_cadre_year * (0.6 if weak else 1.0)
            for _ in range(int(rng.poisson(rate * active))):
                cat = _one_of(rng, cat_names, cat_p)
                domain = _one_of(rng, DOMAINS[:3] if weak and rng.random() < 0.7 else DOMAINS)
                online = rng.random() < 0.55
                hours = float(_one_of(rng, [2, 3, 4, 6, 8]) if online else _one_of(rng, [8, 12, 16, 24, 32, 40]))
                day = begin + dt.timedelta(days=int(rng.integers(0, (end - begin).days + 1)))
                course = f"{year}年{domain}{cat}专题班（第{int(rng.integers(1, 9))}期）"
                key = (p.cadre_id, course, day)
                if key in seen:
                    continue
                seen.add(key)
                organized = "集体" if rng.random() < 0.6 else "个人"  # drawn before leaving a row out: same draws
                if p.county == UNSENT_TRAINING and day >= unsent_from:
                    continue
                rows.append(
                    [
                        p.cadre_id,
                        course,
                        cat,
                        domain,
                        "线上" if online else "线下",
                        organized,
                        hours,
                        day.strftime("%Y/%m/%d"),
                    ]
                )
        files.append(_write_csv(out_dir / f"07_培训记录_{year}.csv", rows, "gbk"))
    return files


def _story_movements(
    rng, people: list[_Cadre], strength: np.ndarray, periods: list[str], places: _Places
) -> list[list]:
    """Promotions follow a county's race standing, accountability its opposite."""
    rows = []
    first_year, last_year = int(periods[0][:4]), int(periods[-1][:4])
    by_county: dict[str, list[_Cadre]] = {c: [] for c in places.counties}
    for p in people:
        by_county[p.county].append(p)
    seen = set()
    for year in range(first_year, last_year + 1):
        t = min(len(periods) - 1, periods.index(f"{year}-Q1") if f"{year}-Q1" in periods else 0)
        for c, county in enumerate(places.counties):
            standing = float(strength[c][t])
            pool = by_county[county]
            rates = {
                "提拔": 0.025 + 0.01 * standing,
                "晋升职级": 0.05,
                "平职调整": 0.03,
                "转任": 0.01,
                "降职": max(0.001, 0.003 - 0.002 * standing),
                "免职": 0.002,
                "问责": max(0.002, 0.006 - 0.004 * standing),
                "容错免责": 0.002 + 0.002 * max(standing, 0),
            }
            for action in ACTIONS:
                for _ in range(int(rng.poisson(max(rates[action], 0.0) * len(pool)))):
                    p = pool[int(rng.integers(0, len(pool)))]
                    day = dt.date(year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
                    if (p.cadre_id, day, action) in seen or day < p.joined or (p.left and day > p.left):
                        continue
                    if year == last_year and day > dt.date(year, 9, 30):
                        continue
                    seen.add((p.cadre_id, day, action))
                    rows.append([p.cadre_id, _date_text(day), action, REASONS[action]])
    return rows


# The appraisal story (docs/decisions.md#appraisals), checked by tests/test_sample.py: about 14% 优秀 in most
# places, more where a county stands higher in the race; in OVER_QUOTA's county and year far more, above the 20%
# quota; cadres promoted the next year were mostly graded 优秀, and those demoted, dismissed or held accountable
# the next year often 基本称职 or 不称职. A cadre who joined in the second half of a year is 不定等次 for it.
OVER_QUOTA = ("鹤汀县", 2025)
GRADE_NEXT_YEAR = {  # (优秀, 基本称职, 不称职) for a cadre whose next year brings this decision
    "提拔": (0.6, 0.0, 0.0),
    "降职": (0.02, 0.45, 0.25),
    "免职": (0.02, 0.45, 0.25),
    "问责": (0.05, 0.4, 0.1),
}


def _story_appraisals(
    rng, people: list[_Cadre], strength: np.ndarray, periods: list[str], places: _Places, decisions: list[list]
) -> list[list]:
    """One grade per cadre on the roster at the end of each appraisal year (appraisal_years), as
    [cadre_id, name, unit, 年度, grade]: the story above."""
    next_year: dict[tuple[str, int], str] = {}
    for cadre_id, day, action, _ in decisions:  # the heaviest decision of a cadre's year speaks for it
        key = (cadre_id, int(day[:4]))
        if action in GRADE_NEXT_YEAR and (key not in next_year or action != "提拔"):
            next_year[key] = action
    county_index = {county: c for c, county in enumerate(places.counties)}
    rows, places_of = [], []
    first_year = int(periods[0][:4])
    for year in range(first_year, int(periods[-1][:4])):
        end = dt.date(year, 12, 31)
        q4 = periods.index(f"{year}-Q4")
        for p in people:
            if p.joined > end or (p.left is not None and p.left <= end):
                continue
            draw = rng.random()
            excellent = (
                0.27 if (p.county, year) == OVER_QUOTA else 0.14 + 0.03 * float(strength[county_index[p.county]][q4])
            )
            basic, incompetent = 0.025, 0.004
            decision = next_year.get((p.cadre_id, year + 1))
            if decision:
                excellent, basic, incompetent = GRADE_NEXT_YEAR[decision]
            if p.joined > dt.date(year, 6, 30) or draw > 0.997:
                grade = "不定等次"
            elif draw < excellent:
                grade = "优秀"
            elif draw < excellent + basic:
                grade = "基本称职"
            elif draw < excellent + basic + incompetent:
                grade = "不称职"
            else:
                grade = "称职"
            rows.append([p.cadre_id, p.name, p.unit, f"{year}年度", grade])
            places_of.append((p.county, year))
    return _within_unit_quota(rows, places_of, next_year)


UNIT_QUOTA = 0.2  # 优秀 at most a fifth of a unit's appraised (the 20% ceiling), rounded down
OVER_QUOTA_UNIT = 0.35  # what OVER_QUOTA's units allow themselves


def _within_unit_quota(rows: list[list], places_of: list[tuple], next_year: dict) -> list[list]:
    """The drawn grades with each unit's 优秀 cut to its quota (UNIT_QUOTA of the unit's appraised that year,
    OVER_QUOTA_UNIT in OVER_QUOTA): the extra ones become 称职, those not promoted the next year first (the
    promotions still follow the grades) and the last drawn first. Offices keep a unit's 优秀 within its quota;
    the draws alone gave small units 30-40%."""
    groups: dict[tuple, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault((row[2], row[3]), []).append(i)
    for members in groups.values():
        county, year = places_of[members[0]]
        share = OVER_QUOTA_UNIT if (county, year) == OVER_QUOTA else UNIT_QUOTA
        best = [i for i in members if rows[i][4] == "优秀"]
        extra = len(best) - int(share * len(members) + 1e-9)
        if extra <= 0:
            continue
        promoted = {i for i in best if next_year.get((rows[i][0], year + 1)) == "提拔"}
        order = [i for i in reversed(best) if i not in promoted] + [i for i in reversed(best) if i in promoted]
        for i in order[:extra]:
            rows[i][4] = "称职"
    return rows


# ------------------------------------------------------------------ people in bulk (the province)


def _window(scale: Scale) -> tuple[dt.date, dt.date]:
    """The first and last day of the scale's race periods: the days people and records are drawn in."""
    first_year, first_q = scale.first_year, int(scale.first_quarter[-1])
    last_month = int(scale.last_quarter[-1]) * 3
    last_day = dt.date(scale.last_year, last_month, 1) + dt.timedelta(days=31)
    return dt.date(first_year, first_q * 3 - 2, 1), last_day.replace(day=1) - dt.timedelta(days=1)


def _bulk_cadres(rng: np.random.Generator, scale: Scale, places: _Places) -> pd.DataFrame:
    """Everyone who is on a roster at some point: about 15% of the first cohort leave and as many join.
    `joined` and `left` are days since the window's first day."""
    start, end = _window(scale)
    joiners = int(scale.cadres * 0.15)
    n = scale.cadres + joiners
    town = rng.integers(0, len(places.towns), n)
    county_index = np.array([i for i, _, _ in places.towns])[town]
    span = (end - start).days + 1
    joined = np.where(np.arange(n) < scale.cadres, -rng.integers(30, 9000, n), rng.integers(0, span, n))
    leaves = rng.random(n) < 0.15
    left = np.where(leaves, np.maximum(joined + 30, rng.integers(0, span, n)), span + 10_000)
    department = rng.integers(0, len(DEPARTMENTS), n)
    counties = np.array(places.counties)
    unit = np.where(
        rng.random(n) < 0.7,
        np.array([t for _, _, t in places.towns])[town],
        np.char.add(np.char.rstrip(counties[county_index], "县区"), np.array(DEPARTMENTS)[department]),
    )
    given = np.char.add(
        np.array(GIVEN)[rng.integers(0, len(GIVEN), n)],
        np.where(rng.random(n) < 0.6, np.array(GIVEN)[rng.integers(0, len(GIVEN), n)], ""),
    )
    return pd.DataFrame(
        {
            "cadre_id": np.char.add("LJ", np.char.zfill(np.arange(1, n + 1).astype(str), 7)),
            "name": np.char.add(np.array(SURNAMES)[rng.integers(0, len(SURNAMES), n)], given),
            "county_index": county_index,
            "county": counties[county_index],
            "unit": unit,
            "rank": rng.choice([r for r, _ in RANKS], n, p=[p for _, p in RANKS]),
            "gender": np.where(rng.random(n) < 0.62, "男", "女"),
            "birth_year": rng.integers(1966, 2002, n),
            "ethnicity": np.where(rng.random(n) < 0.93, "汉族", rng.choice(["回族", "土家族", "苗族", "壮族"], n)),
            "party": np.where(rng.random(n) < 0.86, "中共党员", rng.choice(["群众", "共青团员"], n)),
            "education": rng.choice(["大学本科", "硕士研究生", "大学专科"], n, p=[0.68, 0.17, 0.15]),
            "joined": joined,
            "left": left,
            "training_rate": np.where(county_index % 17 == 5, 0.55, 1.0) * rng.gamma(8, 1 / 8, n),
        }
    )


def _bulk_roster(cadres: pd.DataFrame, scale: Scale, as_of: dt.date) -> pd.DataFrame:
    day = (as_of - _window(scale)[0]).days
    on_roster = cadres[(cadres["joined"] <= day) & (cadres["left"] > day)]
    return on_roster[list(ROSTER_COLUMNS)]


def _write_bulk_training(out_dir: Path, rng, cadres: pd.DataFrame, scale: Scale) -> Path:
    """Exactly scale.training_records attendances in one UTF-8 CSV (the size a provincial platform exports),
    written by DuckDB."""
    window_start, window_end = _window(scale)
    span_end = (window_end - window_start).days
    start = np.maximum(cadres["joined"].to_numpy(), 0)
    end = np.minimum(cadres["left"].to_numpy() - 1, span_end)
    active = np.maximum(end - start + 1, 0)
    weight = active * cadres["training_rate"].to_numpy()
    # Some cadres are never trained, more in some counties (2-12%, a third in the weak ones); the rest share the
    # records by time on the roster and appetite.
    county_index = cadres["county_index"].to_numpy()
    untrained = rng.uniform(0.02, 0.12, county_index.max() + 1)
    untrained[5::17] = 0.35
    weight = np.where(rng.random(len(cadres)) < untrained[county_index], 0, weight)
    draw = int(scale.training_records * 1.002) + 100
    who = rng.choice(len(cadres), draw, p=weight / weight.sum())
    day = start[who] + (rng.random(draw) * active[who]).astype(np.int64)
    category = rng.choice(len(CATEGORIES), draw, p=[p for _, p in CATEGORIES])
    domain = rng.integers(0, len(DOMAINS), draw)
    session = rng.integers(1, 9, draw)
    online = rng.random(draw) < 0.55
    hours = np.where(
        online,
        np.array([2, 3, 4, 6, 8])[rng.integers(0, 5, draw)],
        np.array([8, 12, 16, 24, 32, 40])[rng.integers(0, 6, draw)],
    )
    collective = rng.random(draw) < 0.6
    year = np.array([(window_start + dt.timedelta(days=int(d))).year for d in range(span_end + 1)])[day]
    first_year = scale.first_year
    course = ((year - first_year) * len(DOMAINS) + domain) * len(CATEGORIES) * 8 + category * 8 + (session - 1)
    key = (who.astype(np.int64) * 4096 + course) * 4096 + day
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)[: scale.training_records]
    records = pd.DataFrame(
        {
            "who": who[keep],
            "day": day[keep],
            "course": course[keep],
            "hours": hours[keep],
            "online": online[keep],
            "collective": collective[keep],
        }
    )
    courses = pd.DataFrame(
        [
            (
                ((y - first_year) * len(DOMAINS) + d) * len(CATEGORIES) * 8 + c * 8 + s - 1,
                f"{y}年{DOMAINS[d]}{CATEGORIES[c][0]}专题班（第{s}期）",
                CATEGORIES[c][0],
                DOMAINS[d],
            )
            for y in range(first_year, scale.last_year + 1)
            for d in range(len(DOMAINS))
            for c in range(len(CATEGORIES))
            for s in range(1, 9)
        ],
        columns=["course", "name", "category", "domain"],
    )
    ids = cadres[["cadre_id"]].reset_index(drop=True)
    path = out_dir / "07_培训记录_全省.csv"
    names = dict(zip(TRAINING_COLUMNS, (_identifier(h) for h in HEADERS["training"]), strict=True))
    with duckdb.connect() as con:
        con.execute("SET enable_progress_bar = false")  # the CLI prints one line per file instead
        con.register("records", records)
        con.register("courses", courses)
        con.register("ids", ids)
        con.execute(f"""
            COPY (SELECT i.cadre_id AS {names["cadre_id"]}, c.name AS {names["course"]},
                         c.category AS {names["category"]}, c.domain AS {names["domain"]},
                         CASE WHEN r.online THEN '线上' ELSE '线下' END AS {names["mode"]},
                         CASE WHEN r.collective THEN '集体' ELSE '个人' END AS {names["organized"]},
                         r.hours AS {names["hours"]},
                         strftime(DATE '{window_start.isoformat()}' + CAST(r.day AS INTEGER), '%Y/%m/%d')
                             AS {names["date"]}
                  FROM records r JOIN courses c USING (course)
                  JOIN (SELECT row_number() OVER () - 1 AS who, cadre_id FROM ids) i USING (who)
                  ORDER BY r.day, r.who, r.course)
            TO {string_literal(str(path.resolve()))} (HEADER, DELIMITER ',')""")
    return path


def _identifier(name: str) -> str:
    """A column name of our own (a header from KINDS) as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _bulk_movements(rng, cadres: pd.DataFrame, scale: Scale) -> list[list]:
    """Exactly scale.movements personnel decisions (the benchmark's large workbook)."""
    window_start, window_end = _window(scale)
    draw = int(scale.movements * 1.05) + 50
    start = np.maximum(cadres["joined"].to_numpy(), 0)
    end = np.minimum(cadres["left"].to_numpy() - 1, (window_end - window_start).days)
    eligible = np.flatnonzero(end >= start)
    who = eligible[rng.integers(0, len(eligible), draw)]
    day = start[who] + (rng.random(draw) * (end[who] - start[who] + 1)).astype(np.int64)
    action = rng.choice(len(ACTIONS), draw, p=[0.22, 0.4, 0.2, 0.08, 0.02, 0.02, 0.04, 0.02])
    key = (who.astype(np.int64) * 4096 + day) * 16 + action
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)[: scale.movements]
    ids = cadres["cadre_id"].to_numpy()
    return [
        [ids[w], _date_text(window_start + dt.timedelta(days=int(d))), ACTIONS[a], ""]
        for w, d, a in zip(who[keep], day[keep], action[keep], strict=True)
    ]
