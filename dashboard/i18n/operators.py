"""Interface text of the Operators & partners page (``pages/4_operators.py``)."""

TEXT = {
    "operators.title": ("Operators and partners", "Операторы и партнёры"),
    "operators.subtitle": (
        "Who operates, invests or has signed up in the IMC, where they come from, and which of their countries "
        "are OECD members.",
        "Кто работает, инвестирует или подписал соглашения в ММК, откуда они и какие из их стран — члены ОЭСР.",
    ),
    "operators.kpis": ("By status", "По статусу"),
    "operators.kpi.help_items": ("Counted: {items}", "Учтены: {items}"),
    "operators.map.title": ("Where the operators and partners come from", "Откуда операторы и партнёры"),
    "operators.map.caption": (
        "Dark blue, hatched and labelled: OECD countries of the IMC's operators and partners (their number in "
        "the label). Light blue: the other OECD members, whose licences are recognised too. Beige: operators "
        "from outside the OECD (see the tables). Country outlines: Natural Earth (public domain).",
        "Тёмно-синие, заштрихованные, с подписью — страны ОЭСР, откуда операторы и партнёры ММК (их число в "
        "подписи). Голубые — остальные члены ОЭСР, их лицензии тоже признаются. Бежевые — операторы из стран "
        "вне ОЭСР (см. таблицы). Контуры стран: Natural Earth (общественное достояние).",
    ),
    "operators.map.member": ("OECD member", "Член ОЭСР"),
    "operators.map.legend.oecd_member": ("OECD member", "Член ОЭСР"),
    "operators.map.legend.oecd_with_operators": (
        "OECD member with IMC operators / partners",
        "Член ОЭСР с операторами / партнёрами ММК",
    ),
    "operators.map.legend.operators_not_oecd": (
        "IMC operators / partners, not OECD",
        "Операторы / партнёры ММК, не ОЭСР",
    ),
    "operators.list.line": ("{country} · {status}", "{country} · {status}"),
    "operators.countries.title": ("Countries of operators and partners", "Страны операторов и партнёров"),
    "operators.table.title": ("All operators and partners", "Все операторы и партнёры"),
    "operators.col.name": ("Operator / partner", "Оператор / партнёр"),
    "operators.col.role": ("Role", "Роль"),
    "operators.col.country": ("Country", "Страна"),
    "operators.col.oecd_since": ("OECD member since", "Член ОЭСР с"),
    "operators.col.operators": ("Operators and partners", "Операторы и партнёры"),
    "operators.col.agreement": ("Agreement", "Соглашение"),
    "operators.col.facility": ("Facility", "Объект"),
    "operators.col.status": ("Status", "Статус"),
    "operators.col.note": ("Note", "Примечание"),
    "operators.col.sources": ("Sources", "Источники"),
    "operators.not_member": ("not a member", "не член"),
    "operators.role.operator": ("Operator", "Оператор"),
    "operators.role.investor": ("Investor", "Инвестор"),
    "operators.role.partner": ("Partner", "Партнёр"),
    "operators.role.managing_company": ("Managing company", "Управляющая компания"),
    "operators.status_note": (
        "Status is the latest found in the sources; “{interest}” means no agreement was found.",
        "Статус — последний найденный в источниках; «{interest}» — соглашение не найдено.",
    ),
    "operators.sources_by_row": ("What the sources say, row by row", "Что говорят источники — по строкам"),
    "operators.as_of": ("as of {date}", "на {date}"),
}
