"""A fictional prefecture (澜州市) as the files its offices would send, generated deterministically.

The bundled sample in data/sample/ is this module's output at prefecture scale with the fixed seed; rerunning
`python data/sample/generate.py` rewrites the same data. Every place name is invented and county codes use the
unassigned prefix 99, so no figure is ever attached to a real place.

Built-in stories, so the charts have something to say: 澄溪县 and 星渚县 improve, 柏川县 and 苇塘县 slip,
棠梨县 trains few of its cadres, 杉浦县 lags on annual physical exams.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import openpyxl
from openpyxl.styles import Alignment, Font

SEED = 20251126

COUNTIES = ["云岫县", "澄溪县", "枫岚县", "青禾县", "柏川县", "鹤汀县", "苇塘县", "杉浦县", "棠梨县", "岚桥区",
            "星渚县", "蒲陌县"]
IMPROVING = {"澄溪县": 0.09, "星渚县": 0.07, "青禾县": 0.03}
SLIPPING = {"柏川县": -0.08, "苇塘县": -0.06}
WEAK_TRAINING = "棠梨县"
WEAK_EXAMS = "杉浦县"

_TOWN_FIRST = list("安白碧长丹东凤福高禾华佳金锦兰乐莲临龙鹿梅南平祁清泉瑞三上石双松太桃田万溪仙新杏阳义永玉")
_TOWN_SECOND = list("坝坳岗埠集口岭桥山墅滩塘湾圩溪营庄峪渡湖林")

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
DOMAINS = ["党的理论", "乡村振兴", "招商引资", "基层治理", "安全生产", "数字政府", "生态环保", "应急管理", "法治建设",
           "财政金融"]
RANKS = [("一级科员", 0.22), ("四级主任科员", 0.20), ("三级主任科员", 0.16), ("二级主任科员", 0.12),
         ("一级主任科员", 0.08), ("乡科级副职", 0.14), ("乡科级正职", 0.08)]
DEPARTMENTS = ["组织部", "发改局", "财政局", "农业农村局", "应急管理局", "市场监管局", "信访局", "自然资源局"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉红建文斌宇浩凯婷雪琳晨欣怡然博思源")
ACTIONS = ["提拔", "晋升职级", "平职调整", "转任", "降职", "免职", "问责", "容错免责"]


@dataclass(frozen=True)
class Scale:
    name: str
    cadres_per_township: int  # average
    first_year: int
    last_quarter: str  # e.g. "2026-Q3": the newest race period
    trainings_per_cadre_year: float


PREFECTURE = Scale("prefecture", 60, 2023, "2026-Q3", 7.2)


def quarters(first_year: int, last: str) -> list[str]:
    out = []
    year, q = first_year, 1
    while True:
        p = f"{year}-Q{q}"
        out.append(p)
        if p == last:
            return out
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)


def generate(out_dir: Path, scale: Scale = PREFECTURE, seed: int = SEED) -> list[Path]:
    """Write the sample files; returns them in import order."""
    rng = np.random.default_rng(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    towns = _townships(rng)
    periods = quarters(scale.first_year, scale.last_quarter)
    strength = _county_strength(rng, periods)
    files = [
        _write_regions(out_dir, towns),
        _write_indicators(out_dir),
        *_write_race(out_dir, rng, towns, periods, strength),
        _write_welfare(out_dir, rng, scale),
    ]
    roster_files, history = _write_rosters(out_dir, rng, towns, scale)
    files += roster_files
    files += _write_training(out_dir, rng, history, scale)
    files.append(_write_movements(out_dir, rng, history, strength, periods))
    return files


# ------------------------------------------------------------------ places and race scores


def _townships(rng: np.random.Generator) -> dict[str, list[str]]:
    used: set[str] = set()
    towns: dict[str, list[str]] = {}
    for county in COUNTIES:
        names = []
        for _ in range(int(rng.integers(5, 13))):
            while True:
                base = str(rng.choice(_TOWN_FIRST)) + str(rng.choice(_TOWN_SECOND))
                if base not in used:
                    used.add(base)
                    break
            suffix = rng.choice(["镇", "乡", "街道"], p=[0.7, 0.2, 0.1])
            names.append(base + str(suffix))
        towns[county] = names
    return towns


def _county_strength(rng: np.random.Generator, periods: list[str]) -> dict[str, np.ndarray]:
    """A latent standing per county and quarter (mean 0): the story behind every race indicator."""
    out = {}
    for county in COUNTIES:
        base = rng.normal(0, 0.6)
        trend = IMPROVING.get(county, 0.0) + SLIPPING.get(county, 0.0) + rng.normal(0, 0.01)
        t = np.arange(len(periods))
        out[county] = base + trend * (t - len(periods) / 2) + rng.normal(0, 0.15, len(periods))
    return out


def _race_value(rng, ind, standing: float, scale_down: float = 1.0) -> float:
    code, _, _, unit, direction, _, _, mean, sd = ind
    sign = 1 if direction == "higher" else -1
    value = mean + sd * (0.8 * sign * standing + rng.normal(0, 0.6))
    if unit == "%":
        value = min(value, 100.0)
    if unit in ("个", "件", "起"):
        return float(max(0, round(value / scale_down)))
    value = max(value, 0.0) / scale_down if unit in ("亿元", "万元") else max(value, 0.0)
    return round(value, 2)


def _write_regions(out_dir: Path, towns: dict[str, list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "行政区划"
    sheet.append(["澜州市（虚构示例）行政区划表"])
    sheet.append(["县区", "乡镇（街道）", "区划代码"])
    for i, county in enumerate(COUNTIES, start=1):
        for town in towns[county]:
            sheet.append([county, town, f"99{i:04d}"])
    path = out_dir / "01_行政区划.xlsx"
    book.save(path)
    return path


def _write_indicators(out_dir: Path) -> Path:
    rows = [["指标代码", "指标名称", "类别", "赛道", "单位", "方向", "权重", "目标值"]]
    for code, name, track, unit, direction, weight, target, *_ in RACE_INDICATORS:
        rows.append([code, name, "赛马", track, unit, "正向" if direction == "higher" else "逆向", weight,
                     "" if target is None else target])
    for code, name, unit, target, *_ in WELFARE_INDICATORS:
        rows.append([code, name, "关爱", "", unit, "正向", 1, "" if target is None else target])
    return _write_csv(out_dir / "02_指标目录.csv", rows, "utf-8-sig")


def _write_race(out_dir, rng, towns, periods, strength) -> list[Path]:
    """All quarters but the last as one long GBK CSV; the last as a wide workbook with a title, as offices send."""
    long_rows = [["考核期", "县区", "乡镇", "指标", "数值"]]
    for t, period in enumerate(periods[:-1]):
        for county in COUNTIES:
            _append_race_rows(long_rows, rng, period, county, "", strength[county][t])
            for town in towns[county]:
                town_standing = strength[county][t] + rng.normal(0, 0.5)
                _append_race_rows(long_rows, rng, period, county, town, town_standing, len(towns[county]))
    long_path = _write_csv(out_dir / f"03_赛马考评得分_{periods[0]}至{periods[-2]}.csv", long_rows, "gbk")

    last = periods[-1]
    year, q = last.split("-Q")
    cn_q = "一二三四"[int(q) - 1]
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["1. 数值按指标单位填写；2. 乡镇行留空县区合计；3. 请勿修改表头。"])
    sheet = book.create_sheet("得分")
    width = 4 + len(RACE_INDICATORS)
    sheet.append([f"{year}年第{cn_q}季度赛马考评得分表"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append(["序号", "县区", "乡镇"] + [ind[1] for ind in RACE_INDICATORS] + ["备注"])
    n = 0
    for county in COUNTIES:
        standing = strength[county][-1]
        n += 1
        sheet.append([n, county, ""] + [_race_value(rng, ind, standing) for ind in RACE_INDICATORS] + [""])
        for town in towns[county]:
            n += 1
            town_standing = standing + rng.normal(0, 0.5)
            sheet.append([n, county, town] + [_race_value(rng, ind, town_standing, len(towns[county]))
                                              for ind in RACE_INDICATORS] + [""])
    sheet.append(["注：数据经县区核对。"])
    wide_path = out_dir / f"04_{year}年第{cn_q}季度赛马考评得分表.xlsx"
    book.save(wide_path)
    return [long_path, wide_path]


def _append_race_rows(rows, rng, period, county, town, standing, n_towns=1) -> None:
    for ind in RACE_INDICATORS:
        missing = rng.random() < 0.004
        rows.append([period.replace("-", ""), county, town, ind[1],
                     "" if missing else _race_value(rng, ind, standing, n_towns)])


# ------------------------------------------------------------------ welfare


def _write_welfare(out_dir: Path, rng: np.random.Generator, scale: Scale) -> Path:
    halves = []
    year = scale.first_year
    last_year = int(scale.last_quarter[:4])
    while year <= last_year:
        halves += [f"{year}年上半年", f"{year}年下半年"]
        year += 1
    if int(scale.last_quarter[-1]) < 4:  # the current half-year is not reported yet
        halves.pop()
    effect = {c: rng.normal(0, 0.5) for c in COUNTIES}
    rows = [["考核期", "县区", "指标名称", "完成值"]]
    for h, half in enumerate(halves):
        for county in COUNTIES:
            for code, name, unit, target, mean, sd in WELFARE_INDICATORS:
                value = mean + sd * (effect[county] + rng.normal(0, 0.5)) + 0.4 * h
                if code == "W02" and county == WEAK_EXAMS:
                    value = 72 + 2.5 * rng.normal() + 0.3 * h
                if unit == "%":
                    rows.append([half, county, name, f"{min(value, 100.0):.1f}%"])
                else:
                    rows.append([half, county, name, max(0, int(round(value)))])
    return _write_csv(out_dir / "05_关心关爱指标.csv", rows, "utf-8")


# ------------------------------------------------------------------ people


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


def _new_cadre(rng, serial: int, county: str, towns: list[str], joined: dt.date) -> _Cadre:
    unit = str(rng.choice(towns)) if rng.random() < 0.7 else county[:-1] + str(rng.choice(DEPARTMENTS))
    name = str(rng.choice(SURNAMES)) + "".join(rng.choice(GIVEN, size=int(rng.integers(1, 3))))
    return _Cadre(
        cadre_id=f"LZ{serial:06d}", name=name, county=county, unit=unit,
        rank=str(rng.choice([r for r, _ in RANKS], p=[p for _, p in RANKS])),
        gender="男" if rng.random() < 0.62 else "女", birth_year=int(rng.integers(1966, 2001)),
        ethnicity="汉族" if rng.random() < 0.93 else str(rng.choice(["回族", "土家族", "苗族", "壮族"])),
        party="中共党员" if rng.random() < 0.86 else str(rng.choice(["群众", "共青团员"])),
        education=str(rng.choice(["大学本科", "硕士研究生", "大学专科"], p=[0.68, 0.17, 0.15])), joined=joined)


def _write_rosters(out_dir, rng, towns, scale) -> tuple[list[Path], list[_Cadre]]:
    """Year-end snapshots and a mid-year one; about 4% leave and 5% join each year."""
    start = dt.date(scale.first_year, 1, 1)
    people: list[_Cadre] = []
    serial = 0
    for county in COUNTIES:
        for _ in range(scale.cadres_per_township * len(towns[county]) + int(rng.integers(20, 60))):
            serial += 1
            people.append(_new_cadre(rng, serial, county, towns[county], start - dt.timedelta(days=400)))
    last_year = int(scale.last_quarter[:4])
    snapshots = [dt.date(y, 12, 31) for y in range(scale.first_year, last_year)] + [dt.date(last_year, 6, 30)]
    files = []
    previous = start
    for as_of in snapshots:
        for person in people:
            if person.left is None and rng.random() < 0.04 * (as_of - previous).days / 365:
                person.left = previous + dt.timedelta(days=int(rng.integers(0, (as_of - previous).days)))
        for county in COUNTIES:
            for _ in range(int(scale.cadres_per_township * len(towns[county]) * 0.05 * (as_of - previous).days / 365)):
                serial += 1
                joined = previous + dt.timedelta(days=int(rng.integers(0, (as_of - previous).days)))
                people.append(_new_cadre(rng, serial, county, towns[county], joined))
        files.append(_write_roster(out_dir, as_of, [p for p in people if p.joined <= as_of and
                                                      (p.left is None or p.left > as_of)]))
        previous = as_of
    return files, people


def _write_roster(out_dir: Path, as_of: dt.date, people: list[_Cadre]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append([f"澜州市基层干部花名册（截至{as_of.year}年{as_of.month}月{as_of.day}日）"])
    sheet.append(["干部编号", "姓名", "县区", "单位", "职级", "性别", "出生年份", "民族", "政治面貌", "学历"])
    for p in people:
        sheet.append([p.cadre_id, p.name, p.county, p.unit, p.rank, p.gender, p.birth_year, p.ethnicity, p.party,
                      p.education])
    path = out_dir / f"06_干部花名册_{as_of.isoformat()}.xlsx"
    book.save(path)
    return path


def _write_training(out_dir, rng, people: list[_Cadre], scale: Scale) -> list[Path]:
    last_year = int(scale.last_quarter[:4])
    last_day = dt.date(last_year, int(scale.last_quarter[-1]) * 3, 28)
    files = []
    cat_names = [c for c, _ in CATEGORIES]
    cat_p = [p for _, p in CATEGORIES]
    for year in range(scale.first_year, last_year + 1):
        year_start = dt.date(year, 1, 1)
        year_end = min(dt.date(year, 12, 31), last_day)
        rows = [["干部编号", "培训项目", "培训类别", "培训领域", "培训方式", "组织形式", "学时", "培训日期"]]
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
                cat = str(rng.choice(cat_names, p=cat_p))
                domain = str(rng.choice(DOMAINS[:3] if weak and rng.random() < 0.7 else DOMAINS))
                online = rng.random() < 0.55
                hours = float(rng.choice([2, 3, 4, 6, 8])) if online else float(rng.choice([8, 12, 16, 24, 32, 40]))
                day = begin + dt.timedelta(days=int(rng.integers(0, (end - begin).days + 1)))
                course = f"{year}年{domain}{cat}专题班（第{int(rng.integers(1, 9))}期）"
                key = (p.cadre_id, course, day)
                if key in seen:
                    continue
                seen.add(key)
                rows.append([p.cadre_id, course, cat, domain, "线上" if online else "线下",
                             "集体" if rng.random() < 0.6 else "个人", hours, day.strftime("%Y/%m/%d")])
        files.append(_write_csv(out_dir / f"07_培训记录_{year}.csv", rows, "gbk"))
    return files


def _write_movements(out_dir, rng, people, strength, periods) -> Path:
    rows = [["干部编号", "调整日期", "调整类型", "事由"]]
    first_year, last_year = int(periods[0][:4]), int(periods[-1][:4])
    reasons = {"提拔": "考核优秀", "晋升职级": "任职年限及考核合格", "平职调整": "工作需要", "转任": "交流任职",
               "降职": "考核不称职", "免职": "工作失职", "问责": "履职不力", "容错免责": "改革探索中出现失误，符合容错情形"}
    by_county: dict[str, list[_Cadre]] = {c: [] for c in COUNTIES}
    for p in people:
        by_county[p.county].append(p)
    seen = set()
    for year in range(first_year, last_year + 1):
        t = min(len(periods) - 1, periods.index(f"{year}-Q1") if f"{year}-Q1" in periods else 0)
        for county in COUNTIES:
            standing = float(strength[county][t])
            pool = by_county[county]
            rates = {"提拔": 0.025 + 0.01 * standing, "晋升职级": 0.05, "平职调整": 0.03, "转任": 0.01,
                     "降职": max(0.001, 0.003 - 0.002 * standing), "免职": 0.002,
                     "问责": max(0.002, 0.006 - 0.004 * standing), "容错免责": 0.002 + 0.002 * max(standing, 0)}
            for action in ACTIONS:
                for _ in range(int(rng.poisson(max(rates[action], 0.0) * len(pool)))):
                    p = pool[int(rng.integers(0, len(pool)))]
                    day = dt.date(year, int(rng.integers(1, 13)), int(rng.integers(1, 29)))
                    if (p.cadre_id, day, action) in seen or day < p.joined or (p.left and day > p.left):
                        continue
                    if year == last_year and day > dt.date(year, 9, 30):
                        continue
                    seen.add((p.cadre_id, day, action))
                    rows.append([p.cadre_id, f"{day.year}年{day.month}月{day.day}日", action, reasons[action]])
    return _write_csv(out_dir / "08_干部调整.csv", rows, "gbk")


def _write_csv(path: Path, rows: list[list], encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
