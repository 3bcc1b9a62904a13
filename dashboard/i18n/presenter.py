"""Interface text of presenter mode."""

TEXT = {
    "presenter.toggle": ("Presenter mode", "Режим презентации"),
    "presenter.toggle_help": (
        "Large type, no sidebar, and the saved scenes with Next / Back (arrow keys → and ←). "
        "Link: add ?present=1 to the address.",
        "Крупный шрифт, без боковой панели; сохранённые сцены с кнопками «Далее» / «Назад» (клавиши → и ←). "
        "Ссылка: добавьте ?present=1 к адресу.",
    ),
    "presenter.back": ("Back", "Назад"),
    "presenter.next": ("Next", "Далее"),
    "presenter.counter": ("{n} / {total}", "{n} / {total}"),
    "presenter.switch_language": ("Русский", "English"),
    "presenter.exit": ("Exit", "Выход"),
    "presenter.no_scenes": (
        "No scene can be shown: check imc_data/tables/scenes.csv (python -m imc_data.validate).",
        "Нет сцен для показа: проверьте imc_data/tables/scenes.csv (python -m imc_data.validate).",
    ),
    "presenter.skipped": (
        "{n} scene(s) left out (page not in this version, or an error in scenes.csv): {ids}",
        "Пропущено сцен: {n} (страницы нет в этой версии или ошибка в scenes.csv): {ids}",
    ),
}
