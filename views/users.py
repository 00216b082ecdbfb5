"""用户管理 Users: the accounts a prefecture administrator manages (incentive/accounts/users.py): list, add, change
role or county, reset a password, deactivate or reactivate. Nobody is deleted; the audit log keeps every change."""

import pandas as pd
import streamlit as st

from incentive import access, labels
from incentive.accounts import users
from incentive.accounts.roles import PREFECTURE_ADMIN, ROLES
from incentive.i18n import capital, t
from incentive.safe_text import markdown, tm
from incentive.store import settings
from incentive.store.storage_faults import StorageFault
from ui import frame, sign_in, storage_notice
from ui.frame import MISSING_CELL
from ui.runtime import database, run_query

lang = frame.current().lang
sign_in.require_admin(lang)  # the page is only in the navigation for prefecture administrators; checked again here
db = database()
first_admins = sign_in.credentials().admins  # secrets.toml or the environment: read-only here, names reserved
counties = run_query("race_units", county="")["unit"].tolist()
NO_COUNTY = ""


def role_label(role: str) -> str:
    return capital(t(f"role_{role}", lang))


def county_label(county: str) -> str:
    return county or t("users_no_county", lang)


def flash_and_rerun(message: str) -> None:
    st.session_state["users_flash"] = message
    st.rerun()


def write(action, message: str) -> None:
    """Run one account change as the signed-in administrator (checked again), show its refusal as a sentence."""
    who = sign_in.require_admin(lang)
    try:
        action(who)
    except users.AccountError as refused:
        st.error(markdown(refused.text(lang)))
    except StorageFault as fault:  # nothing written; said here, the page goes on
        storage_notice.say_refused(fault, lang, st)
    else:
        flash_and_rerun(message)


# The add form keeps what was typed when the account is refused (the reason is shown under it), never the password;
# once the account is added it is empty again. Widget values can be set only before the widgets are drawn, so the
# submit asks for a rerun and says which fields to empty in "users_add_reset".
ADD_FIELDS = {"users_add_name": "", "users_add_role": ROLES[0], "users_add_county": NO_COUNTY, "users_add_identity": ""}
PASSWORD_FIELDS = {"users_add_password": "", "users_add_again": ""}


def empty_add_fields() -> None:
    """Before the add form is drawn: empty the fields its last submit asked for."""
    reset = st.session_state.pop("users_add_reset", None)
    if reset is not None:
        st.session_state.update(PASSWORD_FIELDS if reset == "password" else {**ADD_FIELDS, **PASSWORD_FIELDS})


def add_account(name: str, role: str, county: str, password: str, again: str, identity: str) -> None:
    """Add the account as the signed-in administrator (checked again); on a refusal keep the form but the password
    and show the reason once, under it."""
    who = sign_in.require_admin(lang)
    refusal = t("users_passwords_differ", lang) if password != again else None
    if refusal is None:
        try:
            users.add(
                db,
                name,
                role,
                county or None,
                password or None,
                who,
                identity=identity or None,
                reserved=frozenset(first_admins),
            )
        except users.AccountError as refused:
            refusal = markdown(refused.text(lang))
        except StorageFault as fault:  # nothing written; said under the form as a refusal is
            refusal = fault.sentence(lang)
    if refusal is None:
        st.session_state["users_add_reset"] = "all"
        flash_and_rerun(tm("users_added", lang, name=name.strip()))
    st.session_state["users_add_reset"] = "password"
    st.session_state["users_add_refused"] = refusal
    st.rerun()


def accounts_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """The first administrators, then the database's accounts; never a password hash."""
    first = pd.DataFrame(
        {
            "name": sorted(first_admins),
            "role": PREFECTURE_ADMIN,
            "county": None,
            "active": True,
            "identity": None,
            "source": "secrets",
            "changed_at": pd.NaT,
            "changed_by": None,
        }
    )
    kept = accounts.assign(source="database")[first.columns]
    table = pd.concat([first, kept], ignore_index=True) if len(first) else kept
    shown = pd.DataFrame(
        {
            "name": table["name"],
            "role": table["role"].map(role_label),
            "county": table["county"].fillna(""),
            "active": table["active"].map(lambda on: capital(t("users_active" if on else "users_inactive", lang))),
            "identity": table["identity"].fillna(""),
            "source": table["source"].map(lambda s: capital(t(f"users_source_{s}", lang))),
            "changed_at": table["changed_at"].map(lambda at: "" if pd.isna(at) else f"{at:%Y-%m-%d %H:%M}"),
            "changed_by": table["changed_by"].map(lambda who: labels.who_text(who, lang) if who else ""),
        }
    )
    shown.columns = [t(f"users_col_{column}", lang) for column in shown.columns]
    return shown


