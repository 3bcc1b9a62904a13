"""The one home of what a contact's e-mail address and phone number must look like.

The loader refuses a ``contacts.csv`` row that breaks them (:mod:`imc_data.consistency`), the upload check
lets a phone number start with "+" (:func:`imc_data.formulas.refused_on_upload`), and the contact card shows
only what matches them (:mod:`dashboard.contact`).
"""

from __future__ import annotations

import re

EMAIL_ADDRESS = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
# International format (+7 495 123-45-67): digits, spaces, brackets and dashes after the "+", so no spreadsheet
# function can hide in it.
PHONE_NUMBER = re.compile(r"^\+[0-9][0-9 ()\-]{6,}$")
