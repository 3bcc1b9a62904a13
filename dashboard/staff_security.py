"""What signed-in staff are told about the two doors: paused sign-ins and refused enquiries.

Drawn by :func:`dashboard.auth.login_panel` under "Signed in as …": a warning when sign-in was
paused for some connection or enquiries were refused in the last 24 hours, and a folded
security log of the last 7 days. The tables are plain data (addresses and typed names are
shown as table cells, never as Markdown).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from imc_data import enquiries, staff_access

from . import formatting
from .i18n import translate

NOTICE_HOURS = 24
LOG_DAYS = 7


def refusal_summary(refused: pd.DataFrame) -> dict[str, int]:
    """Refused enquiries per reason (every reason present, 0 when none)."""
    totals = refused.groupby("reason")["refused"].sum() if not refused.empty else pd.Series(dtype="int64")
    return {reason: int(totals.get(reason, 0)) for reason in enquiries.REFUSAL_KINDS}


def refusal_notice(refused: pd.DataFrame, lang: str) -> str:
    """One sentence on refused enquiries, naming only the reasons that occurred, with the advice on limits."""
    limits = enquiries.EnquiryLimits.from_env()
    counts = refusal_summary(refused)
    parts = [
        translate(f"security.refusals_{key}", lang, n=formatting.number(counts[reason], lang), limit=limit)
        for reason, key, limit in (
            ("address_limit", "address", formatting.number(limits.per_address, lang)),
            ("hourly_limit", "hourly", formatting.number(limits.per_hour, lang)),
            ("spam_trap", "trap", ""),
        )
        if counts[reason]
    ]
    advice = translate("security.refusals_advice", lang) if counts["address_limit"] or counts["hourly_limit"] else ""
    return f"{translate('security.refusals', lang, parts='; '.join(parts))} {advice}".strip()


def notices(lang: str, now: dt.datetime) -> None:
    """Warnings about the 24 hours before ``now``, then the folded security log.

    ``now`` comes from the sign-in guard's clock (:data:`dashboard.auth.GUARD`), the one that stamps the paused
    sign-in windows: a second clock here could disagree with it.
    """
    since = now - dt.timedelta(hours=NOTICE_HOURS)
    try:
        locked = staff_access.lockouts(since)
        refused = enquiries.refusals(since=since)
    except SQLAlchemyError:
        return  # the staff part itself reports a database that does not answer
    if not locked.empty:
        st.warning(
            translate(
                "security.lockouts",
                lang,
                clients=formatting.number(len(locked), lang),
                refused=formatting.number(int(locked["refused"].sum()), lang),
                top=locked.iloc[0]["client"],
            ),
            icon=":material/lock_clock:",
        )
    if not refused.empty:
        st.warning(refusal_notice(refused, lang), icon=":material/report:")
    with st.expander(translate("security.log", lang), icon=":material/shield:"):
        security_log(lang, now)


def _utc(series: pd.Series) -> list[str]:
    return [f"{t:%Y-%m-%d %H:%M}" for t in series]


def security_log(lang: str, now: dt.datetime) -> None:
    """Sign-in attempts, paused attempts per address, and refused enquiries of the last 7 days."""
    since = now - dt.timedelta(days=LOG_DAYS)
    t = lambda key: translate(key, lang)  # noqa: E731 - a short local alias for many labels
    attempts = staff_access.recent_attempts()
    attempts = attempts[attempts["at"] >= since]
    st.markdown(f"**{t('security.attempts')}**")
    if attempts.empty:
        st.caption(t("security.attempts_none"))
    else:
        _table(
            {
                t("security.col_at"): _utc(attempts["at"]),
                t("security.col_client"): attempts["client"],
                t("security.col_name"): attempts["name"],
                t("security.col_outcome"): [t(f"security.outcome.{o}") for o in attempts["outcome"]],
            }
        )
    locked = staff_access.lockouts(since)
    if not locked.empty:
        st.markdown(f"**{t('security.paused')}**")
        _table(
            {
                t("security.col_client"): locked["client"],
                t("security.col_refused"): locked["refused"],
                t("security.col_first_window"): _utc(locked["first"]),
                t("security.col_last_window"): _utc(locked["last"]),
            }
        )
    refused = enquiries.refusals(since=since)
    st.markdown(f"**{t('security.refused_enquiries')}**")
    if refused.empty:
        st.caption(t("security.refused_none"))
        return
    _table(
        {
            t("security.col_reason"): [t(f"security.reason.{r}") for r in refused["reason"]],
            t("security.col_client"): refused["client"],
            t("security.col_refused"): refused["refused"],
            t("security.col_first"): _utc(refused["first"]),
            t("security.col_last"): _utc(refused["last"]),
        }
    )


def _table(columns: dict) -> None:
    st.dataframe(pd.DataFrame(columns), hide_index=True, width="stretch")
