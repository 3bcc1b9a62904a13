"""Whom an investor contacts: one card built from the ``contacts`` table, or the enquiry form.

Contract with the data tables: ``contacts.csv`` has ``contact_id, organisation_en,
organisation_ru, role_en, role_ru, website, email, phone, languages, source_ids, as_of,
provenance``. Nothing here is ever invented: a field that is empty stays empty, a row whose
provenance is ``illustrative`` gives no e-mail and no phone, and when there is no ``contacts``
table (or no usable row) the card is empty and the call to action is the enquiry form on the
Opportunities page. Pure (no Streamlit): the Overview, the frame and the PDFs use the same card.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from imc_data.contact_rules import EMAIL_ADDRESS, PHONE_NUMBER
from imc_data.missing import is_missing

from .i18n import normalise_lang
from .labels import label

ENQUIRY_PAGE = "pages/3_opportunities.py"
ENQUIRY_PATH = "/opportunities"


@dataclass(frozen=True)
class ContactCard:
    """What the call to action shows; every field may be empty (``None``).

    ``email_url`` and ``phone_url`` are ``mailto:`` / ``tel:`` addresses built only from
    values that look like an address or a number.
    """

    organisation: str | None = None
    role: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    languages: str | None = None
    source_ids: tuple[str, ...] = field(default_factory=tuple)
    provenance: str | None = None
    as_of: object = None

    @property
    def email_url(self) -> str | None:
        """``mailto:`` address of the e-mail, if any."""
        return f"mailto:{self.email}" if self.email else None

    @property
    def phone_url(self) -> str | None:
        """``tel:`` address of the phone number, if any."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else None

    @property
    def reachable(self) -> bool:
        """True when an investor can write or call directly; otherwise the enquiry form is the way."""
        return bool(self.email or self.phone)


def _text(value: object) -> str | None:
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _ids(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if _text(v))
    text = _text(value)
    return tuple(part.strip() for part in text.split(";") if part.strip()) if text else ()


def _languages(value: object, lang: str) -> str | None:
    if isinstance(value, (list, tuple)):
        codes = [str(v).strip() for v in value if _text(v)]
    else:
        text = _text(value)
        codes = [part.strip() for part in re.split(r"[;,/]", text) if part.strip()] if text else []
    if not codes:
        return None
    return ", ".join(label("language", code.lower(), lang) if len(code) == 2 else code for code in codes)


def _localised(row: pd.Series, stem: str, lang: str) -> str | None:
    return _text(row.get(f"{stem}_{lang}")) or _text(row.get(f"{stem}_en"))


def contact_card(tables: Mapping, lang: str, contact_id: str | None = None) -> ContactCard:
    """The contact to show: the row ``contact_id``, else the first row of the ``contacts`` table.

    Parameters
    ----------
    tables : Dataset or mapping of table name to DataFrame
        Without a ``contacts`` table the card is empty.
    lang : str
        ``en`` or ``ru`` (organisation, role and languages in that language).
    contact_id : str, optional
        A specific contact; unknown ids fall back to the first row.

    Returns
    -------
    ContactCard
        Empty (``reachable`` False) when there is no usable row. A row marked ``illustrative``
        keeps its organisation and website but never an e-mail or a phone.
    """
    lang = normalise_lang(lang)
    try:
        contacts = tables["contacts"]
    except KeyError:
        return ContactCard()
    if contacts is None or contacts.empty:
        return ContactCard()
    rows = contacts
    if contact_id is not None and "contact_id" in contacts:
        chosen = contacts[contacts["contact_id"] == contact_id]
        rows = chosen if not chosen.empty else contacts
    row = rows.iloc[0]
    provenance = _text(row.get("provenance"))
    invented = provenance == "illustrative"
    website = _text(row.get("website"))
    email = _text(row.get("email"))
    phone = _text(row.get("phone"))
    return ContactCard(
        organisation=_localised(row, "organisation", lang),
        role=_localised(row, "role", lang),
        website=website if website and website.startswith(("https://", "http://")) else None,
        email=email if email and not invented and EMAIL_ADDRESS.match(email) else None,
        phone=phone if phone and not invented and PHONE_NUMBER.match(phone) else None,
        languages=_languages(row.get("languages"), lang),
        source_ids=_ids(row.get("source_ids")),
        provenance=provenance,
        as_of=row.get("as_of"),
    )
