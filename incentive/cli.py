"""`python -m incentive [--db PATH] COMMAND`: the same importer, history and exports as the app, for scripts.

Exit codes: 0 success, 1 a file refused (or a rollback refused; a delivery refused or partial), 2 usage error,
3 database held by the running app, 4 the storage refused (docs/decisions.md#storage-faults).
Messages and summaries go to stderr so stdout stays machine-readable
(docs/decisions.md#standard-output-and-standard-error): only `batches`, `export`, `settings` and `check`'s findings
write to stdout, `alerts` its list and `deliver` the paths of the files it wrote.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import sys
from pathlib import Path

import duckdb
import pandas as pd

from incentive import access, file_modes, periods
from incentive.accounts import users
from incentive.accounts.roles import ROLES, command_line
from incentive.care import appraisals, movements, welfare
from incentive.config import WEBHOOK_FORMATS, database_location, database_path, delivery_webhook
from incentive.cycle import tracker
from incentive.demo.sample import has_sample, load_sample
from incentive.i18n import DEFAULT_LANGUAGE, LANGUAGES, TEXT, TranslatedError, capital, t
from incentive.intake import checks
from incentive.intake.bulk_csv import parse_path
from incentive.intake.file_kinds import KINDS
from incentive.intake.place_names import NameMatcher
from incentive.intake.preview import (
    before_roster_text,
    effects_text,
    lone_months_text,
    rescoring_example,
    rescoring_lines,
    unknown_cadres_text,
    values_text,
)
from incentive.intake.written_periods import readings_text
from incentive.labels import roster_change_lines, time_text, value_change_lines
from incentive.publication import freeze, official
from incentive.race import ranking_tables, rankings, scoring
from incentive.race.rankings import LEVELS, PeerGroup, available_periods, export_table, rank_period
from incentive.race.scoring import ScoringError
from incentive.sharing.export import (
    EXPORT_KINDS,
    appraisal_summary_frame,
    coverage_frame,
    export_frame,
    movements_summary_frame,
    promotion_training_frame,
    to_csv_bytes,
    to_xlsx_bytes,
    untrained_frame,
    welfare_status_frame,
)
from incentive.store import audit, backup, batches, queries, rollback_effects, settings
from incentive.store.batches import BatchError
from incentive.store.cadre_id_case_records import case_records
from incentive.store.database import Database, DatabaseLocked
from incentive.store.effects import import_effects, value_changes
from incentive.store.lake import LakeLocation
from incentive.store.reference import current_reference
from incentive.store.roster_changes import roster_changes
from incentive.store.storage_faults import StorageFault, fault_of
from incentive.training.coverage import period_window, reported

# The 通报, the delivery and the alerts are imported by the commands that use them (`from … import` in the
# function): with python-docx, urllib's TLS and the alert rules they are about a fifth of a start, and every
# command pays its start (`import`, `batches` and `check` in scripts, one process each).

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_LOCKED, EXIT_STORAGE = 0, 1, 2, 3, 4
FILE_REFUSED = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}  # said as exit 4, not a traceback


def _global_options(parser: argparse.ArgumentParser, defaults: bool, lang: str) -> None:
    """--db, --lang and --wait, accepted before the command and after it (`incentive import x.csv --db d.duckdb`):
    the copies on each command have no default, so they only override what was given before the command."""

    def default(value):
        return value if defaults else argparse.SUPPRESS

    parser.add_argument("--db", default=default(None), help=t("cli_help_db", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=default(DEFAULT_LANGUAGE), help=t("cli_help_lang", lang))
    parser.add_argument("--wait", type=_number(lang), default=default(30.0), help=t("cli_help_wait", lang))


class _Commands:
    """Subcommands that all accept the global options too; a command's help is also its description (what
    `incentive COMMAND --help` says first)."""

    def __init__(self, parser: argparse.ArgumentParser, lang: str) -> None:
        self.lang = lang
        self.sub = parser.add_subparsers(dest="command", required=True, metavar=t("cli_metavar_command", lang))

    def add_parser(self, name: str, help_key: str) -> argparse.ArgumentParser:
        said = t(help_key, self.lang)
        command = self.sub.add_parser(name, help=said, description=said)
        _global_options(command, defaults=False, lang=self.lang)
        return command


def _whole_number(lang: str):
    """argparse's `type` for a whole number, refusing other text with a sentence in `lang`."""

    def whole_number(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli_arg_not_whole", lang, value=text)) from None

    return whole_number


def _number(lang: str):
    """argparse's `type` for a number (seconds), refusing other text with a sentence in `lang`."""

    def number(text: str) -> float:
        try:
            return float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(t("cli_arg_not_number", lang, value=text)) from None

    return number


OTHER_EXPORTS = (  # beside the stored kinds (EXPORT_KINDS): figures computed from them, and the logs
    *(
        "rankings",
        "coverage",
        "untrained",
        "welfare_status",
        "movements_summary",
        "appraisal_summary",
        "progress",
        "reminders",
    ),
    "promotion_training",
    *("audit", "bulletin"),
)


def build_parser(lang: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    """The command line, its help in `lang` (argparse's own words too, when parsing inside _argparse_language)."""

    def h(key: str) -> str:
        return t(key, lang)

    def positional(key: str) -> dict:  # its name in usage lines and in "required" errors
        return {"metavar": h(key)}

    whole = _whole_number(lang)
    parser = argparse.ArgumentParser(prog="incentive", description=h("cli_help_description"))
    _global_options(parser, defaults=True, lang=lang)
    sub = _Commands(parser, lang)

    init = sub.add_parser("init", "cli_help_init")
    init.add_argument("--sample", action="store_true", help=h("cli_help_init_sample"))

    imp = sub.add_parser("import", "cli_help_import")
    imp.add_argument("files", nargs="+", type=Path, help=h("cli_help_import_files"), **positional("cli_metavar_file"))
    imp.add_argument("--kind", choices=sorted(KINDS), help=h("cli_help_import_kind"))
    imp.add_argument("--skip-invalid", action="store_true", help=h("cli_help_import_skip_invalid"))
    imp.add_argument("--rejects", type=Path, help=h("cli_help_import_rejects"))
    imp.add_argument("--period", help=h("cli_help_import_period"))
    imp.add_argument("--as-of", dest="as_of", help=h("cli_help_import_as_of"))
    imp.add_argument("--replace-roster", dest="replace_roster", action="store_true", help=h("cli_help_replace_roster"))

    listing = sub.add_parser("batches", "cli_help_batches")
    listing.add_argument("--format", choices=("table", "json"), default="table", help=h("cli_help_format"))

    rollback = sub.add_parser("rollback", "cli_help_rollback")
    rollback.add_argument("batch_id", type=whole, help=h("cli_help_rollback_batch"), **positional("cli_metavar_batch"))
    rollback.add_argument("--yes", action="store_true", help=h("cli_help_rollback_yes"))

    remove_sample = sub.add_parser("remove-sample", "cli_help_remove_sample")
    remove_sample.add_argument("--yes", action="store_true", help=h("cli_help_rollback_yes"))

    check = sub.add_parser("check", "cli_help_check")
    check.add_argument("--format", choices=("text", "csv"), default="text", help=h("cli_help_format"))

    snapshot = sub.add_parser("backup", "cli_help_backup")
    snapshot.add_argument("path", type=Path, help=h("cli_help_backup_path"), **positional("cli_metavar_path"))
    restore = sub.add_parser("restore", "cli_help_restore")
    restore.add_argument("path", type=Path, help=h("cli_help_restore_path"), **positional("cli_metavar_path"))

    synth = sub.add_parser("synth", "cli_help_synth")
    synth.add_argument("--scale", choices=("province", "prefecture"), default="province", help=h("cli_help_scale"))
    synth.add_argument("--out", type=Path, required=True, help=h("cli_help_synth_out"))
    synth.add_argument("--seed", type=whole, help=h("cli_help_synth_seed"))

    sub.add_parser("hash-password", "cli_help_hash_password")
    unlock = sub.add_parser("unlock", "cli_help_unlock")
    unlock.add_argument("name", help=h("cli_help_unlock_name"), **positional("cli_metavar_name"))

    account = sub.add_parser("user", "cli_help_user")
    actions = ("list", "add", "change", "password", "deactivate", "activate")
    said = t("cli_help_user_action", lang, actions=", ".join(actions))
    account.add_argument("action", choices=actions, help=said, **positional("cli_metavar_action"))
    account.add_argument("name", nargs="?", help=h("cli_help_user_name"), **positional("cli_metavar_name"))
    account.add_argument("--role", choices=ROLES, help=h("cli_help_user_role"))
    account.add_argument("--county", help=h("cli_help_user_county"))
    account.add_argument("--identity", help=h("cli_help_user_identity"))

    setting = sub.add_parser("settings", "cli_help_settings")
    setting.add_argument("key", nargs="?", help=h("cli_help_settings_key"), **positional("cli_metavar_key"))
    setting.add_argument("value", nargs="?", help=h("cli_help_settings_value"), **positional("cli_metavar_value"))

    publish = sub.add_parser("publish", "cli_help_publish")
    publish.add_argument("--period", required=True, help=h("cli_help_publish_period"))
    publish.add_argument("--document-no", dest="document_no", default="", help=h("cli_help_publish_document_no"))
    publish.add_argument("--note", default="", help=h("cli_help_publish_note"))
    publish.add_argument("--reason", default="", help=h("cli_help_publish_reason"))
    publish.add_argument("--override-pending", dest="override", default="", help=h("cli_help_publish_override"))
    publish.add_argument(
        "--allow-incomplete",
        dest="allow_incomplete",
        action="store_true",
        help=h("cli_help_publish_allow_incomplete"),
    )

    warnings = sub.add_parser("alerts", "cli_help_alerts")
    when = warnings.add_mutually_exclusive_group()
    when.add_argument("--period", help=h("cli_help_alerts_period"))
    when.add_argument("--year", type=whole, help=h("cli_help_alerts_year"))
    warnings.add_argument("--county", help=h("cli_help_alerts_county"))
    warnings.add_argument("--format", choices=("table", "csv"), default="table", help=h("cli_help_format"))

    deliver = sub.add_parser("deliver", "cli_help_deliver")
    deliver.add_argument("--period", required=True, help=h("cli_help_deliver_period"))
    deliver.add_argument("--out", type=Path, required=True, help=h("cli_help_deliver_out"))
    deliver.add_argument("--webhook", help=h("cli_help_deliver_webhook"))
    deliver.add_argument(
        "--webhook-format",
        dest="webhook_format",
        choices=WEBHOOK_FORMATS,
        default="text",
        help=h("cli_help_deliver_webhook_format"),
    )
    deliver.add_argument("--no-pdf", dest="pdf", action="store_false", help=h("cli_help_deliver_no_pdf"))
    deliver.add_argument("--published", action="store_true", help=h("cli_help_deliver_published"))
    deliver.add_argument("--document-no", dest="document_no", help=h("cli_help_deliver_document_no"))

    export = sub.add_parser("export", "cli_help_export")
    kinds = (*EXPORT_KINDS, *OTHER_EXPORTS)
    said = t("cli_help_export_kind", lang, kinds=", ".join(kinds))
    export.add_argument("kind", choices=kinds, help=said, **positional("cli_metavar_kind"))
    export.add_argument("--year", type=whole, help=h("cli_help_export_year"))
    export.add_argument("--period", help=h("cli_help_export_period"))
    export.add_argument("--format", choices=("csv", "xlsx"), default="csv", help=h("cli_help_export_format"))
    export.add_argument("--out", type=Path, help=h("cli_help_export_out"))
    ranking = export.add_argument_group(h("cli_help_group_rankings"))
    ranking.add_argument("--compare", help=h("cli_help_export_compare"))
    ranking.add_argument("--method", choices=scoring.METHODS, help=h("cli_help_export_method"))
    export.add_argument("--published", action="store_true", help=h("cli_help_export_published"))
    ranking.add_argument("--weights", help=h("cli_help_export_weights"))
    ranking.add_argument("--level", choices=LEVELS, default="county", help=h("cli_help_export_level"))
    ranking.add_argument("--county", help=h("cli_help_export_county"))
    ranking.add_argument("--class", dest="peer_class", help=h("cli_help_export_class"))
    export.add_argument("--document-no", dest="document_no", help=h("cli_help_export_document_no"))
    ranking.add_argument("--tiers", help=h("cli_help_export_tiers"))
    trained = export.add_argument_group(h("cli_help_group_coverage"))
    trained.add_argument(
        "--by", choices=("county", "unit", "rank", "rank_group"), default="county", help=h("cli_help_export_by")
    )
    # every kind the export turns into the page's view, named from the list the export itself reads
    said = t("cli_help_export_suppress", lang, kinds=", ".join(SUPPRESSIBLE))
    export.add_argument("--suppress", action="store_true", help=said)
    return parser


# argparse's own sentences (usage:, options, error: …, invalid choice …) in Chinese, from the cli_argparse_ rows
# of i18n.TEXT, whose English side is argparse's message id, exactly (Python 3.11's; 3.13's headings too).
ARGPARSE_CHINESE = {en: zh for key, (zh, en) in TEXT.items() if key.startswith("cli_argparse_")}


@contextlib.contextmanager
def _argparse_language(lang: str):
    """argparse in `lang` while the parser is built and used (docs/decisions.md#cli-language). argparse says its
    words through the module-level `_` and `ngettext` (gettext's, bound when it is imported) at the moment it
    says them, so these two are replaced for Chinese and put back afterwards, also when argparse exits (an error,
    --help). A message id this table does not know (a newer Python's) stays English rather than failing."""
    if lang == "en":
        yield
        return

    def gettext(message: str) -> str:
        return ARGPARSE_CHINESE.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _requested_language(argv: list) -> str:
    """The --lang of the command line (`--lang en`, `--lang=en`; the last one wins, as argparse takes it), before
    argparse reads it: its own errors and the help must already speak it. The default when absent or unknown."""
    lang, words = DEFAULT_LANGUAGE, [str(arg) for arg in argv]
    for i, arg in enumerate(words):
        if arg == "--lang" and i + 1 < len(words):
            value = words[i + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        if value in LANGUAGES:
            lang = value
    return lang


def main(argv: list[str] | None = None) -> int:
    file_modes.keep_private()  # what the command makes is the service account's alone (incentive/file_modes.py)
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = _requested_language(argv)
    with _argparse_language(lang):
        args = build_parser(lang).parse_args(argv)  # exits 2 on usage errors
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
        print(_held_text(args, database_path(args.db), lang), file=sys.stderr)
        return EXIT_LOCKED
    except StorageFault as fault:  # a full disk, a read-only file, a catalog server gone: one sentence, no traceback
        print(fault.sentence(lang), file=sys.stderr)
        return EXIT_STORAGE
    try:
        return COMMANDS[args.command](db, args, lang)
    except StorageFault as fault:  # nothing was written (Database.transaction); said once, with its cause
        print(fault.sentence(lang), file=sys.stderr)
        return EXIT_STORAGE
    except duckdb.Error as error:  # a read the storage refused (DuckLake's catalog server stopped mid-command)
        fault = fault_of(error, writing=False)
        if fault is None:
            raise
        print(fault.sentence(lang), file=sys.stderr)
        return EXIT_STORAGE
    except OSError as error:  # a file the command writes (an export, a delivery's folder) on a full or read-only disk
        if error.errno not in FILE_REFUSED:
            raise
        path = error.filename or getattr(args, "out", None) or ""  # a write names no file; the command's --out does
        print(t("cli_file_refused", lang, path=path, reason=os.strerror(error.errno)), file=sys.stderr)
        return EXIT_STORAGE
    except UsageError as error:  # a value the command cannot take, said before any work
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `incentive check | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        db.close()


# Where the running app does what a command does, for the sentence said when it holds the database: the i18n key
# of the place (docs/decisions.md#one-writer-per-database-file); absent: nothing in the app does it (init, restore,
# exports of stored rows), so the app must be stopped.
IN_THE_APP = {
    "import": "cli_held_import",
    "batches": "cli_held_batches",
    "rollback": "cli_held_batches",
    "remove-sample": "cli_held_sample",
    "check": "cli_held_check",
    "backup": "cli_held_backup",
    "settings": "cli_held_settings",
    "unlock": "cli_held_users",
    "user": "cli_held_users",
    "publish": "cli_held_publish",
    "alerts": "cli_held_alerts",
    "deliver": "cli_held_deliver",
}
# The page whose download gives what an export gives (figures computed as the page shows them).
EXPORT_PAGES = {
    "rankings": "page_rankings",
    "bulletin": "page_rankings",
    "welfare_status": "page_welfare",
    "coverage": "page_training",
    "promotion_training": "page_training",
    "movements_summary": "page_movements",
    "appraisal_summary": "page_appraisals",
    "progress": "page_progress",
    "reminders": "page_progress",
    "audit": "page_data",
}


def _held_text(args, path, lang: str) -> str:
    """The running app holds the database: which command could not run, and where in the app it can be done
    instead (the Data page for an import, the 审定发布 form for a publication …), or that the app must be stopped."""
    command = f"{args.command} {args.kind}" if args.command == "export" else args.command
    page = EXPORT_PAGES.get(args.kind) if args.command == "export" else None
    if page:
        return t("cli_held", lang, path=path, command=command, where=t("cli_held_download", lang, page=t(page, lang)))
    if args.command in IN_THE_APP:
        return t("cli_held", lang, path=path, command=command, where=t(IN_THE_APP[args.command], lang))
    return t("cli_held_stop_app", lang, path=path, command=command)


def _synth(args, lang: str) -> int:
    from incentive.demo import synth  # here: its workbook writer is a tenth of every other command's start

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
                path,
                reference,
                kind=args.kind,
                period=args.period,
                as_of=args.as_of,
                skip_invalid=args.skip_invalid,
                checking=lambda records: print(t("cli_checking", lang, rows=records), file=sys.stderr),
            )
        except OSError as e:
            print(t("cli_cannot_read", lang, path=path, reason=e.strerror), file=sys.stderr)
            status = EXIT_REFUSED
            continue
        if not preview.importable:
            print(t("cli_refused", lang, file=path.name), file=sys.stderr)
            for line in preview.problem_lines(lang):
                print("  " + line, file=sys.stderr)
            _print_notes(preview, lang)
            if has_sample(db):
                print(t("cli_sample_hint", lang), file=sys.stderr)
            with contextlib.suppress(BatchError):  # the importer records the refusal, then says no
                batches.import_preview(db, preview, source="cli", created_by=_who())
            status = EXIT_REFUSED
            continue
        checks.add_warnings(db, preview, reference)
        effects = import_effects(db, preview)
        if _roster_left_out(preview) and not args.replace_roster:
            # The CLI imports at once, so a prefecture roster that drops whole counties waits for the user's word
            # (docs/decisions.md#a-prefecture-roster-that-leaves-counties-out)
            print(t("cli_refused", lang, file=path.name), file=sys.stderr)
            _print_notes(preview, lang)
            replaced = effects.snapshot_replaced  # 0: a date without a snapshot, which leaves them out from then on
            reason = (
                t("cli_roster_replace_needs_flag", lang, cadres=replaced)
                if replaced
                else t("cli_roster_new_date_needs_flag", lang)
            )
            print("  " + reason, file=sys.stderr)
            status = EXIT_REFUSED
            continue
        _print_notes(preview, lang)
        for line in preview.problem_lines(lang):
            print("  " + line, file=sys.stderr)
        # a roster re-sent for a stored date is a correction: what it changes, cadre by cadre, read before the
        # import makes it current (docs/decisions.md#a-roster-correction-cadre-by-cadre)
        corrected = (
            roster_changes(db, preview, command_line(_who()).scope)
            if preview.kind == "roster" and effects.snapshot_replaced
            else None
        )
        _print_effect_warnings(preview, effects, lang, corrected)
        if preview.problems:
            table = preview.rejects_table(lang)
            table.insert(0, t("col_file", lang), path.name)
            rejects.append(table)
        if preview.staged is not None:  # a large file's rows: their writing takes a while too
            print(t("cli_storing", lang, rows=preview.row_count), file=sys.stderr)
        # which values, old → new, as the Data page lists them: read before the import makes them current
        changes = value_changes(db, preview) if effects.changed or effects.blanked else None
        batch = batches.import_preview(db, preview, source="cli", created_by=_who())
        print(
            t(
                "cli_imported",
                lang,
                file=path.name,
                kind=t(f"kind_{preview.kind}", lang),
                rows=preview.data_rows,
                values=values_text(preview, lang),
                batch=batch,
            )
            + effects_text(preview.kind, effects, lang),
            file=sys.stderr,
        )
        if changes is not None:  # each stored value the file replaced, as the Data page's table lists them
            for i, line in enumerate(value_change_lines(changes, effects.changed, lang)):
                print(("  " if i == 0 else "    ") + line, file=sys.stderr)
        if effects.lone_months:  # warned of above; now there is a batch to roll back before a corrected file
            print("  " + t("data_lone_fix_imported", lang, batch=batch), file=sys.stderr)
        if effects.rescored and (example := rescoring_example(effects.rescored)):
            print("  " + t("cli_rescore_hint", lang, batch=batch, example=example), file=sys.stderr)
    if args.rejects and rejects:
        args.rejects.write_bytes(to_csv_bytes(pd.concat(rejects, ignore_index=True)))
    return status


def _roster_left_out(preview) -> bool:
    """Whether a roster's preview warns that it leaves counties with cadres out of the snapshot it replaces
    (checks.counties_left_out)."""
    return preview.kind == "roster" and any(w.key == "roster_counties_left_out" for w in preview.warnings)


def _print_effect_warnings(preview, effects, lang: str, corrected=None) -> None:
    """What the file would do to the stored data that deserves a second look, said before it is stored, as the Data
    page's preview says it (docs/decisions.md#cli-warnings-before-the-import): what a roster re-sent for a stored
    date changes, cadre by cadre (`corrected`, a RosterChanges, or None), records of cadres on no roster,
    decisions dated before their cadre's earliest roster, months
    a county would count as sent on a few records alone, stored periods a catalog re-scores (never silently:
    docs/decisions.md#catalog-versions). The rollback that undoes them is said after the import, with its batch."""
    if corrected is not None:
        for line in roster_change_lines(corrected, lang):
            print("  " + line, file=sys.stderr)
    if effects.unknown_cadres:
        print("  " + unknown_cadres_text(preview, effects, lang), file=sys.stderr)
    if effects.before_roster:
        print("  " + before_roster_text(preview, effects, lang), file=sys.stderr)
    if effects.lone_months:
        print("  " + lone_months_text(effects, preview.kind, lang, fix=False), file=sys.stderr)
    if effects.rescored:
        print("  " + t("data_rescore", lang), file=sys.stderr)
        for line in rescoring_lines(effects.rescored, lang):
            print("    " + line, file=sys.stderr)


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
    if shifts := sum(f.check == "shift" for f in found):
        print(t("cli_check_shifts", lang, n=shifts), file=sys.stderr)
    if lost := sum(f.check == "unscored" for f in found):
        print(t("cli_check_unscored", lang, n=lost), file=sys.stderr)
    if twice := len({f.record for f in found if f.check == "two_rosters"}):
        print(t("cli_check_two_rosters", lang, n=twice), file=sys.stderr)
    # records stored in another letter case than their cadre's roster id count for nobody: listed, ids only
    # (store/cadre_id_case_records.py; docs/decisions.md#cadre-ids-in-another-letter-case)
    for found_case in case_records(db.connection):
        kind = capital(t(f"cadre_id_source_{found_case.kind}", lang))
        line = t(
            "cli_check_id_case",
            lang,
            kind=kind,
            stored=found_case.stored,
            roster=found_case.roster_id,
            n=found_case.records,
        )
        print(line, file=sys.stderr)
    return EXIT_OK


def _batches(db: Database, args, lang: str) -> int:
    frame = batches.history(db)
    if args.format == "json":
        records = []
        for row in frame.to_dict("records"):
            row["created_at"] = time_text(row["created_at"])
            row["rolled_back_at"] = time_text(row["rolled_back_at"]) or None
            submission = row["submission_id"]  # NULL reads as NaN in a float column: null in JSON, not NaN
            row["submission_id"] = None if submission is None or submission != submission else int(submission)
            records.append(row)
        print(json.dumps(records, ensure_ascii=False, indent=1, default=str))
    else:
        shown = frame[["id", "kind", "file", "rows", "status", "source", "created_at"]].assign(
            created_at=[time_text(at) for at in frame["created_at"]]
        )
        print(shown.to_string(index=False) if len(shown) else t("cli_no_batches", lang))
    return EXIT_OK


def _confirmed(message: str, lang: str, **params) -> int | None:
    """Asks y/N in a terminal before a change that undoes batches (`message`_confirm); None when answered yes, else
    the exit status: not a terminal (a piped `y` is not an answer: `message`_needs_yes says to add --yes), or no."""
    if not sys.stdin.isatty():
        print(t(f"{message}_needs_yes", lang, **params), file=sys.stderr)
        return EXIT_USAGE
    if input(t(f"{message}_confirm", lang, **params)).strip().lower() not in ("y", "yes", "是"):
        print(t(f"{message}_cancelled", lang), file=sys.stderr)
        return EXIT_REFUSED
    return None


def _rollback(db: Database, args, lang: str) -> int:
    """As on the Data page, a rollback is confirmed first: interactively, or with --yes in scripts. What it would
    do to the catalog in force for stored values is said before (`_rollback_said`); one that would relabel them is
    not asked about: batches.rollback refuses it, on record (docs/decisions.md#rolling-back-a-catalog-batch)."""
    relabels = _rollback_said(db, [args.batch_id], lang)
    if not args.yes and not relabels:
        refused = _confirmed("cli_rollback", lang, batch=args.batch_id)
        if refused is not None:
            return refused
    try:
        batches.rollback(db, args.batch_id, _who())
    except BatchError as e:
        print(e.text(lang), file=sys.stderr)
        return EXIT_REFUSED
    print(t("cli_rolled_back", lang, batch=args.batch_id), file=sys.stderr)
    return EXIT_OK


def _remove_sample(db: Database, args, lang: str) -> int:
    """As a rollback, and as on the Data page: every sample batch goes at once, so it is confirmed first,
    interactively or with --yes in scripts. With no sample loaded there is nothing to confirm."""
    loaded = batches.active_count(db, "sample")
    sample = batches.history(db).query("status == 'active' and source == 'sample'")["id"].tolist()
    relabels = bool(loaded) and _rollback_said(db, sample, lang)
    if loaded and not args.yes and not relabels:
        refused = _confirmed("cli_remove_sample", lang, n=loaded)
        if refused is not None:
            return refused
    try:
        removed = batches.rollback_source(db, "sample", _who())
    except BatchError as e:
        print(e.text(lang), file=sys.stderr)
        return EXIT_REFUSED
    print(t("data_sample_removed", lang, n=removed), file=sys.stderr)
    return EXIT_OK


def _rollback_said(db: Database, batch_ids: list[int], lang: str) -> bool:
    """Say, before a rollback of `batch_ids` is confirmed, the stored periods it re-scores by the catalog it leaves,
    as an import's `data_rescore` lists them (store/rollback_effects.py); whether it would relabel stored values
    instead, which the rollback itself refuses."""
    effects = rollback_effects.rollback_effects(db, batch_ids)
    if effects.relabelled:
        return True
    if effects.rescored:
        print(t("data_rollback_rescore", lang), file=sys.stderr)
        for line in rescoring_lines(effects.rescored, lang):
            print("  " + line, file=sys.stderr)
    return False


# The exports --suppress turns into the page's view: a table as a viewer sees it (`<5`, withheld, counts written
# 6,982), whose counts go to a file as the page's downloads write them (to_csv_bytes's `shown`: 6982; a 全市 row
# printed "6,982" inside the CSV, a fresh tester's finding).
SUPPRESSIBLE = ("coverage", "promotion_training", "movements_summary", "appraisal_summary")


def _export(db: Database, args, lang: str) -> int:
    period = _period_option(args.period)
    if args.format == "xlsx" and not args.out:
        print(t("cli_xlsx_needs_out", lang), file=sys.stderr)
        return EXIT_USAGE
    if args.county is not None and args.kind not in COUNTY_KINDS:  # it was ignored: every county's rows
        raise UsageError("cli_county_not_for_kind", kind=args.kind, kinds=list(COUNTY_KINDS))
    county = _county_option(db, args.county, lang)
    if args.kind == "bulletin":
        return _bulletin(db, args, period, county, lang)
    if args.kind == "rankings":
        try:
            frame = _rankings_frame(db, args, period, county, lang)
        except (ScoringError, UsageError) as error:
            print(error.text(lang), file=sys.stderr)
            return EXIT_USAGE
    elif args.kind == "coverage":
        if period is None:
            print(t("cli_coverage_needs_period", lang), file=sys.stderr)
            return EXIT_USAGE
        start, end = periods.bounds(period)
        if pd.isna(queries.run(db.connection, "training_last_date", start=start, end=end)["last_date"].iloc[0]):
            print(t("cli_no_training_records", lang, period=period), file=sys.stderr)  # not a coverage of zero
            return EXIT_USAGE
        frame = coverage_frame(db, period, args.by, suppress=args.suppress)
        # the counties left out of the figures (their files not all in), as the pages say under theirs
        config, today = settings.current(db), dt.date.today()
        window = reported(db.connection, period_window(period), config, today)
        from incentive.sharing import bulletin  # its sentences of the counties left out

        absent = bulletin.absent_training(db.connection, window, config, lang, until=today)
        if absent:
            print(absent, file=sys.stderr)
    elif args.kind == "promotion_training":
        if period is None:
            print(t("cli_needs_period", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        frame = promotion_training_frame(db, period, suppress=args.suppress)
        from incentive.sharing import bulletin  # its sentence of the quarters not sent

        unsent = bulletin.promotions_absent(
            db.connection, periods.bounds(period)[0].year, settings.current(db), lang, until=dt.date.today()
        )
        if unsent:  # an unsent quarter reads as hours not trained, as the training page says under its table
            print(unsent, file=sys.stderr)
    elif args.kind == "welfare_status":
        if period is None:
            print(t("cli_needs_period", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        publication = official.latest(db.connection, period) if args.published else None
        refusal = _welfare_status_refusal(db, period, args.published, publication, lang)
        if refusal:
            print(refusal, file=sys.stderr)
            return EXIT_USAGE
        frame = welfare_status_frame(db, period, publication.version if publication else None, county)
        frame = official.with_basis(frame, publication)
        print(t("cli_basis", lang, basis=official.basis_line(publication, lang)), file=sys.stderr)
        if publication is not None:
            _say_changed(official.drift(db.connection, publication, race=False), lang)
    elif args.kind == "movements_summary":
        if args.year is None:
            print(t("cli_needs_year", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        # a year without decisions is one whose records were never loaded, not one of none: no table of zeros (the
        # page says the same, views/movements.py; docs/decisions.md#meeting-ready-views, "compared with nothing")
        recorded = queries.run(db.connection, "movements_by_year")
        if not movements.decided_in(recorded, args.year):
            years = sorted({int(y) for y in recorded["year"].dropna()})
            raise UsageError("cli_no_movements", year=args.year, years="、".join(map(str, years)) or "—")
        frame = movements_summary_frame(db, args.year, suppress=args.suppress)
    elif args.kind == "appraisal_summary":
        if args.year is None:
            print(t("cli_needs_year", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        available = appraisals.years(db.connection)
        if args.year not in available:
            raise UsageError("cli_no_appraisals", year=args.year, years="、".join(map(str, sorted(available))) or "—")
        frame = appraisal_summary_frame(db, args.year, suppress=args.suppress)
    elif args.kind in ("progress", "reminders"):  # 报送进度 as of today (docs/decisions.md#assessment-cycle)
        if args.year is None:
            print(t("cli_needs_year", lang, kind=args.kind), file=sys.stderr)
            return EXIT_USAGE
        today = dt.date.today()
        first = tracker.first_year(db.connection, today)
        if args.year < first:  # nothing was owed then: every file would read 未报送 (docs/decisions.md#years-tracked)
            raise UsageError("cli_year_before_tracking", year=args.year, first=first, last=today.year)
        rows = tracker.progress(db.connection, args.year, today, settings.current(db), county=county)
        frame = tracker.export_table(tracker.reminders(rows) if args.kind == "reminders" else rows)
    elif args.kind == "audit":
        frame = audit.log(db)
        frame["happened_at"] = [time_text(at) for at in frame["happened_at"]]
    elif args.kind == "untrained":
        if period is None:
            print(t("cli_coverage_needs_period", lang), file=sys.stderr)
            return EXIT_USAGE
        frame = untrained_frame(db, period, county, command_line(_who()).scope)
    else:
        frame = export_frame(db, args.kind, period, scope=command_line(_who()).scope)
    shown = args.suppress and args.kind in SUPPRESSIBLE  # as a page shows it
    if args.format == "xlsx":

        def progress(done: int, total: int) -> None:
            print(t("cli_writing_rows", lang, done=done, total=total), file=sys.stderr)

        data = to_xlsx_bytes(frame, args.kind, progress=progress, shown=shown)
    else:
        data = to_csv_bytes(frame, shown=shown)
    if args.out:
        args.out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    print(t("cli_exported", lang, rows=len(frame)), file=sys.stderr)
    return EXIT_OK


def _bulletin(db: Database, args, period: str | None, county: str, lang: str) -> int:
    """`export bulletin --period P [--county C] [--published] --out FILE.docx`: the 通报 as the app's button makes it
    (docs/decisions.md#bulletin), then how its ranking and its care figures stand (published, live or none); with
    --published, refused when what it leads with is not published (_bulletin_not_published)."""
    from incentive.sharing import bulletin

    if period is None or not args.out:
        print(t("cli_bulletin_needs_period", lang), file=sys.stderr)
        return EXIT_USAGE
    if args.out.suffix.lower() != ".docx":  # a Word file named .pdf opens as a broken PDF
        print(t("cli_bulletin_not_docx", lang, path=args.out), file=sys.stderr)
        return EXIT_USAGE
    try:
        content = bulletin.gather(db, period, county, lang, document_no=args.document_no)
    except bulletin.BulletinError as error:
        print(error.text(lang), file=sys.stderr)
        return EXIT_USAGE
    if args.published and not content.official:
        print(_bulletin_not_published(db, content, lang), file=sys.stderr)
        return EXIT_USAGE
    args.out.write_bytes(bulletin.to_docx(content))
    print(t("cli_bulletin_written", lang, path=args.out, basis=content.basis), file=sys.stderr)
    said = {"ranking": content.ranking_basis, "half": content.care_period, "care": content.care_basis}
    print(t("cli_bulletin_contents", lang, **said), file=sys.stderr)
    for line in filter(None, (content.changed, content.care_changed)):  # as the document says it
        print(line, file=sys.stderr)
    return EXIT_OK


def _bulletin_not_published(db: Database, content, lang: str) -> str:
    """Why `export bulletin --published` has no published figures to lead with: the period's ranking is live
    (never published, or published before it had race scores), or it has no race scores and its care figures
    are live. A period published with its care figures only builds its bulletin from them
    (docs/decisions.md#which-figures)."""
    from incentive.sharing import bulletin

    period = content.period
    if content.ranking == bulletin.LIVE:
        publication = official.latest(db.connection, period)
        if publication is not None:  # published with its care statuses only, before its race scores came
            return t("cli_published_without_ranking", lang, period=period, version=publication.version)
        return t("cli_not_published", lang, period=period)
    return t("cli_bulletin_care_not_published", lang, period=period, half=content.care_period)


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
    """Every setting (`KEY\tVALUE` lines on standard output); with KEY its line, and on standard error what it
    means, its default and what it accepts; with KEY VALUE the change, then every setting."""
    if args.key is not None and args.value is None:
        values = settings.current(db)
        try:
            said = settings.explained(args.key, values.get(args.key, ""), lang)
        except settings.SettingError as error:  # no such setting: the sentence lists them
            print(error.text(lang), file=sys.stderr)
            return EXIT_USAGE
        print(f"{args.key}\t{values[args.key]}")
        print(said, file=sys.stderr)
        return EXIT_OK
    if args.key is not None:
        try:
            value = settings.save(db, args.key, args.value, _who())
        except settings.SettingError as error:
            print(error.text(lang), file=sys.stderr)
            return EXIT_USAGE
        print(t("cli_setting_saved", lang, name=args.key, value=settings.shown(value)), file=sys.stderr)
        if settings.SETTINGS[args.key].group == "schedule":  # no period already over is judged again
            print(t("data_settings_schedule_note", lang), file=sys.stderr)
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
        print(_held_text(args, target, lang), file=sys.stderr)
        return EXIT_LOCKED
    except StorageFault as fault:  # a full disk, a read-only folder: the database file is as it was
        print(fault.sentence(lang), file=sys.stderr)
        return EXIT_STORAGE
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
        accounts = users.listing(db)
        accounts["changed_at"] = [time_text(at) for at in accounts["changed_at"]]
        sys.stdout.buffer.write(to_csv_bytes(accounts))
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
    """`--period` in its canonical form (periods.parse_period), None when not given; UsageError when unreadable, or
    when written with a dot, slash or hyphen that names no one period (`2026.3`, `2026/3`, `2026-3`: the third
    quarter or March, docs/decisions.md#periods-written-with-a-dot)."""
    if not value:
        return None
    readings = periods.separated_readings(value)
    if len(readings) > 1:
        raise UsageError("cli_period_ambiguous", value=value.strip(), readings=readings_text(readings))
    period = periods.parse_period(value)
    if period is None:
        raise UsageError("cli_bad_period", value=value)
    return period


# The exports that take --county, and what it does for each (docs/decisions.md#cli-county-option).
COUNTY_KINDS = ("rankings", "welfare_status", "progress", "reminders", "untrained", "bulletin")


def _county_option(db: Database, given: str | None, lang: str) -> str:
    """`--county` as a county of the region list, '' when not given. A short form the importer would accept for
    the same county (`柏川` for `柏川县`, place_names' rule) is taken, and standard error says which county was
    chosen; UsageError for a name that is no county (naming it and the counties), one that could be several, or
    any name while no region list is loaded (docs/decisions.md#cli-county-option)."""
    if given is None:
        return ""
    given = given.strip()
    counties = queries.run(db.connection, "race_units", county="")["unit"].tolist()
    if not counties:
        raise UsageError("cli_county_no_regions", county=given)
    match = NameMatcher([(county, "") for county in counties]).county(given)
    if match.error == "ambiguous_name":
        raise UsageError("cli_county_ambiguous", county=given, candidates=match.params["candidates"])
    if match.error:
        raise UsageError("cli_county_unknown", county=given, counties=counties)
    if match.name != given:
        print(t("cli_county_read_as", lang, given=given, county=match.name), file=sys.stderr)
    return match.name


def _rankings_frame(db: Database, args, period: str | None, county: str, lang: str) -> pd.DataFrame:
    """`export rankings`: the counties' ranking, or with --level township that of `county`'s townships."""
    if period is None:
        raise UsageError("cli_rankings_need_period")
    if args.level == "township" and not county:
        raise UsageError("cli_township_needs_county")
    if args.level == "county" and county:  # the counties' ranking ranks them all: it was ignored
        raise UsageError("cli_county_needs_township", county=county)
    compare_period = None
    if args.compare:
        compare_period = _period_option(args.compare)
    group = _class_group(db, PeerGroup(args.level, county), args.peer_class, lang, period if args.published else None)
    if args.published:
        return _published_rankings(db, args, period, compare_period, group, lang)
    available = available_periods(db.connection, group)
    for wanted in filter(None, (period, compare_period)):
        if wanted in available:
            continue
        shown = ", ".join(available[-8:]) or "—"
        if county:  # the county's townships have no scores of that period (it was worded as the counties')
            raise UsageError("cli_no_township_period", county=county, period=wanted, periods=shown)
        raise UsageError("cli_no_race_period", period=wanted, periods=shown)
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
    _say_moves_withheld(ranking, compare, group, lang)
    classes = rankings.unit_classes(db.connection, group).to_dict()
    return official.with_basis(export_table(ranking, group, compare, lang, classes), None)


def _class_group(
    db: Database, group: PeerGroup, peer_class: str | None, lang: str, published: str | None = None
) -> PeerGroup:
    """`--class`: the group narrowed to one peer class (分类考核), which must be one of its units' classes (with
    `--published`, `published` being the period: one the newest version froze, should the region list have lost
    its classes since); without it, where classes exist, standard error says the table is the all-units reference
    view, not the official one."""
    classes = rankings.peer_classes(db.connection, group)
    if published and group.level == "county":
        classes = official.classes_in_force(db.connection, published)
    if peer_class is None:
        if classes:
            print(t("cli_classes_exist", lang, classes="、".join(classes)), file=sys.stderr)
        return group
    if peer_class not in classes:
        raise UsageError("cli_unknown_class", peer_class=peer_class, classes="、".join(classes) or "—")
    return PeerGroup(group.level, group.county, peer_class)


def _say_moves_withheld(ranking, compare, group: PeerGroup, lang: str) -> None:
    """On standard error, why rank_change is empty when the two periods rank different units, as the page and the
    通报 say it (docs/decisions.md#rank-moves-compare-the-same-units)."""
    withheld = ranking_tables.moves_withheld_text(ranking, compare, group.level, lang)
    if withheld:
        print(withheld, file=sys.stderr)


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
    _say_moves_withheld(ranking, compare, group, lang)
    _say_changed(official.drift(db.connection, publication, group, care=False), lang)
    classes = rankings.unit_classes(db.connection, group).to_dict()
    return official.with_basis(export_table(ranking, group, compare, lang, classes), publication)


def _say_changed(drift: official.Drift, lang: str) -> None:
    """On standard error, under what an export says it is: the sentence saying that current data would change the
    published figures (docs/decisions.md#data-changed-after-publication); nothing when they would not."""
    line = drift.sentence(lang)
    if line:
        print(line, file=sys.stderr)


# Publication refusals whose page sentence names a field of the 审定发布 form: the same sentence naming the flag
# that supplies it (--reason, --override-pending, --document-no; --allow-incomplete is said on a line of its own).
PUBLISH_FLAGS = {
    "pub_needs_reason": "cli_pub_needs_reason",
    "pub_pending": "cli_pub_pending",
    "pub_needs_reason_and_pending": "cli_pub_needs_reason_and_pending",
    "pub_document_no_long": "cli_pub_document_no_long",
    "pub_rollbacks_pending": "cli_pub_rollbacks_pending",
}


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
            allow_incomplete=args.allow_incomplete,
        )
    except freeze.PublicationError as error:  # the form's sentences, naming the flag where the form names a field
        print(error.text(lang, wording=PUBLISH_FLAGS), file=sys.stderr)
        if "pub_incomplete" in error.keys:
            print(t("cli_publish_allow_incomplete", lang), file=sys.stderr)
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
    if publication.incomplete:
        counties = official.shortfall_text(publication.incomplete, lang)
        print(t("cli_published_incomplete", lang, counties=counties), file=sys.stderr)
    return EXIT_OK


def _alerts(db: Database, args, lang: str) -> int:
    """预警清单 on standard output (a line each, or CSV with the data of each as JSON), the counts on standard error;
    judged on today's date, with the prefecture's scope and exact figures (docs/decisions.md#alerts)."""
    from incentive.alerts import listing

    period = _period_option(args.period)
    county = _county_option(db, args.county, lang)
    year = None
    if period is None:
        years = queries.run(db.connection, "data_years")["year"].tolist()
        year = args.year or (int(years[0]) if years else dt.date.today().year)
    try:
        found = listing.build(
            db.connection,
            dt.date.today(),
            settings.current(db),
            command_line(_who()).scope,
            year=year,
            period=period,
            refuse_empty=True,  # an empty list of a period without data would read as an all-clear
        )
    except listing.NothingToJudge as refused:
        print(refused.text(lang), file=sys.stderr)
        return EXIT_USAGE
    chosen = listing.filtered(found.alerts, county)
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
    from incentive.sharing import bulletin, delivery

    if len(readings := periods.separated_readings(args.period)) > 1:  # 2026.3, as every --period: its readings named
        raise UsageError("cli_period_ambiguous", value=args.period.strip(), readings=readings_text(readings))
    period = delivery.resolve_period(args.period, dt.date.today())
    if period is None:
        print(t("cli_deliver_bad_period", lang, value=args.period), file=sys.stderr)
        return EXIT_USAGE
    webhook = args.webhook or delivery_webhook()
    if webhook and delivery.webhook_problem(webhook):
        print(t(delivery.webhook_problem(webhook), lang), file=sys.stderr)
        return EXIT_USAGE

    try:
        bulletin.check_document_no(args.document_no)
    except bulletin.BulletinError as error:
        print(error.text(lang), file=sys.stderr)
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
        document_no=args.document_no,
    )
    if done.refused:
        print(done.refused, file=sys.stderr)
    else:
        if done.created:  # a timer's dated folder is made by the run (docs/decisions.md#the-delivery-folder)
            print(t("cli_deliver_created", lang, path=done.out_dir), file=sys.stderr)
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
    if done.refusal == "no_data":  # as `export bulletin` for the same period: nothing to deliver was asked for
        return EXIT_USAGE
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
