"""Interface text of presenter mode: the slide bar, the slides, the speaker view and the PDF deck."""

TEXT = {
    "presenter.toggle": ("Presenter mode", "Режим презентации"),
    "presenter.toggle_help": (
        "Slides in large type, no sidebar, Next / Back with the arrow keys → and ←. "
        "Link: add ?present=1 to the address.",
        "Слайды крупным шрифтом, без боковой панели; «Далее» / «Назад» — клавиши → и ←. "
        "Ссылка: добавьте ?present=1 к адресу.",
    ),
    "presenter.back": ("Back", "Назад"),
    "presenter.next": ("Next", "Далее"),
    "presenter.counter": ("{n} / {total}", "{n} / {total}"),
    "presenter.switch_language": ("Русский", "English"),
    "presenter.exit": ("Exit", "Выход"),
    "presenter.exit_help": (
        "Leave presenter mode and open the full page of this slide",
        "Выйти из режима презентации и открыть полную страницу этого слайда",
    ),
    "presenter.speaker": ("Speaker view", "Окно докладчика"),
    "presenter.speaker_help": (
        "Opens a second window with your notes and the next slide's title; it follows this one",
        "Открывает второе окно с заметками и заголовком следующего слайда; оно следует за этим окном",
    ),
    "presenter.deck_pdf": ("PDF deck", "PDF-презентация"),
    "presenter.deck_pdf_help": (
        "The whole story as a PDF, one page per slide, in this language: to hand out after the talk",
        "Вся история в PDF, по странице на слайд, на этом языке — чтобы раздать после доклада",
    ),
    "presenter.no_scenes": (
        "No scene can be shown: ask staff to check the presenter scenes on the About the data page.",
        "Нет сцен для показа: попросите сотрудников проверить сцены презентации на странице «О данных».",
    ),
    "presenter.skipped": (
        "Scenes left out: {n} (cannot be shown in this version): {ids}",
        "Пропущено сцен: {n} (не могут быть показаны в этой версии): {ids}",
    ),
    # the slides
    "presenter.sources_line": ("Sources: {sources}", "Источники: {sources}"),
    "presenter.more_sources": ("and {n} more", "и ещё {n}"),
    "presenter.other_sources": ("and others", "и другие"),
    "presenter.layout_note": ("a schematic plot layout, not cadastral data", "схема участков, не кадастровые данные"),
    "presenter.up_to": ("up to {value}", "до {value}"),
    "presenter.opportunity_line": ("{name} — {area}, from {year}", "{name} — {area}, с {year} г."),
    "presenter.open_count": ("Open now: {n}", "Открыто сейчас: {n}"),
    "presenter.illustrative_values": (
        "Plot layout, floor areas, years and investment models are illustrative until agreed",
        "Схема участков, площади, годы и модели инвестирования иллюстративны до согласования",
    ),
    "presenter.benefits": ("Benefits under 160-FZ", "Преимущества по 160-ФЗ"),
    "presenter.legend.open_plot": ("Plot with an open opportunity", "Участок с открытой возможностью"),
    "presenter.legend.this_plot": ("This opportunity's plot", "Участок этой возможности"),
    "presenter.legend.plot_in_focus": ("The plot in focus", "Участок в фокусе"),
    "presenter.contact.website": ("Website", "Сайт"),
    "presenter.contact.email": ("E-mail", "Эл. почта"),
    "presenter.contact.phone": ("Phone", "Телефон"),
    "presenter.contact.languages": ("Languages", "Языки"),
    "presenter.enquiry_qr": ("Enquiry form", "Форма запроса"),
    "presenter.enquiry_qr_alt": ("QR code of the enquiry form: {url}", "QR-код формы запроса: {url}"),
    "presenter.kpi.oecd_members": ("OECD member states", "Государства — члены ОЭСР"),
    "presenter.kpi.oecd_operating": ("OECD partners with a clinic open", "Партнёры из ОЭСР с работающей клиникой"),
    "presenter.kpi.oecd_announced": (
        "OECD partners with an agreement or memorandum, no clinic yet",
        "Партнёры из ОЭСР с соглашением или меморандумом, пока без клиники",
    ),
    "presenter.kpi.facilities_built": ("Facilities built", "Построено объектов"),
    "presenter.kpi.facilities_partly_completed": ("Facilities partly completed", "Объектов частично готово"),
    "presenter.kpi.facilities_under_construction": ("Facilities under construction", "Объектов строится"),
    "presenter.kpi.facilities_planned": ("Facilities planned", "Объектов запланировано"),
    "presenter.kpi.facilities_announced": ("Facilities announced, unconfirmed", "Объектов объявлено, не подтверждено"),
    "presenter.kpi.open_opportunities": ("Opportunities open to investors", "Открытые инвестиционные возможности"),
    # the speaker view
    "presenter.speaker.title": ("Speaker view", "Окно докладчика"),
    "presenter.speaker.waiting": (
        "Waiting for the presentation: open it in the other window (it shows the Speaker view button).",
        "Ожидание презентации: откройте её в другом окне (там есть кнопка «Окно докладчика»).",
    ),
    "presenter.speaker.now": ("Now: {n} / {total}", "Сейчас: {n} / {total}"),
    "presenter.speaker.points": ("On the slide", "На слайде"),
    "presenter.speaker.notes": ("Your notes", "Ваши заметки"),
    "presenter.speaker.no_notes": ("No notes for this slide.", "К этому слайду заметок нет."),
    "presenter.speaker.next": ("Next: {title}", "Далее: {title}"),
    "presenter.speaker.last": ("This is the last slide.", "Это последний слайд."),
    # the PDF deck
    "presenter.pdf.page": ("{n} / {total}", "{n} / {total}"),
    "presenter.pdf.generated": ("Generated {date}", "Создано {date}"),
    "presenter.pdf.contact": ("Contact: {name}", "Контакты: {name}"),
    "presenter.pdf.sources": ("Sources", "Источники"),
    "presenter.pdf.file": ("imc-roadshow-deck-{code}.pdf", "imc-roadshow-deck-{code}.pdf"),
}