st.title(t("page_users", lang))
if message := st.session_state.pop("users_flash", None):
    st.success(message)
st.caption(t("users_help", lang, n=users.MIN_PASSWORD, minutes=int(settings.current(db)["idle_minutes"])))

# ---- every account
st.subheader(t("users_accounts", lang))
accounts = users.listing(db)
st.dataframe(accounts_table(accounts), hide_index=True, placeholder=MISSING_CELL, width="stretch")
if first_admins:
    st.caption(t("users_secrets_note", lang))

# ---- add one
st.subheader(t("users_add", lang))
empty_add_fields()
with st.form("users_add_form"):
    name_col, role_col, county_col = st.columns(3)
    name = name_col.text_input(t("users_name", lang), key="users_add_name")
    role = role_col.selectbox(t("users_role", lang), ROLES, format_func=role_label, key="users_add_role")
    county = county_col.selectbox(
        t("users_county", lang),
        [NO_COUNTY, *counties],
        format_func=county_label,
        help=t("users_county_help", lang),
        key="users_add_county",
    )
    first_col, again_col, identity_col = st.columns(3)
    password = first_col.text_input(t("users_password", lang), type="password", key="users_add_password")
    again = again_col.text_input(t("users_password_again", lang), type="password", key="users_add_again")
    identity = identity_col.text_input(t("users_identity", lang), key="users_add_identity")
    if st.form_submit_button(t("users_add_submit", lang)):
        add_account(name, role, county, password, again, identity)
    if refusal := st.session_state.pop("users_add_refused", None):
        st.error(refusal)

# ---- change one: role and county, password, active
st.subheader(t("users_change", lang))
if accounts.empty:
    st.caption(t("users_none", lang))
    st.stop()
picked = st.selectbox(t("users_pick", lang), accounts["name"].tolist(), key="users_pick")
account = users.find(db, picked)
with st.form("users_change_form"):
    role_col, county_col, identity_col = st.columns(3)
    new_role = role_col.selectbox(
        t("users_role", lang),
        ROLES,
        index=ROLES.index(account.role),
        format_func=role_label,
        key=f"users_role_{picked}",
    )
    county_options = [NO_COUNTY, *counties, *([account.county] if account.county not in [NO_COUNTY, *counties] else [])]
    new_county = county_col.selectbox(
        t("users_county", lang),
        county_options,
        index=county_options.index(account.county or NO_COUNTY),
        format_func=county_label,
        help=t("users_county_help", lang),
        key=f"users_county_{picked}",
    )
    new_identity = identity_col.text_input(
        t("users_identity", lang), value=account.identity or "", key=f"users_identity_{picked}"
    )
    if st.form_submit_button(t("users_change_submit", lang)):
        write(
            lambda who: users.change(db, picked, who, role=new_role, county=new_county, identity=new_identity),
            tm("users_changed", lang, name=picked),
        )

with st.form("users_reset_form", clear_on_submit=True):
    st.markdown(f"**{t('users_reset', lang)}**")
    first_col, again_col = st.columns(2)
    password = first_col.text_input(t("users_password", lang), type="password", key="users_reset_password")
    again = again_col.text_input(t("users_password_again", lang), type="password", key="users_reset_again")
    if st.form_submit_button(t("users_reset_submit", lang)):
        if password != again:
            st.error(t("users_passwords_differ", lang))
        else:
            write(
                lambda who: users.reset_password(db, picked, password, who),
                tm("users_reset_done", lang, name=picked),
            )

deactivate_col, unlock_col = st.columns(2)
if unlock_col.button(t("users_unlock", lang), key="users_unlock"):  # five failures lock a name for 15 minutes
    write(lambda who: access.unlock(db, picked, who), tm("users_unlocked", lang, name=picked))
if account.active:
    if deactivate_col.button(t("users_deactivate", lang), key="users_deactivate"):
        write(lambda who: users.set_active(db, picked, False, who), tm("users_deactivated", lang, name=picked))
elif deactivate_col.button(t("users_reactivate", lang), key="users_reactivate"):
    write(lambda who: users.set_active(db, picked, True, who), tm("users_reactivated", lang, name=picked))
