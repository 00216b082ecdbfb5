"""Delivery on a schedule (issue 19, third slice; docs/decisions.md#delivery): a period's documents written into a
folder for cron or a systemd timer, and a short summary posted to an intranet robot.

`deliver` writes, for one period P (here 2026-Q3, in Chinese; English names in i18n `delivery_name_*`):

| file                                   | what                                                   | made by                       |
| -------------------------------------- | ------------------------------------------------------ | ----------------------------- |
| `2026-Q3_全市_通报.docx`, one a county  | the 通报 of P (`2026-Q3_棠梨县_通报.docx`)               | bulletin.gather, to_docx      |
| `2026-Q3_全市_简报.pdf`, one a county   | the briefing of P's year and race period P, as the     | briefing.gather, to_pdf       |
|                                        | rankings page's button prints it; a link to that view  |                               |
| `2026-Q3_预警清单.csv`, `.xlsx`          | the warning list of P as the 预警清单 page shows it       | listing.build, shown, table   |
|                                        | (CSV in UTF-8 with BOM; the sheet with its heading)    |                               |
| `2026-Q3_交付清单.json`                  | what was written (bytes, SHA-256) and what failed, why | written last                  |

Every document is made from the data as they were at the delivery's moment (one DataAsOf for all, so an import
during the run cannot give two files two versions), by the same library functions as the pages' buttons and the
command line: the same view gives the same figures. Each file is written to a hidden temporary name beside its
place, flushed to disk and renamed over it, so a reader never sees half a file; a file that fails is reported
with the reason, an older file of its name is removed (it would mix an earlier version with this one), and the
others are still written. County names come from files: `safe_name` keeps them from naming another folder or
hiding an extension.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import hashlib
import json
import os
import re
import secrets
import subprocess
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from incentive import file_modes, periods
from incentive.accounts.roles import Scope
from incentive.alerts import listing
from incentive.alerts.rules import Alert
from incentive.config import classification, public_url
from incentive.cycle import tracker
from incentive.i18n import TranslatedError, join, t
from incentive.publication import official
from incentive.race import rankings
from incentive.sharing import briefing, bulletin, permalinks
from incentive.sharing.export import to_csv_bytes, to_xlsx_bytes
from incentive.store import audit, queries, settings
from incentive.store.database import DataAsOf, Database
from incentive.store.storage_faults import StorageFault

BULLETIN, BRIEFING, ALERTS_CSV, ALERTS_XLSX, MANIFEST = "bulletin", "briefing", "alerts_csv", "alerts_xlsx", "manifest"
NAME_CHARACTERS = 60  # of a county name in a file name: every name stays far below the 255 bytes a file system allows
WEBHOOK_TIMEOUT_S = 10
WEBHOOK_TOP = 5  # the most severe warnings the summary quotes
ROBOT_TEXT_BYTES = 2048  # WeCom's robot takes at most 2048 bytes of UTF-8 text (DingTalk more): the summary fits both
ANSWER_BYTES = 65536  # of a webhook's answer read, enough for a robot's {"errcode": …, "errmsg": …}

# Characters a file name must not have: path separators, and what Windows refuses (the folder may be a share)
_UNSAFE = re.compile(r'[/\\<>:"|?*]')


@dataclass(frozen=True)
class DeliveredFile:
    """One file of a delivery: its name in the folder, its kind (BULLETIN, BRIEFING, ALERTS_CSV, ALERTS_XLSX,
    MANIFEST), the county it is about ('' for the prefecture's and the shared ones); once written its size in
    bytes and SHA-256, else `error`, the sentence saying why not (in the delivery's language)."""

    name: str
    kind: str
    county: str = ""
    size: int = 0
    sha256: str = ""
    error: str = ""

    @property
    def written(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class WebhookResult:
    """The summary's post: the webhook's host (never the whole address, whose query often holds the robot's key),
    whether it was taken, and if not the sentence saying why."""

    host: str
    ok: bool
    error: str = ""


@dataclass(frozen=True)
class Delivery:
    """What one delivery did. `refused` is the sentence when nothing was written (no data for the period, not
    published with `published_only`, a folder that cannot be written), '' otherwise. `alerts` are the warnings as
    delivered (the page's: without the ones that would tell a suppressed training figure, `withheld` of them),
    most severe first; `small` the suppression threshold their sentences keep to; `judged` what the list was judged
    on; `basis` how the ranking is marked (published with its label, or live 试算), '' when P has no ranking;
    `gaps` the line naming counties whose race scores of P are incomplete."""

    period: str
    out_dir: Path
    lang: str
    moment: dt.datetime
    refused: str = ""
    refusal: str = ""  # the refusal's code in the audit log: no_data, not_published, out_dir
    created: bool = False  # the folder did not exist and was made (docs/decisions.md#the-delivery-folder)
    published: bool = False
    basis: str = ""
    gaps: str = ""
    alerts: tuple[Alert, ...] = ()
    withheld: int = 0
    small: int = 5
    judged: str = ""
    sheet_notes: tuple[str, ...] = ()  # under the warning list's title in its sheet (listing.sheet_notes)
    files: tuple[DeliveredFile, ...] = ()
    webhook: WebhookResult | None = None

    @property
    def written(self) -> list[DeliveredFile]:
        return [f for f in self.files if f.written]

    @property
    def failed(self) -> list[DeliveredFile]:
        return [f for f in self.files if not f.written]

    @property
    def complete(self) -> bool:
        """Every file written and the summary, when one was to be posted, taken."""
        return not self.refused and not self.failed and (self.webhook is None or self.webhook.ok)

    @property
    def outcome(self) -> str:
        """The audit log's code: ok, partial (a file or the post failed), refused."""
        return "refused" if self.refused else "ok" if self.complete else "partial"

    def counts(self) -> dict[str, int]:
        return listing.level_counts(self.alerts)


def resolve_period(text: str, today: dt.date) -> str | None:
    """The canonical period `text` names (2026Q3, 2026-Q3, 2026年第三季度 …: periods.parse_period), or, for a
    timer, `last-quarter` / `last-half`: the quarter or half-year before the one holding `today` (on 2026-10-20,
    2026-Q3 and 2026-H1). None when it names no period, or more than one (`2026.3`, `2026/3`: the third quarter or
    March, docs/decisions.md#periods-written-with-a-dot)."""
    if len(periods.separated_readings(text)) > 1:
        return None
    cleaned = text.strip().lower()
    if cleaned == "last-quarter":
        return periods.previous(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    if cleaned == "last-half":
        return periods.previous(f"{today.year}-H{1 if today.month <= 6 else 2}")
    return periods.parse_period(text)


def safe_name(text: str) -> str:
    """`text` as part of a file name: no path separator or character Windows refuses (each becomes `_`), no
    control, format (a right-to-left override could disguise `.exe` as `.pdf`), private or unassigned character,
    no line or paragraph separator, no leading or trailing dot or space; at most NAME_CHARACTERS characters;
    `_` when nothing is left."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C" and unicodedata.category(c) not in ("Zl", "Zp"))
    text = _UNSAFE.sub("_", text).strip(" .")[:NAME_CHARACTERS].strip(" .")
    return text or "_"


def file_name(kind: str, period: str, county: str, lang: str) -> str:
    """`2026-Q3_全市_通报.docx`, `2026-Q3_棠梨县_简报.pdf`, `2026-Q3_预警清单.csv` … (county '' = the prefecture)."""
    scope = safe_name(county or t("all_counties", lang))
    stem, suffix = {
        BULLETIN: ("delivery_name_bulletin", ".docx"),
        BRIEFING: ("delivery_name_briefing", ".pdf"),
        ALERTS_CSV: ("delivery_name_alerts", ".csv"),
        ALERTS_XLSX: ("delivery_name_alerts", ".xlsx"),
        MANIFEST: ("delivery_name_manifest", ".json"),
    }[kind]
    return t(stem, lang, period=period, scope=scope) + suffix


def webhook_problem(url: str) -> str:
    """'' when `url` can be posted to (http or https with a host), else the i18n key of the sentence saying why."""
    parts = urlsplit(url.strip())
    return "" if parts.scheme in ("http", "https") and parts.hostname else "delivery_webhook_bad_url"


def deliver(
    db: Database,
    period: str,
    out_dir: str | os.PathLike,
    lang: str,
    today: dt.date | None = None,
    progress: Callable[[DeliveredFile, int, int], None] | None = None,
    *,
    pdf: bool = True,
    published_only: bool = False,
    webhook: str | None = None,
    webhook_format: str = "text",
    who: str = "cli",
    document_no: str | None = None,
) -> Delivery:
    """Write the period's documents into `out_dir` (created with its parents if missing, once the period is known
    to have data: `created`), then post the summary to `webhook`
    (`webhook_format` "text": the robot shape {"msgtype": "text", "text": {"content": …}} of WeCom and DingTalk;
    "json": the summary's fields), then record the delivery in the audit log (action `deliver`, the period, the
    folder, the files written, the webhook's host and outcome).

    `period`: canonical (resolve_period). `today`: the 通报's date and the day the warning list judges deadlines on
    (default: today). `progress(file, done, total)` after each file. `pdf=False` leaves the briefings out (a
    server without Chromium); with `pdf` and no Chromium every briefing fails with the sentence saying how to
    install it, and the rest is delivered. `published_only` refuses a period whose ranking was not published.
    Never raises for a file that fails or a post that fails: they are in the result (`failed`, `webhook`), and
    a refusal is `refused`, with nothing written and no folder made. `document_no`: the prefecture's 通报's 文号
    (None: the published period's own, else the setting; the counties' copies leave it blank); BulletinError when
    it is not one line of at most 50 characters, before anything is made."""
    bulletin.check_document_no(document_no)
    today = today or dt.date.today()
    moment = dt.datetime.now()
    out_dir = Path(out_dir)
    config = settings.current(db)
    start = Delivery(period, out_dir, lang, moment, small=int(config["suppression_threshold"]))
    # the refusals that depend on the data come before the folder is touched: a refused run leaves nothing behind
    try:
        prefecture = bulletin.gather(db, period, "", lang, as_of=moment, today=today, document_no=document_no)
    except bulletin.BulletinError as error:
        refused = dataclasses.replace(start, refused=error.text(lang), refusal="no_data")
        return _finish(db, refused, webhook, webhook_format, who)
    if published_only and not prefecture.published:
        reason = t("delivery_not_published", lang, period=period)
        refused = dataclasses.replace(start, refused=reason, refusal="not_published")
        return _finish(db, refused, webhook, webhook_format, who)
    existed = out_dir.is_dir()
    try:
        file_modes.make_shared_folder(out_dir)  # read by the office through the group: not the process's 0077
        if not os.access(out_dir, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as error:
        reason = t("delivery_out_dir", lang, path=out_dir, reason=error.strerror or str(error))
        return _finish(db, dataclasses.replace(start, refused=reason, refusal="out_dir"), webhook, webhook_format, who)
    start = dataclasses.replace(start, created=not existed)

    conn = DataAsOf(db.connection, moment)
    counties = queries.run(conn, "race_units", county="")["unit"].tolist()
    race = period in rankings.available_periods(conn)
    found = listing.build(conn, today, config, Scope.ALL, period=period, moment=moment)
    shown, withheld = listing.shown(found.alerts)
    publication = official.latest(conn, period, at=moment) if prefecture.published else None
    delivery = dataclasses.replace(
        start,
        published=prefecture.published,
        basis=(official.basis_line(publication, lang) if len(prefecture.table) else ""),
        gaps=(tracker.gaps_line(tracker.gaps(conn, "race_scores", period), lang) if race else ""),
        alerts=tuple(shown),
        withheld=withheld,
        judged=listing.judged_text(found.judged, lang),
        sheet_notes=tuple(listing.sheet_notes(found.judged, len(shown), withheld, start.small, lang)),
    )
    makers = _makers(db, delivery, prefecture, race, pdf, today, who)
    planned = plan(period, counties, lang, pdf)
    files: list[DeliveredFile] = []
    for entry in planned:
        if entry.kind == MANIFEST:  # last: what was written before it, and what failed
            written = dataclasses.replace(delivery, files=tuple(files))
            files.append(_write(out_dir, entry, lambda written=written: _manifest(written), lang))
        else:
            files.append(_write(out_dir, entry, lambda entry=entry: makers[entry.kind](entry.county), lang))
        if progress:
            progress(files[-1], len(files), len(planned))
    return _finish(db, dataclasses.replace(delivery, files=tuple(files)), webhook, webhook_format, who)


def plan(period: str, counties: list[str], lang: str, pdf: bool = True) -> list[DeliveredFile]:
    """The files of a delivery in the order they are written (name, kind, county; nothing written yet): the
    prefecture's 通报 and briefing, each county's (in `counties`' order), the warning list as CSV and as a sheet,
    the manifest last. Two counties whose names give one file name (云/岫县 and 云_岫县) are told apart by `_2`."""
    taken: set[str] = set()
    entries = [(kind, county) for county in ["", *counties] for kind in (BULLETIN, *((BRIEFING,) if pdf else ()))] + [
        (ALERTS_CSV, ""),
        (ALERTS_XLSX, ""),
        (MANIFEST, ""),
    ]
    return [
        DeliveredFile(_unique(file_name(kind, period, county, lang), taken), kind, county) for kind, county in entries
    ]


def _makers(db, delivery: Delivery, prefecture, race: bool, pdf: bool, today: dt.date, who: str):
    """kind -> county -> the file's bytes (the manifest is made apart, from the files before it)."""
    period, lang, moment = delivery.period, delivery.lang, delivery.moment
    printer = briefing.chromium_path() if pdf else None

    def document(county: str) -> bytes:
        made = (  # one 文号 is one document: a county's copy leaves it blank (docs/decisions.md#document-numbers)
            prefecture
            if not county
            else bulletin.gather(
                db,
                period,
                county,
                lang,
                as_of=moment,
                today=today,
                document_no="",
                common=prefecture.common,  # the same period, moment, day and settings (gather checks them)
            )
        )
        return bulletin.to_docx(made)

    def printed(county: str) -> bytes:
        if printer is None:  # said for each file, without making what cannot be printed
            raise briefing.BriefingUnavailable("brief_no_chromium")
        link = _link(db, period, county, lang, moment, race, who)
        content = briefing.gather(
            db,
            int(period[:4]),
            county,
            lang,
            link,
            as_of=moment,
            race_period=period,
            care_period=prefecture.care_period,  # the 通报's half-year (docs/decisions.md#care-half-year-of-a-document)
        )
        return briefing.to_pdf(briefing.to_html(content))

    table = listing.table(delivery.alerts, lang, delivery.small)
    title = t("delivery_alerts_title", lang, period=bulletin.period_words(period, lang))
    heading = [title, *delivery.sheet_notes, classification()]  # laid out as a page's download (ui/downloads.py)
    return {
        BULLETIN: document,
        BRIEFING: printed,
        ALERTS_CSV: lambda _: to_csv_bytes(table, bom=True, shown=True),
        ALERTS_XLSX: lambda _: to_xlsx_bytes(table, t("delivery_alerts_sheet", lang), heading=heading, shown=True),
    }


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name` with _2, _3 … before the suffix when two county names become one file name (云/岫县 and
    云_岫县), compared as a case-insensitive file system would."""
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{stem}_{n}{dot}{suffix}"
    taken.add(candidate.casefold())
    return candidate


def _link(db: Database, period: str, county: str, lang: str, moment: dt.datetime, race: bool, who: str) -> str:
    """A short link to the rankings page of `period` (the care page when P has no race scores) for `county`,
    pinned at the delivery's moment, so that it shows what the PDF shows; with INCENTIVE_PUBLIC_URL the whole
    address, else the part after the dashboard's address."""
    path, field = ("rankings", "rank.period") if race else ("welfare", "care.period")  # ui/page_state.py's names
    params = {"lang": lang, "year": period[:4], field: period, **({"county": county} if county else {})}
    base = public_url()
    try:
        key = permalinks.save(db, path, params, who, pinned_at=moment)
    except StorageFault:  # no short link can be stored (a read-only database): the page's own, unpinned, address
        address = f"/{path}?{urlencode(params)}"
        return f"{base.rstrip('/')}{address}" if base else t("delivery_link_relative", lang, address=address)
    return (
        permalinks.address(base, path, key) if base else t("delivery_link_relative", lang, address=f"/{path}?v={key}")
    )


def _write(out_dir: Path, entry: DeliveredFile, make: Callable[[], bytes], lang: str) -> DeliveredFile:
    """Make and write one planned file, all or nothing; on failure, remove an older file of its name and say why."""
    path = out_dir / entry.name
    try:
        data = make()
        write_atomically(path, data)
    except Exception as error:  # one file's failure must not stop the others: it is reported, audited, exit 1
        reason = _reason(error, lang)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            reason += t("delivery_stale_removed", lang)
        return dataclasses.replace(entry, error=reason)
    return dataclasses.replace(entry, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def _reason(error: Exception, lang: str) -> str:
    if isinstance(error, TranslatedError):
        return error.text(lang)
    if isinstance(error, subprocess.TimeoutExpired):
        return t("delivery_pdf_timeout", lang, seconds=briefing.PRINT_TIMEOUT_S)
    if isinstance(error, OSError):
        return t("delivery_write_failed", lang, reason=error.strerror or str(error))
    return t("delivery_internal_error", lang, error=f"{type(error).__name__}: {error}")


def write_atomically(path: Path, data: bytes) -> None:
    """`data` into `path` so that a reader finds the old file or the whole new one, never a part: written to a
    hidden temporary name in the same folder (`.name.1a2b3c4d.tmp`), flushed to disk, renamed over `path` (atomic on
    POSIX file systems), and the folder's entry flushed too. Its mode is the one the umask the process was started
    with leaves (file_modes.shared_mode: a delivered file is read by others), not the process's private 0077."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), file_modes.shared_mode(0o666))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened and flushed
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _manifest(delivery: Delivery) -> bytes:
    """交付清单: what the folder holds of this delivery, for a program that picks the files up (it is written last:
    when it is there, every other file of the delivery is in place or listed as failed)."""
    body = {
        "period": delivery.period,
        "generated_at": delivery.moment.isoformat(timespec="seconds"),
        "language": delivery.lang,
        "published": delivery.published,
        "basis": delivery.basis,
        "files": [
            {"name": f.name, "kind": f.kind, "county": f.county, "bytes": f.size, "sha256": f.sha256}
            for f in delivery.written
        ],
        "failed": [{"name": f.name, "kind": f.kind, "county": f.county, "reason": f.error} for f in delivery.failed],
        "warnings": {**delivery.counts(), "withheld": delivery.withheld, "judged": delivery.judged},
    }
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode()


# ---- the summary and the webhook


def summary_text(delivery: Delivery, limit: int = ROBOT_TEXT_BYTES) -> str:
    """The message for people, at most `limit` bytes of UTF-8: what was delivered (or why not), how the ranking is
    marked, incomplete data, the warnings by level and the most severe (sentences as on the page: counties, no
    person, counts of people under the threshold as `<5`), what failed, the files' names. What does not fit is
    left out from the end, and the file names are then counted instead of listed."""
    lang, words = delivery.lang, bulletin.period_words(delivery.period, delivery.lang)
    if delivery.refused:
        return _fit([t("delivery_summary_refused", lang, period=words, reason=delivery.refused)], [], limit)
    written, failed = delivery.written, delivery.failed
    if failed:
        head = t("delivery_summary_partial", lang, period=words, n=len(written), failed=len(failed))
    else:
        head = t("delivery_summary_done", lang, period=words, n=len(written))
    lines = [head]
    if failed:
        reasons = list(dict.fromkeys(f.error for f in failed))
        lines.append(
            t("delivery_summary_failed", lang, names=join([f.name for f in failed], lang), reasons=" ".join(reasons))
        )
    if delivery.basis:
        lines.append(t("delivery_summary_basis", lang, basis=delivery.basis))
    if delivery.gaps:
        lines.append(delivery.gaps)
    counts = delivery.counts()
    lines.append(t("delivery_summary_warnings", lang, red=counts["red"], yellow=counts["yellow"]))
    if delivery.withheld:
        lines.append(t("delivery_summary_withheld", lang, n=delivery.withheld))
    lines += [
        f"{i}. [{listing.level_label(a.level, lang)}] {a.sentence(lang, small=delivery.small)}"
        for i, a in enumerate(listing.top(delivery.alerts, WEBHOOK_TOP), 1)
    ]
    names = [f.name for f in written]
    files = [
        t("delivery_summary_files", lang, names=join(names, lang)),
        t(
            "delivery_summary_files_counted",
            lang,
            n=len(names),
            manifest=file_name(MANIFEST, delivery.period, "", lang),
        ),
    ]
    return _fit(lines, files, limit)


def _fit(lines: list[str], last: list[str], limit: int) -> str:
    """`lines` in order while they fit in `limit` bytes (the first one cut to fit if it alone does not), `…` where
    one did not; then the first of `last` (alternatives, the longest first) that still fits."""

    def size(candidate: list[str]) -> int:
        return len("\n".join(candidate).encode())

    kept: list[str] = []
    for line in lines:
        if size([*kept, line]) > limit:
            if not kept:
                return line.encode()[: limit - len("…".encode())].decode(errors="ignore") + "…"
            return "\n".join([*kept, "…"] if size([*kept, "…"]) <= limit else kept)
        kept.append(line)
    return "\n".join(next(([*kept, line] for line in last if size([*kept, line]) <= limit), kept))


def payload(delivery: Delivery, form: str = "text") -> dict:
    """What is posted: "text", the robot shape of WeCom (企业微信) and DingTalk (钉钉) group robots,
    {"msgtype": "text", "text": {"content": summary_text}}; "json", the summary's fields for a program (period,
    generated_at, complete, refused, published, basis, warnings {red, yellow, withheld, top: [{level, rule, county,
    period, message}]}, files [names], failed [{name, reason}], and `text`). No figure about a person: warnings
    name counties, counts of people under the threshold read `<5`."""
    text = summary_text(delivery)
    if form == "text":
        return {"msgtype": "text", "text": {"content": text}}
    lang = delivery.lang
    return {
        "period": delivery.period,
        "generated_at": delivery.moment.isoformat(timespec="seconds"),
        "complete": not delivery.refused and not delivery.failed,
        "refused": delivery.refused,
        "published": delivery.published,
        "basis": delivery.basis,
        "warnings": {
            **delivery.counts(),
            "withheld": delivery.withheld,
            "top": [
                {
                    "level": a.level,
                    "rule": a.rule,
                    "county": a.county,
                    "period": a.period,
                    "message": a.sentence(lang, small=delivery.small),
                }
                for a in listing.top(delivery.alerts, WEBHOOK_TOP)
            ],
        },
        "files": [f.name for f in delivery.written],
        "failed": [{"name": f.name, "reason": f.error} for f in delivery.failed],
        "text": text,
    }


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A webhook that redirects is answered as failed: urllib would repeat the POST as a GET without its body."""

    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, body: dict, lang: str, timeout: float = WEBHOOK_TIMEOUT_S) -> WebhookResult:
    """POST `body` as JSON (UTF-8) to `url` within `timeout` seconds. Taken: a 2xx answer, and, when the answer is
    a robot's JSON with an `errcode`, errcode 0 (WeCom and DingTalk answer a bad key or a refused message with
    HTTP 200 and an errcode). Proxies as the environment says (http_proxy, no_proxy)."""
    host = urlsplit(url).hostname or ""
    data = json.dumps(body, ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=timeout) as response:
            answer = response.read(ANSWER_BYTES)
    except urllib.error.HTTPError as error:
        return WebhookResult(host, False, t("delivery_webhook_status", lang, host=host, status=error.code))
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return WebhookResult(host, False, t("delivery_webhook_unreachable", lang, host=host, reason=str(reason)))
    try:
        said = json.loads(answer.decode("utf-8"))
    except ValueError:
        said = None
    if isinstance(said, dict) and said.get("errcode", 0) not in (0, "0"):
        message = f"{said.get('errcode')} {said.get('errmsg', '')}".strip()
        return WebhookResult(host, False, t("delivery_webhook_refused", lang, host=host, reason=message))
    return WebhookResult(host, True)


def _finish(db: Database, delivery: Delivery, webhook: str | None, form: str, who: str) -> Delivery:
    """Post the summary (if asked), then write the audit row; the delivery with the post's result."""
    if webhook:
        delivery = dataclasses.replace(delivery, webhook=post(webhook, payload(delivery, form), delivery.lang))
    details = []
    if delivery.refusal:
        details.append(f"refused {delivery.refusal}")
    if delivery.failed:
        details.append(f"{len(delivery.failed)} failed")
    if delivery.webhook is not None:
        details.append(f"webhook {delivery.webhook.host} {'ok' if delivery.webhook.ok else 'failed'}")
    # the files are written whatever the log can take: a row the storage refuses waits in the spool
    # (incentive/store/failed_writes.py) and the delivery is reported as it went
    with contextlib.suppress(StorageFault):
        audit.record(
            db,
            who,
            "deliver",
            target=delivery.period,
            file_name=str(delivery.out_dir.resolve()),
            rows=len(delivery.written),
            outcome=delivery.outcome,
            detail="; ".join(details),
        )
    return delivery
