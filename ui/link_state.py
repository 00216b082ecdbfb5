"""Every control of a page in the address bar, so a copied link opens the same view.

The shared controls in the sidebar (language, year, county) are bound to query parameters by Streamlit itself
(`bind="query-params"`): they survive a change of page. A page's own controls are synced here instead, because
their options depend on the data (a period list, a county's townships) and a stale or garbled value must fall back
to the default with a visible note rather than vanish silently:

- before a control is drawn, `seed` takes its value from the URL when the URL differs from what this session last
  wrote there (a link just opened, back/forward, a hand-edited address), else keeps the user's choice;
- after it is drawn, `publish` writes the value back (the default leaves the parameter out, so links stay short).

A page's controls are the fields of its state (ui/page_state.py) and live in the URL under the page's prefix
(`rank.period`), through the `Page` that `enter` makes for the page being shown: a page never reads or carries
another page's parameters, and coming back to a page restores its own last choices. Links made before the prefixes
(`/rankings?period=2025-Q4`) still open: on the page they name, a bare field name is read as that page's field.

Widget values are driven through `st.session_state` only, never through a widget's `index`/`value` argument,
which Streamlit would warn about.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from incentive import periods
from incentive.i18n import join, t
from incentive.safe_text import tm

from .page_state import OLD_NAMES, PAGES, SHARED

_PUBLISHED = "_link_published"
_MEMORY = "_link_memory"  # the last value of every parameter this session, for coming back to a page
_SHOWN = "_link_shown"  # the text of every parameter's value last shown, its default too (shown_defaults)
_NOTES = "_link_notes"
_REPEATS = "_link_repeats"  # parameters the address gave more than once, with their values
_FOLLOWING = "_link_following"  # the controls whose value is the default they were given, and which it was
_RELABEL = "_relabel_keys"
_DRAWN_IN = "_labels_drawn_in"
_PAGE = "_link_page"
_PREFIXES = frozenset(prefix for prefix, _ in PAGES.values())
INVALID = object()


def relabel(key: str) -> str:
    """A select box whose option labels are in the user's language: after a language switch the browser would keep
    showing the old label of the chosen option (Streamlit redraws a keyed select box's choice only when its value
    is set), so `refresh_labels` sets it again. Returns the key."""
    st.session_state.setdefault(_RELABEL, set()).add(key)
    return key


def refresh_labels(lang: str) -> None:
    """At the top of a run, right after the language switch: when the language changed, every registered select
    box gets its own value again, which makes Streamlit send the choice in the new language."""
    if st.session_state.get(_DRAWN_IN, lang) != lang:
        for key in st.session_state.get(_RELABEL, set()):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state[_DRAWN_IN] = lang


def _published() -> dict[str, str | None]:
    return st.session_state.setdefault(_PUBLISHED, {})


def _incoming(param: str) -> str | None:
    """The URL's value; when the URL has none (Streamlit drops a page's parameters when another page opens, so
    coming back with the browser's back button arrives bare), the value this session last had for it."""
    raw = st.query_params.get(param)
    return raw if raw is not None else st.session_state.setdefault(_MEMORY, {}).get(param)


def note_invalid(param: str, raw: str, choices: Sequence[str] = ()) -> None:
    """`param=raw` of the link could not be used; `choices`: the values it takes, where they are few enough to
    be worth saying (show_notes says the first CHOICES_SHOWN)."""
    notes = st.session_state.setdefault(_NOTES, [])
    if all((p, r) != (param, raw) for p, r, _ in notes):
        notes.append((param, raw, tuple(c for c in choices if c)))


NOTE_CHARS = 80
CHOICES_SHOWN = 6


def note_repeats() -> None:
    """Called first in a run, before the language switch reads the address: a parameter given more than once keeps
    its last value (the one Streamlit reads for the sidebar's year and county; the language switch's, the first),
    and show_notes says so, with the values given and the one used."""
    for name in list(st.query_params):
        values = st.query_params.get_all(name)
        if len(values) > 1:
            # the language switch takes the first, whatever the address is given here
            kept = values[0] if name == "lang" else values[-1]
            repeats = st.session_state.setdefault(_REPEATS, [])
            if all(p != name for p, _, _ in repeats):
                repeats.append((name, tuple(values), kept))
            st.query_params[name] = kept


