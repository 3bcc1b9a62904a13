"""The "I'm interested" form of the Opportunities page, with its abuse protection.

:func:`enquiry_form` draws the form and handles a submission:

1. a hidden **spam trap** field (``display: none``: no person sees or reaches it, a script
   that fills every field does) — a filled trap stores nothing and is counted for staff;
2. one enquiry per :data:`imc_data.enquiries.MIN_INTERVAL_SECONDS` per browser session;
3. validation per field, with the field sizes capped (:data:`imc_data.enquiries.LIMITS`);
4. the limits per client address and per hour (:class:`imc_data.enquiries.EnquiryLimits`),
   the address taken by :func:`dashboard.client_address.client_address`.

Every message is in the visitor's language; nothing typed is echoed back.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping

import streamlit as st

from imc_data import enquiries

from .client_address import client_address
from .i18n import translate
from .safe import md

FIELDS = ("name", "organisation", "email", "country", "message", "opportunity_ids")
TRAP_KEY = "enq_website"
# Streamlit marks a keyed widget's container with the class "st-key-<key>".
_HIDE_TRAP = f"<style>.st-key-{TRAP_KEY} {{display: none !important;}}</style>"


SENT_KEY = "enquiry_sent"  # the reference of the enquiry this session sent: the form gives way to it
SENDER_KEY = "enquiry_sender"  # who sent it, to fill in a next enquiry (the form's own state goes with the form)
SENDER_FIELDS = ("name", "organisation", "email", "country")


def _fields(lang: str, options: Mapping[str, str]):
    """Draw the form; return what was typed, the trap's value, whether it was submitted, and where messages go.

    Messages go just above the send button: on a phone the form is taller than the screen, and a message
    under it was out of sight of the visitor who had just pressed the button.
    """
    t = lambda key: translate(f"opportunities.enquiry.{key}", lang)  # noqa: E731 - many labels
    st.html(_HIDE_TRAP)
    with st.form("enquiry", clear_on_submit=False):
        row = st.columns(2)
        name = row[0].text_input(t("name"), max_chars=enquiries.LIMITS["name"], key="enq_name")
        organisation = row[1].text_input(
            t("organisation"), max_chars=enquiries.LIMITS["organisation"], key="enq_organisation"
        )
        row = st.columns(2)
        email = row[0].text_input(t("email"), max_chars=enquiries.LIMITS["email"], key="enq_email")
        country = row[1].text_input(t("country"), max_chars=enquiries.LIMITS["country"], key="enq_country")
        chosen = st.multiselect(
            t("opportunity_ids"),
            list(options),
            placeholder=t("choose"),
            format_func=lambda i: options.get(i, i),
            key="enq_opportunity_ids",
            max_selections=enquiries.MAX_OPPORTUNITY_IDS,
            select_all=False,  # Streamlit's "Select all" is English only
        )
        message = st.text_area(t("message"), max_chars=enquiries.LIMITS["message"], key="enq_message")
        trap = st.text_input(translate("enquiry.trap_label", lang), key=TRAP_KEY, autocomplete="off")
        st.caption(t("stored"))
        notice = st.container()
        submitted = st.form_submit_button(t("submit"), icon=":material/send:")
    typed = enquiries.Enquiry(name, organisation, email, country, message, tuple(chosen), lang)
    return typed, trap, submitted, notice


def _another_enquiry() -> None:
    """Back to the form for a new enquiry: the sender's details filled in again, the message and the choice empty."""
    st.session_state.pop(SENT_KEY, None)
    for field, value in st.session_state.get(SENDER_KEY, {}).items():
        st.session_state[f"enq_{field}"] = value
    st.session_state["enq_message"] = ""
    st.session_state["enq_opportunity_ids"] = []


def _field_errors(lang: str, errors: Mapping[str, enquiries.FieldError]) -> None:
    """One message box: what to fix, then one line per field in the form's order (five red boxes read as alarm)."""
    lines = []
    for field in FIELDS:
        if field in errors:
            label = translate(f"opportunities.enquiry.{field}", lang).rstrip(" *")
            values = {k: md(v) for k, v in errors[field].values.items()}
            lines.append(translate(f"opportunities.err.{errors[field].code}", lang, field=label, **values))
    text = translate("opportunities.enquiry.fix", lang) + "\n" + "\n".join(f"- {line}" for line in lines)
    st.error(text, icon=":material/error:")


def enquiry_form(lang: str, options: Mapping[str, str]) -> None:
    """Draw the enquiry form and handle a submission (see the module docstring).

    Parameters
    ----------
    lang : str
        ``en`` or ``ru``.
    options : mapping
        Opportunity id → the label shown in the form's list (its name, e.g. ``"Ophthalmology clinic · Stage 2"``);
        the ids are also the only ones accepted.
    """
    sent = st.session_state.get(SENT_KEY)
    if sent:  # the form gives way to the confirmation, in the place the visitor is looking at: no second send
        st.success(translate("opportunities.enquiry.ok", lang, reference=sent), icon=":material/check_circle:")
        st.button(translate("opportunities.enquiry.another", lang), on_click=_another_enquiry, key="enq_another")
        return
    enquiry, trap, submitted, notice = _fields(lang, options)
    if not submitted:
        return
    with notice:
        _submit(lang, options, enquiry, trap)


def _submit(lang: str, options: Mapping[str, str], enquiry: enquiries.Enquiry, trap: str) -> None:
    if trap:
        enquiries.record_refusal("spam_trap", client_address())
        st.error(translate("opportunities.enquiry.failed", lang))  # says nothing a script could learn from
        return
    wait = enquiries.seconds_to_wait(st.session_state.get("enquiry_sent_at"), time.monotonic())
    if wait > 0:
        st.warning(translate("opportunities.enquiry.wait", lang, seconds=int(wait) + 1))
        return
    errors = enquiries.validate_enquiry(enquiry, options)
    if errors:
        _field_errors(lang, errors)
        return
    try:
        reference = enquiries.submit_enquiry(enquiry, known_opportunities=options, client=client_address())
    except enquiries.EnquiryLimitError as refused:
        minutes = max(1, math.ceil(refused.retry_after / 60))
        st.warning(translate(f"enquiry.limit_{refused.reason}", lang, minutes=minutes), icon=":material/schedule:")
    except Exception:  # a database outage must not show a traceback to an investor
        st.error(translate("opportunities.enquiry.failed", lang))
    else:
        st.session_state["enquiry_sent_at"] = time.monotonic()
        st.session_state[SENT_KEY] = reference
        st.session_state[SENDER_KEY] = {field: getattr(enquiry, field) for field in SENDER_FIELDS}
        st.rerun()
