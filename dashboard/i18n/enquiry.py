"""Interface text of the enquiry form's abuse protection (``dashboard/enquiry_form.py``)."""

TEXT = {
    # The spam trap is hidden from people (display: none); the label is for the rare case it shows.
    "enquiry.trap_label": ("Leave this field empty", "Оставьте это поле пустым"),
    "enquiry.limit_address_limit": (
        "Several enquiries have already been sent from your network in the last hour, so this one was not sent. "
        "Please try again in about {minutes} min; what you typed is still in the form.",
        "С вашей сети за последний час уже отправлено несколько запросов, поэтому этот не отправлен. "
        "Попробуйте ещё раз примерно через {minutes} мин; введённый текст сохранён в форме.",
    ),
    "enquiry.limit_hourly_limit": (
        "We are receiving an unusually large number of enquiries right now, so this one was not sent. "
        "Please try again in about {minutes} min; what you typed is still in the form.",
        "Сейчас поступает необычно много запросов, поэтому этот не отправлен. "
        "Попробуйте ещё раз примерно через {minutes} мин; введённый текст сохранён в форме.",
    ),
    "opportunities.err.too_many": (
        "{field}: choose at most {max}",
        "{field}: выберите не более {max}",
    ),
}