def show_notes(container, lang: str) -> None:
    """The parameters of the link that could not be used, said once, where the page put `container`, each with
    the values it takes where they are known (`lang=en（可选：中文、English）`: the sentence alone did not say what
    would have worked, a fresh helper's finding)."""
    repeats = st.session_state.pop(_REPEATS, [])
    if repeats:
        # the value used is the one the address holds now: the page's own and the sidebar's year and county take
        # the last (note_repeats), Streamlit's bound language switch the first; a default left out of the
        # address, that one (lang=中文&lang=English: 中文, which the switch leaves out, was said as English)
        shown = [
            t(
                "link_repeated_param",
                lang,
                param=p,
                values=join([_echoed(v) for v in vs], lang),
                used=_echoed(st.query_params.get(p, kept)),
            )
            for p, vs, kept in repeats
        ]
        container.info(tm("link_repeated_params", lang, params=("；" if lang == "zh" else "; ").join(shown)))
    notes = st.session_state.pop(_NOTES, [])
    if notes:
        shown = [f"{p}={_echoed(r)}{_choices(choices, lang)}" for p, r, choices in notes]
        container.info(tm("link_invalid_params", lang, params=join(shown, lang)))


def stop(container, lang: str) -> None:
    """End the page's run where it stands (st.stop), having said the link parameters it could not use
    (show_notes): a page stopped at a notice (no data, a county yet to send, nobody ranked) fell back unsaid."""
    show_notes(container, lang)
    st.stop()


def _echoed(raw: str) -> str:
    """A value echoed up to NOTE_CHARS: a pasted text of thousands of characters would fill screens."""
    return raw if len(raw) <= NOTE_CHARS else raw[:NOTE_CHARS] + "…"


def _choices(choices: tuple[str, ...], lang: str) -> str:
    if not choices:
        return ""
    listed = join([_echoed(c) for c in choices[:CHOICES_SHOWN]], lang)
    more = len(choices) - CHOICES_SHOWN
    # plain here: show_notes's sentence escapes its parameters for markdown once (escaped twice, rank_group read
    # rank\_group on the page)
    return t("link_param_choices" if more <= 0 else "link_param_choices_more", lang, choices=listed, more=more)


def seed(
    key: str, param: str, *, default: Any, options: Sequence | None = None, parse: Callable[[str], Any] | None = None
) -> None:
    """Put the URL's value (or the default) into the control's state before it is drawn."""
    raw = _incoming(param)
    published = _published()
    following = st.session_state.setdefault(_FOLLOWING, {})  # key -> the default its value was given
    if raw != published.get(param) or key not in st.session_state:  # a new address, or back on this page
        published[param] = raw
        st.session_state.pop(key, None)
        following.pop(key, None)
        if raw is not None:
            value = parse(raw) if parse else _option(options, raw)
            if value is INVALID:
                note_invalid(param, raw, [_text(o) for o in options] if options is not None else ())
                _refused(param)
            else:
                st.session_state[key] = value
    elif key in following and st.session_state[key] != following[key]:
        del following[key]  # the user chose another value: it is his from now on, whatever the default becomes
    elif key in following and following[key] != default:
        # given by the default and left at it, it follows the default: the compared period stays the one before
        # the period chosen (as the address, which leaves a default out, says), not the one before an earlier one
        del st.session_state[key]
    if options is not None and key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]  # stale: the options changed under it (another year, another county)
    if key not in st.session_state:
        st.session_state[key] = default
        following[key] = default


def _refused(param: str) -> None:
    """A link's value the page could not use (and has said so) leaves the address at once, as a default does: a
    control seeded but drawn only in some runs (the unit looked at, in a tab not open) never wrote its default over
    it, and the address kept the value the note had refused (a fresh tester's finding)."""
    forget(param)


