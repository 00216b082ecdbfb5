"""`python -m incentive [--db PATH] COMMAND`: the same importer, history and exports as the app, for scripts.

Exit codes: 0 success, 1 a file refused (or a rollback refused; a delivery refused or partial), 2 usage error,
3 database held by the running app.
Messages and summaries go to stderr so stdout stays machine-readable
(docs/decisions.md#standard-output-and-standard-error): only `batches`, `export`, `settings` and `check`'s findings
write to stdout, `alerts` its list and `deliver` the paths of the files it wrote.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path

import pandas as pd

from incentive import access, periods
from incentive.accounts import users
from incentive.accounts.roles import ROLES, command_line
from incentive.alerts import listing
from incentive.care import welfare
from incentive.config import database_location, database_path, delivery_webhook
from incentive.cycle import tracker
from incentive.demo import synth
from incentive.demo.sample import has_sample, load_sample
from incentive.i18n import DEFAULT_LANGUAGE, TranslatedError, t
from incentive.intake import checks
from incentive.intake.bulk_csv import parse_path
from incentive.intake.file_kinds import KINDS
from incentive.intake.preview import effects_text
from incentive.publication import freeze, official
from incentive.race import scoring
from incentive.race.rankings import LEVELS, PeerGroup, available_periods, export_table, rank_period
from incentive.race.scoring import ScoringError
from incentive.sharing import bulletin, delivery
from incentive.sharing.export import (
    EXPORT_KINDS,
    coverage_frame,
    export_frame,
    movements_summary_frame,
    to_csv_bytes,
    to_xlsx_bytes,
    untrained_frame,
    welfare_status_frame,
)
from incentive.store import audit, backup, batches, queries, settings
from incentive.store.batches import BatchError
from incentive.store.database import Database, DatabaseLocked
from incentive.store.effects import import_effects
from incentive.store.lake import LakeLocation
from incentive.store.reference import current_reference

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """--db, --lang and --wait, accepted before the command and after it (`incentive import x.csv --db d.duckdb`):
    the copies on each command have no default, so they only override what was given before the command."""

    def default(value):
        return value if defaults else argparse.SUPPRESS

    parser.add_argument(
        "--db", default=default(None), help="DuckDB file (default: $INCENTIVE_DB or data/incentive.duckdb)"
    )
    parser.add_argument("--lang", choices=("zh", "en"), default=default(DEFAULT_LANGUAGE), help="message language")
    parser.add_argument(
        "--wait",
        type=float,
        default=default(30.0),
        help="seconds to wait while another process holds the database (default 30)",
    )


class _Commands:
    """Subcommands that all accept the global options too."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self.sub = parser.add_subparsers(dest="command", required=True)

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        command = self.sub.add_parser(name, **kwargs)
        _global_options(command, defaults=False)
        return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incentive", description="干部激励看板 command line (also python -m incentive)"
    )
    _global_options(parser, defaults=True)
    sub = _Commands(parser)

    init = sub.add_parser("init", help="create the schema")
    init.add_argument("--sample", action="store_true", help="also load the bundled sample data")

    imp = sub.add_parser("import", help="import files, each all-or-nothing")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--kind", choices=sorted(KINDS))
    imp.add_argument("--skip-invalid", action="store_true", help="import valid rows, report rejected ones")
    imp.add_argument("--rejects", type=Path, help="with --skip-invalid: write rejected rows as CSV here")
    imp.add_argument("--period", help="period of a wide file that has none (e.g. 2025Q2)")
    imp.add_argument("--as-of", dest="as_of", help="as-of date of a roster that has none (e.g. 2025-06-30)")

    listing = sub.add_parser("batches", help="list import batches, oldest first")
    listing.add_argument("--format", choices=("table", "json"), default="table")

    rollback = sub.add_parser("rollback", help="undo one batch exactly (asks for confirmation)")
    rollback.add_argument("batch_id", type=int)
    rollback.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    sub.add_parser("remove-sample", help="roll back every batch of the bundled sample data")

    check = sub.add_parser(
        "check",
        help="values of the loaded data outside their plausible range, and unusual "
        "changes from the previous period (one line each; exit 0)",
    )
    check.add_argument("--format", choices=("text", "csv"), default="text")

    snapshot = sub.add_parser("backup", help="copy the whole database to a new file (a consistent snapshot)")
    snapshot.add_argument("path", type=Path)
    restore = sub.add_parser("restore", help="replace the database with a backup (stop the app first)")
    restore.add_argument("path", type=Path)

    synth = sub.add_parser("synth", help="write a fictional province or prefecture's files (for benchmarks)")
    synth.add_argument("--scale", choices=("province", "prefecture"), default="province")
    synth.add_argument("--out", type=Path, required=True)
    synth.add_argument("--seed", type=int, help="random seed (default: the scale's fixed seed)")

    sub.add_parser("hash-password", help="print the argon2 hash of a new password (read twice, not echoed)")
    unlock = sub.add_parser("unlock", help="let an administrator name locked by failed sign-ins sign in again")
    unlock.add_argument("name")

    account = sub.add_parser("user", help="accounts kept in the database (as on the users page): list, add, change")
    account.add_argument("action", choices=("list", "add", "change", "password", "deactivate", "activate"))
    account.add_argument("name", nargs="?", help="the account (all but list)")
    account.add_argument("--role", choices=ROLES, help="add (required), change")
    account.add_argument("--county", help="add, change: the county of a county role")
    account.add_argument("--identity", help="add, change: a single sign-on identity (e-mail)")

    setting = sub.add_parser("settings", help="show the settings, or change one: settings KEY VALUE")
    setting.add_argument("key", nargs="?")
    setting.add_argument("value", nargs="?")

    publish = sub.add_parser(
        "publish", help="publish a period's ranking and care statuses officially (a new version each time)"
    )
    publish.add_argument("--period", required=True)
    publish.add_argument("--document-no", dest="document_no", default="", help="文号 of the publication")
    publish.add_argument("--note", default="")
    publish.add_argument("--reason", default="", help="required when the period is already published")
    publish.add_argument(
        "--override-pending", dest="override", default="", help="why to publish while submissions await review"
    )

    warnings = sub.add_parser(
        "alerts", help="the warning list (预警清单) of a year or a period, most severe first (exact figures)"
    )
    when = warnings.add_mutually_exclusive_group()
    when.add_argument("--period", help="one period, e.g. 2026Q3 (each rule whose periods have its form)")
    when.add_argument("--year", type=int, help="a calendar year (default: the newest year with data)")
    warnings.add_argument("--county", help="one county's warnings")
    warnings.add_argument("--format", choices=("table", "csv"), default="table")

    deliver = sub.add_parser(
        "deliver",
        help="write a period's 通报 (Word), briefings (PDF) and warning list into a folder, for cron or a timer",
    )
    deliver.add_argument(
        "--period", required=True, help="e.g. 2026Q3; or last-quarter / last-half: the one before today's"
    )
    deliver.add_argument("--out", type=Path, required=True, help="the folder (created if missing)")
    deliver.add_argument(
        "--webhook", help="post a summary to this intranet robot address (default: $INCENTIVE_WEBHOOK)"
    )
    deliver.add_argument(
        "--webhook-format",
        dest="webhook_format",
        choices=delivery.WEBHOOK_FORMATS,
        default="text",
        help='text: {"msgtype": "text", …} as WeCom and DingTalk robots take it; json: the summary\'s fields',
    )
    deliver.add_argument("--no-pdf", dest="pdf", action="store_false", help="leave the PDF briefings out")
    deliver.add_argument(
        "--published", action="store_true", help="refuse a period whose ranking is not officially published"
    )

    export = sub.add_parser("export", help="current rows of a kind in canonical columns, or the rankings")
    export.add_argument(
        "kind",
        choices=(
            *EXPORT_KINDS,
            "rankings",
            "coverage",
            "untrained",
            "welfare_status",
            "movements_summary",
            "progress",
            "reminders",
            "audit",
            "bulletin",
        ),
    )
    export.add_argument("--year", type=int, help="movements_summary, progress, reminders: the calendar year")
    export.add_argument("--period")
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    export.add_argument("--out", type=Path)
    ranking = export.add_argument_group("rankings")
    ranking.add_argument("--compare", help="compare period: adds compare_rank and rank_change")
    ranking.add_argument("--method", choices=scoring.METHODS, help="default z")
    export.add_argument(
        "--published",
        action="store_true",
        help="rankings, welfare_status, bulletin: the period's published results (审定发布), not current data",
    )
    ranking.add_argument("--weights", help="track weights, e.g. 项目建设=0.4,乡村振兴=0.2 (others keep their share)")
    ranking.add_argument("--level", choices=LEVELS, default="county")
    ranking.add_argument("--county", help="with --level township: whose townships; bulletin: the county's 通报")
    ranking.add_argument(
        "--tiers", help="percent of units in the first and the third tier, e.g. 30,30 (default: a third each)"
    )
    trained = export.add_argument_group("coverage")
    trained.add_argument("--by", choices=("county", "unit", "rank"), default="county")
    trained.add_argument(
        "--suppress",
        action="store_true",
        help="coverage, movements_summary: hide what a viewer of the app does not see (small "
        "groups and counts, and the figures withheld with them so they cannot be worked out "
        "from totals), for sharing",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 on usage errors
    lang = args.lang
    if args.command == "hash-password":  # needs no database
        return _hash_password(lang)
    if args.command == "synth":  # writes files, no database
        return _synth(args, lang)
    if args.command == "restore":  # replaces the file: must not open it first
        return _restore(args, lang)
    if args.command == "export" and args.out is not None and not args.out.parent.is_dir():
        # said before any work, instead of a traceback when the file is written
        print(t("cli_out_folder_missing", lang, path=args.out, folder=args.out.parent), file=sys.stderr)
        return EXIT_USAGE
    try:
        db = Database(database_location(args.db), wait_seconds=args.wait)
    except DatabaseLocked:
        print(t("cli_locked", lang, path=database_path(args.db)), file=sys.stderr)
        return EXIT_LOCKED
    try:
        return COMMANDS[args.command](db, args, lang)
    except UsageError as error:  # a value the command cannot take, said before any work
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `incentive check | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        db.close()


def _synth(args, lang: str) -> int:
    for path in synth.generate(args.out, synth.SCALES[args.scale], seed=args.seed):
        print(t("cli_synth_file", lang, file=path.name, mb=path.stat().st_size / 1024 / 1024), file=sys.stderr)
    return EXIT_OK


def _init(db: Database, args, lang: str) -> int:
    print(t("cli_init", lang, path=db.path), file=sys.stderr)
    if args.sample and has_sample(db):
        print(t("cli_sample_present", lang), file=sys.stderr)
    elif args.sample:
        ids = load_sample(db, _who())
        print(t("cli_sample", lang, n=len(ids)), file=sys.stderr)
    return EXIT_OK


def _import(db: Database, args, lang: str) -> int:
    status = EXIT_OK
    rejects = []
    for path in args.files:
        reference = current_reference(db)
        print(t("cli_reading", lang, file=path.name), file=sys.stderr)
        try:
            preview = parse_path(
                path, reference, kind=args.kind, period=args.period, as_of=args.as_of, skip_invalid=args.skip_invalid
            )
        except OSError as e:
            print(t("cli_cannot_read", lang, path=path, reason=e.strerror), file=sys.stderr)
            status = EXIT_REFUSED
            continue
        if not preview.importable:
            print(t("cli_refused", lang, file=path.name), file=sys.stderr)
            for line in preview.problem_texts(lang):
                print("  " + line, file=sys.stderr)
            _print_notes(preview, lang)
            if has_sample(db):
                print(t("cli_sample_hint", lang), file=sys.stderr)
            with contextlib.suppress(BatchError):  # the importer records the refusal, then says no
                batches.import_preview(db, preview, source="cli", created_by=_who())
            status = EXIT_REFUSED
            continue
        checks.add_warnings(db, preview, reference)
        _print_notes(preview, lang)
        for line in preview.problem_texts(lang):
            print("  " + line, file=sys.stderr)
        if preview.problems:
            table = preview.rejects_table(lang)
            table.insert(0, t("col_file", lang), path.name)
            rejects.append(table)
        effects = import_effects(db, preview)
        batch = batches.import_preview(db, preview, source="cli", created_by=_who())
        print(
            t(
                "cli_imported",
                lang,
                file=path.name,
                kind=t(f"kind_{preview.kind}", lang),
                rows=len(preview.rows),
                batch=batch,
            )
            + effects_text(preview.kind, effects, lang),
            file=sys.stderr,
        )
    if args.rejects and rejects:
        args.rejects.write_bytes(to_csv_bytes(pd.concat(rejects, ignore_index=True)))
    return status


def _print_notes(preview, lang: str) -> None:
    """What the importer changed and why (notes), and what deserves a second look (warnings): one line each."""
    for note in preview.notes:
        print("  " + t("cli_note", lang, text=note.text(lang)), file=sys.stderr)
    for warning in preview.warnings:
        print("  " + t("cli_warning", lang, text=warning.text(lang)), file=sys.stderr)


def _check(db: Database, args, lang: str) -> int:
    """The plausibility findings of the loaded data: a line each (or a CSV) on stdout, the count on stderr."""
    found = checks.findings(db, command_line(_who()).scope)
    if args.format == "csv":
        sys.stdout.buffer.write(to_csv_bytes(checks.findings_frame(found, lang)))
        sys.stdout.flush()
    else:
        for finding in found:
            print(finding.line(lang))
    print(
        t(
            "cli_check_summary",
            lang,
            bounds=sum(f.check == "bounds" for f in found),
            changes=sum(f.check == "change" for f in found),
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def _batches(db: Database, args, lang: str) -> int:
    frame = batches.history(db)
    if args.format == "json":
        records = []
        for row in frame.to_dict("records"):
            row["created_at"] = row["created_at"].isoformat(sep=" ", timespec="seconds")
            rolled = row["rolled_back_at"]
            row["rolled_back_at"] = (
                None if rolled is None or rolled != rolled else rolled.isoformat(sep=" ", timespec="seconds")
            )
            submission = row["submission_id"]  # NULL reads as NaN in a float column: null in JSON, not NaN
            row["submission_id"] = None if submission is None or submission != submission else int(submission)
            records.append(row)
        print(json.dumps(records, ensure_ascii=False, indent=1, default=str))
    else:
        shown = frame[["id", "kind", "file", "rows", "status", "source", "created_at"]]
        print(shown.to_string(index=False) if len(shown) else "(no batches)")
    return EXIT_OK


def _rollback(db: Database, args, lang: str) -> int:
    """As on the Data page, a rollback is confirmed first: interactively, or with --yes in scripts."""
    if not args.yes:
        if not sys.stdin.isatty():
            print(t("cli_rollback_needs_yes", lang, batch=args.batch_id), file=sys.stderr)
            return EXIT_USAGE
        answer = input(t("cli_rollback_confirm", lang, batch=args.batch_id))
        if answer.strip().lower() not in ("y", "yes", "是"):
            print(t("cli_rollback_cancelled", lang), file=sys.stderr)
            return EXIT_REFUSED
    try:
        batches.rollback(db, args.batch_id, _who())
    except BatchError as e:
        print(e.text(lang), file=sys.stderr)
        return EXIT_REFUSED
    print(t("cli_rolled_back", lang, batch=args.batch_id), file=sys.stderr)
    return EXIT_OK


def _remove_sample(db: Database, args, lang: str) -> int:
    print(t("data_sample_removed", lang, n=batches.rollback_source(db, "sample", _who())), file=sys.stderr)
    return EXIT_OK


def _export(db: Database, args, lang: str) -> int:
    period = _period_option(args.period)
    if args.format == "xlsx" and not args.out:
        print(t("cli_xlsx_needs_out", lang), file=sys.stderr)
        return EXIT_USAGE
    if args.kind == "bulletin":
        return _bulletin(db, args, period, lang)
    if args.kind == "rankings":
        try:
            frame = _rankings_frame(db, args, period, lang)
        except (ScoringError, UsageError) as error:
            print(error.text(lang), file=sys.stderr)
            return EXIT_USAGE
    elif args.kind == "coverage":
        if period is None:
            print(t("cli_coverage_needs_period", lang), file=sys.stderr)
            return EXIT_USAGE
        frame = coverage_frame(db, period, args.by, suppress=args.suppress)
    elif args.kind == "welfare_status":
        if period is None:
            print(t("cli_needs_period", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        publication = official.latest(db.connection, period) if args.published else None
        refusal = _welfare_status_refusal(db, period, args.published, publication, lang)
        if refusal:
            print(refusal, file=sys.stderr)
            return EXIT_USAGE
        frame = welfare_status_frame(db, period, publication.version if publication else None)
        frame = official.with_basis(frame, publication)
        print(t("cli_basis", lang, basis=official.basis_line(publication, lang)), file=sys.stderr)
    elif args.kind == "movements_summary":
        if args.year is None:
            print(t("cli_needs_year", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        frame = movements_summary_frame(db, args.year, suppress=args.suppress)
    elif args.kind in ("progress", "reminders"):  # 报送进度 as of today (docs/decisions.md#assessment-cycle)
        if args.year is None:
            print(t("cli_needs_year", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        rows = tracker.progress(
            db.connection, args.year, dt.date.today(), settings.current(db), county=args.county or ""
        )
        frame = tracker.export_table(tracker.reminders(rows) if args.kind == "reminders" else rows)
    elif args.kind == "audit":
        frame = audit.log(db)
    elif args.kind == "untrained":
        if period is None:
            print(t("cli_coverage_needs_period", lang), file=sys.stderr)
            return EXIT_USAGE
        frame = untrained_frame(db, period, args.county or "", command_line(_who()).scope)
    else:
        frame = export_frame(db, args.kind, period, scope=command_line(_who()).scope)
    if args.format == "xlsx":

        def progress(done: int, total: int) -> None:
            print(t("cli_writing_rows", lang, done=done, total=total), file=sys.stderr)

        data = to_xlsx_bytes(frame, args.kind, progress=progress)
    else:
        data = to_csv_bytes(frame)
    if args.out:
        args.out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    print(t("cli_exported", lang, rows=len(frame)), file=sys.stderr)
    return EXIT_OK


def _bulletin(db: Database, args, period: str | None, lang: str) -> int:
    """`export bulletin --period P [--county C] [--published] --out FILE.docx`: the 通报 as the app's button makes it
    (docs/decisions.md#bulletin); with --published, refused unless the period's ranking was published."""
    if period is None or not args.out:
        print(t("cli_bulletin_needs_period", lang), file=sys.stderr)
        return EXIT_USAGE
    try:
        content = bulletin.gather(db, period, args.county or "", lang)
    except bulletin.BulletinError as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    if args.published and not content.published:
        print(t("cli_not_published", lang, period=period), file=sys.stderr)
        return EXIT_USAGE
    args.out.write_bytes(bulletin.to_docx(content))
    print(t("cli_bulletin_written", lang, path=args.out, basis=content.basis), file=sys.stderr)
    return EXIT_OK


def _welfare_status_refusal(db: Database, period: str, published: bool, publication, lang: str) -> str:
    """Why `export welfare_status` has nothing for `period`, or '': never published (with --published), published
    without care statuses (the period had no care figures then: a quarter, usually), or no care figures at all."""
    if published and publication is None:
        return t("cli_not_published", lang, period=period)
    if published and official.welfare_view(db.connection, period) is None:
        return t("cli_published_without_care", lang, period=period, version=publication.version)
    stored = welfare.stored_periods(db.connection)
    if not published and period not in stored:
        return t("cli_no_care_period", lang, period=period, periods=", ".join(stored[-8:]) or "—")
    return ""


def _settings(db: Database, args, lang: str) -> int:
    if args.key is not None:
        if args.value is None:
            print(t("cli_setting_needs_value", lang), file=sys.stderr)
            return EXIT_USAGE
        try:
            value = settings.save(db, args.key, args.value, _who())
        except settings.SettingError as error:
            print(error.text(lang), file=sys.stderr)
            return EXIT_USAGE
        print(t("cli_setting_saved", lang, name=args.key, value=value), file=sys.stderr)
    for key, value in settings.current(db).items():
        print(f"{key}\t{value}")
    return EXIT_OK


def _backup(db: Database, args, lang: str) -> int:
    try:
        backup.backup_to(db, args.path, _who())
    except backup.BackupError as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    print(t("cli_backup_done", lang, path=args.path), file=sys.stderr)
    return EXIT_OK


def _restore(args, lang: str) -> int:
    """The backup replaces the database file; the old file is kept beside it as .before-restore."""
    if isinstance(database_location(args.db), LakeLocation):
        print(t("cli_restore_lake", lang), file=sys.stderr)  # docs/deployment.md: restore a lake from its catalog
        return EXIT_USAGE
    target = Path(database_path(args.db))
    try:
        kept = backup.restore(args.path, target, _who())
    except backup.BackupError as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    except DatabaseLocked:  # the app (or another process) holds the file: restore only with it stopped
        print(t("cli_locked", lang, path=target), file=sys.stderr)
        return EXIT_LOCKED
    print(t("cli_restored", lang, path=args.path, kept=kept), file=sys.stderr)
    return EXIT_OK


def _hash_password(lang: str) -> int:
    """A hash for secrets.toml or INCENTIVE_ADMINS; the password is read without echo (or from stdin when piped)."""
    if sys.stdin.isatty():
        password = getpass.getpass(t("cli_password", lang))
        if getpass.getpass(t("cli_password_again", lang)) != password:
            print(t("cli_password_mismatch", lang), file=sys.stderr)
            return EXIT_USAGE
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < users.MIN_PASSWORD:  # the same minimum as the accounts of the users page
        print(t("account_password_short", lang, n=users.MIN_PASSWORD), file=sys.stderr)
        return EXIT_USAGE
    print(access.hash_password(password))
    return EXIT_OK


def _read_password(lang: str) -> str | None:
    """A new password, read twice without echo (or once from stdin when piped); None when the entries differ."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass(t("cli_password", lang))
    if getpass.getpass(t("cli_password_again", lang)) != password:
        print(t("cli_password_mismatch", lang), file=sys.stderr)
        return None
    return password


def _user(db: Database, args, lang: str) -> int:
    """`incentive user …`: the users page's changes, from the machine (whose rights are the prefecture's). The
    first administrators of secrets.toml are not known here; the app refuses their names for new accounts."""
    if args.action == "list":
        sys.stdout.buffer.write(to_csv_bytes(users.listing(db)))
        return EXIT_OK
    if not args.name or (args.action == "add" and not args.role):
        print(t("cli_user_usage", lang), file=sys.stderr)
        return EXIT_USAGE
    name, who = args.name.strip(), _who()
    try:
        if args.action == "add":
            password = _read_password(lang) if args.identity is None else None
            if args.identity is None and password is None:
                return EXIT_USAGE
            users.add(db, name, args.role, args.county, password, who, identity=args.identity)
            message = t("users_added", lang, name=name)
        elif args.action == "change":
            users.change(db, name, who, role=args.role, county=args.county, identity=args.identity)
            message = t("users_changed", lang, name=name)
        elif args.action == "password":
            password = _read_password(lang)
            if password is None:
                return EXIT_USAGE
            users.reset_password(db, name, password, who)
            message = t("users_reset_done", lang, name=name)
        else:
            active = args.action == "activate"
            users.set_active(db, name, active, who)
            message = t("users_reactivated" if active else "users_deactivated", lang, name=name)
    except users.AccountError as refused:
        print(refused.text(lang), file=sys.stderr)
        return EXIT_REFUSED
    print(message, file=sys.stderr)
    return EXIT_OK


def _unlock(db: Database, args, lang: str) -> int:
    """The name's failed sign-ins so far stop counting, in the running app too (it reads the audit log)."""
    access.unlock(db, args.name, _who())
    print(t("cli_unlocked", lang, name=args.name.strip()), file=sys.stderr)
    return EXIT_OK


class UsageError(TranslatedError):
    """A command line the export cannot serve; its sentence names what to change."""


def _period_option(value: str | None) -> str | None:
    """`--period` in its canonical form (periods.parse_period), None when not given; UsageError when unreadable."""
    if not value:
        return None
    period = periods.parse_period(value)
    if period is None:
        raise UsageError("cli_bad_period", value=value)
    return period


def _rankings_frame(db: Database, args, period: str | None, lang: str) -> pd.DataFrame:
    if period is None:
        raise UsageError("cli_rankings_need_period")
    if args.level == "township" and not args.county:
        raise UsageError("cli_township_needs_county")
    compare_period = None
    if args.compare:
        compare_period = periods.parse_period(args.compare)
        if compare_period is None:
            raise UsageError("cli_bad_period", value=args.compare)
    group = PeerGroup(args.level, args.county or "")
    if args.published:
        return _published_rankings(db, args, period, compare_period, group, lang)
    available = available_periods(db.connection, group)
    for wanted in filter(None, (period, compare_period)):
        if wanted not in available:
            raise UsageError("cli_no_race_period", period=wanted, periods=", ".join(available[-8:]) or "—")
    weights = scoring.parse_weights(args.weights) if args.weights else None
    tiers = scoring.parse_tier_shares(args.tiers) if args.tiers else scoring.TIER_SHARES
    method = args.method or "z"
    ranking = rank_period(db.connection, period, group, method=method, weights=weights, tier_shares=tiers)
    compare = None
    if compare_period:
        compare = rank_period(
            db.connection, compare_period, group, method=method, weights=weights, draws=0, sensitivity=False
        )
    print(t("cli_basis", lang, basis=official.basis_line(None, lang)), file=sys.stderr)
    return official.with_basis(export_table(ranking, group, compare, lang), None)


def _published_rankings(db: Database, args, period: str, compare_period: str | None, group, lang: str):
    """`export rankings --published`: the frozen ranking of the period's newest version; the compare period's
    published one where it was published, else its live official one (docs/decisions.md#publication)."""
    if args.method or args.weights or args.tiers:
        raise UsageError("cli_published_options")
    publication = official.latest(db.connection, period)
    if publication is None:
        raise UsageError("cli_not_published", period=period)
    ranking = official.ranking(db.connection, period, group)
    if ranking is None and official.frozen_ranks(db.connection, publication).empty:
        raise UsageError("cli_published_without_ranking", period=period, version=publication.version)
    if ranking is None:
        raise UsageError(
            "cli_published_without_townships", period=period, version=publication.version, county=group.county
        )
    compare = None
    if compare_period:
        compare = official.ranking(db.connection, compare_period, group) or rank_period(
            db.connection, compare_period, group, draws=0, sensitivity=False
        )
    print(t("cli_basis", lang, basis=official.basis_line(publication, lang)), file=sys.stderr)
    return official.with_basis(export_table(ranking, group, compare, lang), publication)


def _publish(db: Database, args, lang: str) -> int:
    """Publish a period as the prefecture administrator (the CLI's role, accounts.roles.command_line)."""
    period = _period_option(args.period)
    if period is None:  # `--period ""`
        raise UsageError("cli_bad_period", value=args.period)
    try:
        publication = freeze.publish(
            db,
            period,
            _who(),
            document_no=args.document_no,
            note=args.note,
            reason=args.reason,
            pending=lambda p: freeze.pending_submissions(db, p),
            override_reason=args.override,
        )
    except freeze.PublicationError as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_REFUSED
    ranks = official.frozen_ranks(db.connection, publication)
    statuses = official.welfare_view(db.connection, period, publication.version)
    frozen = freeze.Contents(period, not ranks.empty, statuses is not None)  # what was frozen, said exactly
    print(
        t(
            f"cli_published_{frozen.key}",
            lang,
            period=period,
            version=publication.version,
            ranks=len(ranks),
            statuses=0 if statuses is None else len(statuses.table),
            data=publication.data_version,
        ),
        file=sys.stderr,
    )
    print(official.basis_line(publication, lang), file=sys.stderr)
    return EXIT_OK


def _alerts(db: Database, args, lang: str) -> int:
    """预警清单 on standard output (a line each, or CSV with the data of each as JSON), the counts on standard error;
    judged on today's date, with the prefecture's scope and exact figures (docs/decisions.md#alerts)."""
    period = _period_option(args.period)
    counties = queries.run(db.connection, "race_units", county="")["unit"].tolist()
    if args.county and args.county not in counties:
        print(t("cli_alerts_unknown_county", lang, county=args.county, counties="、".join(counties)), file=sys.stderr)
        return EXIT_USAGE
    year = None
    if period is None:
        years = queries.run(db.connection, "data_years")["year"].tolist()
        year = args.year or (int(years[0]) if years else dt.date.today().year)
    found = listing.build(
        db.connection, dt.date.today(), settings.current(db), command_line(_who()).scope, year=year, period=period
    )
    chosen = listing.filtered(found.alerts, args.county or "")
    if args.format == "csv":
        sys.stdout.buffer.write(to_csv_bytes(listing.export_table(chosen, lang)))
        sys.stdout.flush()
    else:
        for i, alert in enumerate(chosen, 1):
            print(f"{i}. [{listing.level_label(alert.level, lang)}] {alert.sentence(lang)}")
    counts = listing.level_counts(chosen)
    print(
        t("cli_alerts_summary", lang, n=len(chosen), **counts, judged=listing.judged_text(found.judged, lang)),
        file=sys.stderr,
    )
    return EXIT_OK


def _deliver(db: Database, args, lang: str) -> int:
    """The period's documents into a folder (docs/decisions.md#delivery): a line per file on standard error as it
    is written, the paths written on standard output, then the summary; 1 when refused, when a file could not be
    made, or when the webhook did not take the summary (the files are kept)."""
    period = delivery.resolve_period(args.period, dt.date.today())
    if period is None:
        print(t("cli_deliver_bad_period", lang, value=args.period), file=sys.stderr)
        return EXIT_USAGE
    webhook = args.webhook or delivery_webhook()
    if webhook and delivery.webhook_problem(webhook):
        print(t(delivery.webhook_problem(webhook), lang), file=sys.stderr)
        return EXIT_USAGE

    def progress(file: delivery.DeliveredFile, done: int, total: int) -> None:
        if file.written:
            line = t("cli_deliver_written", lang, done=done, total=total, name=file.name, kb=f"{file.size / 1024:.0f}")
        else:
            line = t("cli_deliver_failed", lang, done=done, total=total, name=file.name, reason=file.error)
        print(line, file=sys.stderr, flush=True)

    done = delivery.deliver(
        db,
        period,
        args.out,
        lang,
        progress=progress,
        pdf=args.pdf,
        published_only=args.published,
        webhook=webhook,
        webhook_format=args.webhook_format,
        who=_who(),
    )
    if done.refused:
        print(done.refused, file=sys.stderr)
    else:
        for file in done.written:
            print(done.out_dir / file.name)
        counts = done.counts()
        print(
            t("cli_deliver_summary", lang, period=period, n=len(done.written), path=done.out_dir, **counts),
            file=sys.stderr,
        )
        if done.failed:
            print(t("cli_deliver_incomplete", lang, failed=len(done.failed)), file=sys.stderr)
    if done.webhook is not None and done.webhook.ok:
        print(t("cli_deliver_webhook_ok", lang, host=done.webhook.host), file=sys.stderr)
    elif done.webhook is not None and done.refused:
        print(done.webhook.error, file=sys.stderr)
    elif done.webhook is not None:
        print(t("cli_deliver_webhook_failed", lang, reason=done.webhook.error), file=sys.stderr)
    return EXIT_OK if done.complete else EXIT_REFUSED


def _who() -> str:
    try:
        return "cli:" + getpass.getuser()
    except Exception:  # no user name in some containers
        return "cli"


COMMANDS = {
    "init": _init,
    "import": _import,
    "batches": _batches,
    "rollback": _rollback,
    "remove-sample": _remove_sample,
    "export": _export,
    "settings": _settings,
    "backup": _backup,
    "check": _check,
    "unlock": _unlock,
    "publish": _publish,
    "alerts": _alerts,
    "deliver": _deliver,
    "user": _user,
}
