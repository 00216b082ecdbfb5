"""A fictional province (澜江省) at full scale, for the benchmark: every file kind, generated with numpy in bulk.

The prefecture sample (synth.py) tells stories row by row; at 10 million training records that would take an
hour, so this module draws whole columns at once and lets DuckDB format and write the CSV files. Deterministic:
the same seed gives byte-identical files. Place names are invented from uncommon characters, county codes use the
unassigned prefix 99, and every title says 虚构示例, so no figure is attached to a real place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pandas as pd

from incentive.store.queries import string_literal
from incentive.demo.synth import (ACTIONS, CATEGORIES, DOMAINS, GIVEN, RACE_INDICATORS, RANKS, SURNAMES, WELFARE_INDICATORS,
                    _write_csv, _write_indicators, quarters)

SEED = 20261126
FIRST_QUARTER, LAST_QUARTER = "2021-Q4", "2026-Q3"  # 20 quarters; training spans the same five years
WINDOW_START, WINDOW_END = dt.date(2021, 10, 1), dt.date(2026, 9, 30)
ROSTER_DATES = [dt.date(y, 12, 31) for y in range(2021, 2026)] + [dt.date(2026, 6, 30)]

_COUNTY_FIRST = list("澜岫渚汀蘅芷蓼荇苕菁蔚翎筠篁棠樾楸榆檀杞芸茗蕖菱藻溆沅澧湄涔漪淇浔沣渌")
_COUNTY_SECOND = list("川阳溪岭浦原江源城坪陵冈泽湾峪桥台丘渡林")
_TOWN_FIRST = list("安白碧长丹东凤福高禾华佳金锦兰乐莲临龙鹿梅南平祁清泉瑞三上石双松太桃田万溪仙新杏阳义永玉"
                   "云竹荷柳樟枫柏桂茶橘")
_TOWN_SECOND = list("坝坳岗埠集口岭桥山墅滩塘湾圩溪营庄峪渡湖林坪垭铺店寨")
DEPARTMENTS = ["组织部", "发改局", "财政局", "农业农村局", "应急管理局", "市场监管局", "信访局", "自然资源局"]


@dataclass(frozen=True)
class ProvinceScale:
    counties: int = 100
    townships: int = 1_200
    cadres: int = 200_000  # on the roster at the start; about as many join as leave over five years
    training_records: int = 10_000_000
    movements: int = 100_000


PROVINCE = ProvinceScale()


def generate(out_dir: Path, scale: ProvinceScale = PROVINCE, seed: int = SEED) -> list[Path]:
    """Write the province's files; returns them in import order."""
    rng = np.random.default_rng(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    places = _places(rng, scale)
    periods = quarters(int(FIRST_QUARTER[:4]), LAST_QUARTER)[3:]
    strength = rng.normal(0, 0.6, (scale.counties, 1)) + np.outer(rng.normal(0, 0.04, scale.counties),
                                                                     np.arange(len(periods)) - len(periods) / 2)
    cadres = _cadres(rng, scale, places)
    with duckdb.connect() as con:
        files = [_write_regions(out_dir, places), _write_indicators(out_dir)]
        files += _write_race(out_dir, rng, con, places, periods, strength)
        files.append(_write_welfare(out_dir, rng, places))
        files += [_write_roster(out_dir, con, cadres, day) for day in ROSTER_DATES]
        files.append(_write_training(out_dir, rng, con, cadres, scale))
        files.append(_write_movements(out_dir, rng, cadres, scale))
    return files


# ------------------------------------------------------------------ places


@dataclass(frozen=True)
class _Places:
    counties: list[str]
    towns: pd.DataFrame  # county_index, county, township


def _unique_names(rng, first: list[str], second: list[str], n: int) -> list[str]:
    pairs = rng.permutation(len(first) * len(second))[:n]
    if len(pairs) < n:
        raise ValueError(f"only {len(pairs)} distinct names for {n} places")
    return [first[p // len(second)] + second[p % len(second)] for p in pairs]


def _places(rng: np.random.Generator, scale: ProvinceScale) -> _Places:
    counties = [name + ("区" if rng.random() < 0.1 else "县")
                for name in _unique_names(rng, _COUNTY_FIRST, _COUNTY_SECOND, scale.counties)]
    low = max(1, scale.townships // scale.counties - 4)
    per_county = low + rng.multinomial(scale.townships - low * scale.counties, [1 / scale.counties] * scale.counties)
    bases = _unique_names(rng, _TOWN_FIRST, _TOWN_SECOND, scale.townships)
    suffix = rng.choice(["镇", "乡", "街道"], size=scale.townships, p=[0.7, 0.2, 0.1])
    county_index = np.repeat(np.arange(scale.counties), per_county)
    towns = pd.DataFrame({"county_index": county_index, "county": [counties[i] for i in county_index],
                          "township": [b + s for b, s in zip(bases, suffix)]})
    return _Places(counties, towns)


def _write_regions(out_dir: Path, places: _Places) -> Path:
    rows = [["澜江省（虚构示例）行政区划表"], ["县区", "乡镇（街道）", "区划代码"]]
    rows += [[c, "", f"99{i + 1:04d}"] for i, c in enumerate(places.counties)]
    rows += [[t.county, t.township, f"99{t.county_index + 1:04d}"] for t in places.towns.itertuples()]
    return _write_csv(out_dir / "01_行政区划.csv", rows, "utf-8-sig")


# ------------------------------------------------------------------ race scores and welfare


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


def _write_race(out_dir, rng, con, places: _Places, periods: list[str], strength: np.ndarray) -> list[Path]:
    """Every quarter but the last in one long GBK CSV with a title row; the last as a wide workbook."""
    towns = places.towns
    n_towns = towns.groupby("county_index").size().to_numpy()
    town_effect = rng.normal(0, 0.5, len(towns))
    frames = []
    for t, period in enumerate(periods):
        county_values = _indicator_values(rng, strength[:, t])
        town_values = _indicator_values(rng, strength[towns["county_index"], t] + town_effect,
                                        n_towns[towns["county_index"]])
        frames.append((period, county_values, town_values))

    long = []
    for period, county_values, town_values in frames[:-1]:
        for values, county, township in ((county_values, places.counties, [""] * len(places.counties)),
                                         (town_values, towns["county"], towns["township"])):
            part = pd.DataFrame(values, columns=[ind[1] for ind in RACE_INDICATORS])
            part.insert(0, "乡镇", list(township))
            part.insert(0, "县区", list(county))
            part.insert(0, "考核期", period.replace("-", ""))
            long.append(part.melt(["考核期", "县区", "乡镇"], var_name="指标", value_name="数值"))
    frame = pd.concat(long, ignore_index=True)
    frame["数值"] = frame["数值"].map("{:g}".format)
    long_path = out_dir / f"03_赛马考评得分_{periods[0]}至{periods[-2]}.csv"
    text = "澜江省（虚构示例）赛马考评得分\r\n" + frame.to_csv(index=False, lineterminator="\r\n")
    long_path.write_bytes(text.encode("gbk"))

    period, county_values, town_values = frames[-1]
    year, q = period.split("-Q")
    cn_q = "一二三四"[int(q) - 1]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("得分")
    sheet.append([f"澜江省（虚构示例）{year}年第{cn_q}季度赛马考评得分表"])
    sheet.append(["序号", "县区", "乡镇"] + [ind[1] for ind in RACE_INDICATORS])
    n = 0
    for c, county in enumerate(places.counties):
        n += 1
        sheet.append([n, county, ""] + county_values[c].tolist())
        for i in np.flatnonzero(towns["county_index"].to_numpy() == c):
            n += 1
            sheet.append([n, county, towns["township"].iat[i]] + town_values[i].tolist())
    wide_path = out_dir / f"04_{year}年第{cn_q}季度赛马考评得分表.xlsx"
    book.save(wide_path)
    return [long_path, wide_path]


def _write_welfare(out_dir: Path, rng, places: _Places) -> Path:
    halves = [f"{y}年{h}半年" for y in range(2022, 2027) for h in "上下"][:-1]
    effect = rng.normal(0, 0.5, len(places.counties))
    rows = [["考核期", "县区", "指标名称", "完成值"]]
    for h, half in enumerate(halves):
        noise = rng.normal(0, 0.5, (len(places.counties), len(WELFARE_INDICATORS)))
        for c, county in enumerate(places.counties):
            for j, (_, name, unit, _, mean, sd) in enumerate(WELFARE_INDICATORS):
                value = mean + sd * (effect[c] + noise[c, j]) + 0.4 * h
                rows.append([half, county, name, f"{min(value, 100.0):.1f}%" if unit == "%"
                             else max(0, int(round(value)))])
    return _write_csv(out_dir / "05_关心关爱指标.csv", rows, "utf-8")


# ------------------------------------------------------------------ people


def _days(day: dt.date) -> int:
    return (day - WINDOW_START).days


def _cadres(rng: np.random.Generator, scale: ProvinceScale, places: _Places) -> pd.DataFrame:
    """Everyone who is on a roster at some point: about 15% of the first cohort leave and as many join."""
    towns = places.towns
    joiners = int(scale.cadres * 0.15)
    n = scale.cadres + joiners
    town = rng.integers(0, len(towns), n)
    county_index = towns["county_index"].to_numpy()[town]
    span = _days(WINDOW_END) + 1
    joined = np.where(np.arange(n) < scale.cadres, -rng.integers(30, 9000, n), rng.integers(0, span, n))
    leaves = rng.random(n) < 0.15
    left = np.where(leaves, np.maximum(joined + 30, rng.integers(0, span, n)), span + 10_000)
    department = rng.integers(0, len(DEPARTMENTS), n)
    counties = np.array(places.counties)
    unit = np.where(rng.random(n) < 0.7, towns["township"].to_numpy()[town],
                    np.char.add(np.char.rstrip(counties[county_index], "县区"), np.array(DEPARTMENTS)[department]))
    given = np.char.add(np.array(GIVEN)[rng.integers(0, len(GIVEN), n)],
                        np.where(rng.random(n) < 0.6, np.array(GIVEN)[rng.integers(0, len(GIVEN), n)], ""))
    return pd.DataFrame({
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
        "joined": joined,  # days since WINDOW_START
        "left": left,
        "training_rate": np.where(county_index % 17 == 5, 0.55, 1.0) * rng.gamma(8, 1 / 8, n),
    })


def _write_roster(out_dir: Path, con, cadres: pd.DataFrame, as_of: dt.date) -> Path:
    """A UTF-8 CSV snapshot with the date in its title row, as a provincial system exports it."""
    day = _days(as_of)
    on_roster = cadres[(cadres["joined"] <= day) & (cadres["left"] > day)]
    path = out_dir / f"06_干部花名册_{as_of.isoformat()}.csv"
    title = f"澜江省（虚构示例）基层干部花名册（截至{as_of.year}年{as_of.month}月{as_of.day}日）\n"
    con.register("people", on_roster)
    body = con.execute("""
        SELECT cadre_id AS 干部编号, name AS 姓名, county AS 县区, unit AS 单位, rank AS 职级, gender AS 性别,
               birth_year AS 出生年份, ethnicity AS 民族, party AS 政治面貌, education AS 学历
        FROM people""").df().to_csv(index=False)
    con.unregister("people")
    path.write_text(title + body, encoding="utf-8")
    return path


def _write_training(out_dir: Path, rng, con, cadres: pd.DataFrame, scale: ProvinceScale) -> Path:
    """Exactly scale.training_records attendances, one UTF-8 CSV (the size a provincial platform exports)."""
    span_end = _days(WINDOW_END)
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
    hours = np.where(online, np.array([2, 3, 4, 6, 8])[rng.integers(0, 5, draw)],
                     np.array([8, 12, 16, 24, 32, 40])[rng.integers(0, 6, draw)])
    collective = rng.random(draw) < 0.6
    year = np.array([(WINDOW_START + dt.timedelta(days=int(d))).year for d in range(span_end + 1)])[day]
    course = ((year - 2021) * len(DOMAINS) + domain) * len(CATEGORIES) * 8 + category * 8 + (session - 1)
    key = (who.astype(np.int64) * 4096 + course) * 4096 + day
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)[: scale.training_records]
    records = pd.DataFrame({"who": who[keep], "day": day[keep], "course": course[keep], "hours": hours[keep],
                            "online": online[keep], "collective": collective[keep]})
    courses = pd.DataFrame([(((y - 2021) * len(DOMAINS) + d) * len(CATEGORIES) * 8 + c * 8 + s - 1,
                             f"{y}年{DOMAINS[d]}{CATEGORIES[c][0]}专题班（第{s}期）", CATEGORIES[c][0], DOMAINS[d])
                            for y in range(2021, 2027) for d in range(len(DOMAINS))
                            for c in range(len(CATEGORIES)) for s in range(1, 9)],
                           columns=["course", "name", "category", "domain"])
    ids = cadres[["cadre_id"]].reset_index(drop=True)
    path = out_dir / "07_培训记录_全省.csv"
    con.register("records", records)
    con.register("courses", courses)
    con.register("ids", ids)
    con.execute(f"""
        COPY (SELECT i.cadre_id AS 干部编号, c.name AS 培训项目, c.category AS 培训类别, c.domain AS 培训领域,
                     CASE WHEN r.online THEN '线上' ELSE '线下' END AS 培训方式,
                     CASE WHEN r.collective THEN '集体' ELSE '个人' END AS 组织形式, r.hours AS 学时,
                     strftime(DATE '{WINDOW_START.isoformat()}' + CAST(r.day AS INTEGER), '%Y/%m/%d') AS 培训日期
              FROM records r JOIN courses c USING (course)
              JOIN (SELECT row_number() OVER () - 1 AS who, cadre_id FROM ids) i USING (who)
              ORDER BY r.day, r.who, r.course)
        TO {string_literal(str(path.resolve()))} (HEADER, DELIMITER ',')""")
    for name in ("records", "courses", "ids"):
        con.unregister(name)
    return path


def _write_movements(out_dir: Path, rng, cadres: pd.DataFrame, scale: ProvinceScale) -> Path:
    """Exactly scale.movements personnel decisions as one workbook (the benchmark's large XLSX)."""
    draw = int(scale.movements * 1.05) + 50
    start = np.maximum(cadres["joined"].to_numpy(), 0)
    end = np.minimum(cadres["left"].to_numpy() - 1, _days(WINDOW_END))
    eligible = np.flatnonzero(end >= start)
    who = eligible[rng.integers(0, len(eligible), draw)]
    day = start[who] + (rng.random(draw) * (end[who] - start[who] + 1)).astype(np.int64)
    action = rng.choice(len(ACTIONS), draw, p=[0.22, 0.4, 0.2, 0.08, 0.02, 0.02, 0.04, 0.02])
    key = (who.astype(np.int64) * 4096 + day) * 16 + action
    _, first = np.unique(key, return_index=True)
    keep = np.sort(first)[: scale.movements]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("干部调整")
    sheet.append(["澜江省（虚构示例）干部调整情况"])
    sheet.append(["干部编号", "调整日期", "调整类型", "事由"])
    ids = cadres["cadre_id"].to_numpy()
    for w, d, a in zip(who[keep], day[keep], action[keep]):
        date = WINDOW_START + dt.timedelta(days=int(d))
        sheet.append([ids[w], f"{date.year}年{date.month}月{date.day}日", ACTIONS[a], ""])
    path = out_dir / "08_干部调整.xlsx"
    book.save(path)
    return path