def _option(options: Sequence, raw: str) -> Any:
    """The option a link's `raw` names, or INVALID: its text, or a period written another way (`2026Q2`, `2026年二季度`,
    as the CLI and the offices' files write them) whose canonical form (periods.parse_period) is an option's."""
    found = next((o for o in options if _text(o) == raw), INVALID)
    if found is INVALID and len(periods.separated_readings(raw)) > 1:
        return INVALID  # `2026.3`, `2026/3`: the third quarter or March (docs/decisions.md#periods-written-with-a-dot)
    period = periods.parse_period(raw) if found is INVALID else None
    return next((o for o in options if _text(o) == period), INVALID) if period else found


def publish(param: str, value: Any, default: Any, encode: Callable[[Any], str] | None = None) -> str | None:
    """Write the control's value to the URL (the default leaves it out); returns the text written."""
    shown = None if value is None else (encode(value) if encode else _text(value))
    st.session_state.setdefault(_SHOWN, {})[param] = shown
    text = None if value == default else shown
    if text is None:
        if param in st.query_params:
            del st.query_params[param]
    else:
        st.query_params[param] = text
    _published()[param] = text
    st.session_state.setdefault(_MEMORY, {})[param] = text
    return text


def shown_defaults(prefix: str, fields: Sequence[str]) -> dict[str, str]:
    """The values the page of `prefix` last showed for these fields of its state where the address leaves them out
    (their defaults), as `<prefix>.<field>` → text: what a share link adds to the address so that it shows the view
    shared once the default has moved (a period's default is the newest with data: a later quarter's import moved a
    link made on the default period to that quarter, a fresh tester's finding;
    docs/decisions.md#short-links-keep-the-view-in-the-address)."""
    shown = st.session_state.get(_SHOWN, {})
    return {
        param: text
        for param, text in shown.items()
        if text
        and param.partition(".")[0] == prefix
        and param.rpartition(".")[2] in fields
        and param not in st.query_params
    }


def forget(*params: str) -> None:
    """Back to defaults for these parameters: out of the URL and out of this session's memory (a reset button)."""
    memory = st.session_state.setdefault(_MEMORY, {})
    for param in params:
        if param in st.query_params:
            del st.query_params[param]
        memory.pop(param, None)
        _published().pop(param, None)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def seed_many(param: str, defaults: dict[str, Any], parse: Callable[[str], dict[str, Any] | object]) -> None:
    """Like `seed`, for one parameter that sets several controls (track weights, tier shares)."""
    raw = _incoming(param)
    published = _published()
    if raw != published.get(param) or any(key not in st.session_state for key in defaults):
        published[param] = raw
        for key in defaults:
            st.session_state.pop(key, None)
        if raw is not None:
            values = parse(raw)
            if values is INVALID:
                note_invalid(param, raw)
                _refused(param)
            else:
                st.session_state.update(values)
    for key, default in defaults.items():
        st.session_state.setdefault(key, default)


# ---- one page's controls, under its prefix


