"""Interface text of the Why IMC (legal regime) page (``pages/5_legal_regime.py``)."""

TEXT = {
    "legal_regime.title": ("Why IMC: a legal regime of its own", "Почему ММК: особый правовой режим"),
    "legal_regime.subtitle": (
        "What Federal Law No. 160-FZ lets IMC participants do, what it does not give, "
        "and the context an investor should weigh.",
        "Что Федеральный закон № 160-ФЗ разрешает участникам ММК, чего он не даёт "
        "и какой контекст стоит учесть инвестору.",
    ),
    "legal_regime.tab.provisions": ("Provisions of 160-FZ", "Положения 160-ФЗ"),
    "legal_regime.tab.uses": ("By plot use", "По назначению участков"),
    "legal_regime.tab.incentives": ("Incentives and support", "Льготы и поддержка"),
    "legal_regime.tab.risks": ("Context and risks", "Контекст и риски"),
    # The same tabs on a phone: short enough to stand in one row 360 px wide (a row that wraps when the
    # page's style sheet arrives moves everything under it).
    "legal_regime.tab_phone.provisions": ("160-FZ", "160-ФЗ"),
    "legal_regime.tab_phone.uses": ("Plot uses", "Участки"),
    "legal_regime.tab_phone.incentives": ("Incentives", "Льготы"),
    "legal_regime.tab_phone.risks": ("Risks", "Риски"),
    "legal_regime.law": ("The law", "Закон"),
    "legal_regime.benefits": ("What the law gives participants", "Что закон даёт участникам"),
    "legal_regime.conditions": ("Conditions set by the IMC Fund", "Условия Фонда ММК"),
    "legal_regime.unassigned": ("Other provisions", "Другие положения"),
    "legal_regime.article": ("160-FZ, {article}", "160-ФЗ, {article}"),
    "legal_regime.as_of": ("As of {date}", "По состоянию на {date}"),
    "legal_regime.matrix.title": (
        "Which provision matters for which plot use",
        "Какие положения важны для какого назначения участка",
    ),
    "legal_regime.matrix.caption": (
        "Derived from the text of each provision; not legal advice. "
        "For plots of this use: ✓ a benefit, ● a condition, ⚠ a risk or limit; — does not concern them. "
        "In brackets: the number of plots of that use.",
        "Выведено из текста каждого положения; не юридическая консультация. "
        "Для участков с этим назначением: ✓ — преимущество, ● — условие, ⚠ — риск или ограничение; прочерк — не касается. "
        "В скобках — число участков с этим назначением.",
    ),
    "legal_regime.matrix.provision": ("Provision", "Положение"),
    "legal_regime.matrix.reason": ("Why", "Почему"),
    "legal_regime.matrix.matters_for": ("Matters for: {uses}", "Важно для: {uses}"),
    "legal_regime.matrix.use_header": ("{use} (plots: {n})", "{use} (участков: {n})"),
    "legal_regime.incentives": ("Incentives and support measures", "Льготы и меры поддержки"),
    "legal_regime.incentives_caption": (
        "Does the measure apply to IMC operators? Yes — confirmed by a source; Not established — "
        "no source confirms it; No — excluded.",
        "Применяется ли мера к операторам ММК? Да — подтверждено источником; Не установлено — "
        "ни один источник не подтверждает; Нет — не применяется.",
    ),
    "legal_regime.applies": ("Applies to IMC operators? {answer}", "Применяется к операторам ММК? {answer}"),
    "legal_regime.applies.yes": ("Yes", "Да"),
    "legal_regime.applies.not_established": ("Not established", "Не установлено"),
    "legal_regime.applies.no": ("No", "Нет"),
    "legal_regime.conditions_label": ("Conditions", "Условия"),
    "legal_regime.gives_label": ("What it gives", "Что даёт"),
    "legal_regime.risks": ("Context and risks", "Контекст и риски"),
    "legal_regime.risks_caption": (
        "Facts from the sources, without commentary.",
        "Факты из источников, без комментариев.",
    ),
}