class Page:
    """The page being shown: its prefix in the URL and its state's fields (ui/page_state.py). Every method takes a
    field name and reads or writes the parameter `<prefix>.<field>`."""

    def __init__(self, url_path: str) -> None:
        self.prefix, self.state_type = PAGES.get(url_path, ("", None))
        self.fields = tuple(f.name for f in dataclasses.fields(self.state_type)) if self.state_type else ()
        self.written: dict[str, str | None] = {}
        self.read: set[str] = set()  # the fields this run asked for (`param`): what the page reads in its mode

    def param(self, field: str) -> str:
        if field not in self.fields:
            raise KeyError(f"{field} is not a field of {self.state_type}")  # a page control not declared
        self.read.add(field)
        return f"{self.prefix}.{field}"

    def drop_unread(self) -> None:
        """After a whole run: this page's parameters it did not read leave the address, and so the share links made
        from it (`rank.section` without meeting mode: the screen of a mode that is off). Each is kept in this
        session's memory, as another page's are, so that the mode turned on again reads it
        (docs/decisions.md#short-links-keep-the-view-in-the-address)."""
        memory = st.session_state.setdefault(_MEMORY, {})
        for name in list(st.query_params):
            prefix, dot, field = name.partition(".")
            if dot and prefix == self.prefix and field not in self.read:
                memory[name] = st.query_params[name]
                del st.query_params[name]

    def tidy_address(self) -> None:
        """Before anything reads the URL: another page's parameters leave it (that page keeps them in this
        session's memory), and a bare name of an older link that is this page's field takes the prefixed name.
        A dotted name that is no page's parameter (`cty.period`, `rank.perod`) leaves too, with the usual note
        that a parameter of the link could not be used. Bare names that no page uses (Streamlit's `embed`, say)
        are left alone."""
        for name in list(st.query_params):
            if name in SHARED:
                continue
            prefix, dot, field = name.partition(".")
            if dot:
                if prefix != self.prefix or field not in self.fields:
                    if prefix == self.prefix or prefix not in _PREFIXES:
                        note_invalid(name, st.query_params[name])  # a mistyped name, not another page's memory
                    del st.query_params[name]
            elif name in self.fields:
                value = st.query_params[name]
                del st.query_params[name]
                st.query_params.setdefault(self.param(name), value)
            elif name in OLD_NAMES:
                del st.query_params[name]  # another page's control in an old link: meaningless here

    def seed(self, key: str, field: str, **options) -> None:
        seed(key, self.param(field), **options)

    def unusable(self, field: str, usable: Sequence[str] = ()) -> None:
        """A value of `field` in the address that this page has no control for here (a county account has no
        county to choose): unless it is one of `usable`, said by show_notes with the other link parameters that
        could not be used, and left out of the address, rather than dropped without a word. A value this session
        wrote there itself (a choice made before another control took the field's place) is no link's: it leaves
        unsaid."""
        param = self.param(field)
        raw = st.query_params.get(param)
        if raw is not None and raw not in usable and raw != _published().get(param):
            note_invalid(param, raw)
        if raw is not None:
            del st.query_params[param]

    def seed_many(self, field: str, defaults: dict[str, Any], parse) -> None:
        seed_many(self.param(field), defaults, parse)

    def publish(self, field: str, value: Any, default: Any, encode: Callable[[Any], str] | None = None) -> None:
        self.written[field] = publish(self.param(field), value, default, encode)

    def forget(self, *fields: str) -> None:
        forget(*(self.param(field) for field in fields))

    def selectbox(
        self,
        container,
        label: str,
        options: Sequence,
        *,
        key: str,
        field: str,
        default: Any = None,
        format_func: Callable = str,
        personal: bool = False,
    ) -> Any:
        return self._choice(
            lambda: container.selectbox(label, options, key=relabel(key), format_func=format_func),
            options,
            key=key,
            field=field,
            default=default,
            personal=personal,
        )

    def segmented(
        self,
        container,
        label: str,
        options: Sequence,
        *,
        key: str,
        field: str,
        default: Any = None,
        format_func: Callable = str,
    ) -> Any:
        return self._choice(
            lambda: container.segmented_control(label, options, key=key, format_func=format_func, required=True),
            options,
            key=key,
            field=field,
            default=default,
        )

    def _choice(
        self, draw: Callable[[], Any], options: Sequence, *, key: str, field: str, default: Any, personal: bool = False
    ) -> Any:
        """One of `options`: seeded from the URL (or `default`, the first option when None), drawn, published.
        A `personal` default (a county account's own county) is one only this user starts from: it is written to
        the URL like any other choice, so a shared link shows the same view to whoever opens it."""
        default = options[0] if default is None else default
        self.seed(key, field, default=default, options=options)
        value = draw()
        self.publish(field, value, options[0] if personal else default)
        return value

    def state(self):
        """The page's state as written to the URL in this run so far (None: the default, left out)."""
        return self.state_type(**{field: self.written.get(field) for field in self.fields})


def enter(url_path: str) -> Page:
    """Called once per run by app.py with the page about to be shown, before the sidebar reads the URL."""
    page = Page(url_path)
    page.tidy_address()
    st.session_state[_PAGE] = page
    return page


def finish() -> None:
    """Called by app.py when the page's run has drawn it all: a run stopped at a notice (st.stop) or cut short by a
    rerun may not have read everything, and changes nothing (`Page.drop_unread`)."""
    page().drop_unread()


def page() -> Page:
    """The page of this run (from `enter`)."""
    return st.session_state[_PAGE]
