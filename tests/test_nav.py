"""Links keep the reader's language; English addresses stay without it."""

from dashboard.nav import lang_query, store_lang


def test_a_russian_link_carries_the_language_and_an_english_one_does_not():
    assert lang_query("ru", {"plot": "P07"}) == {"plot": "P07", "lang": "ru"}
    assert lang_query("en", {"plot": "P07"}) == {"plot": "P07"}
    assert lang_query("en") == {}


def test_switching_the_language_rewrites_only_the_language_in_the_address():
    address = {"plot": "P07"}
    store_lang(address, "ru")
    assert address == {"plot": "P07", "lang": "ru"}
    store_lang(address, "en")
    assert address == {"plot": "P07"}
    store_lang(address, "en")  # already English: nothing to take out
    assert address == {"plot": "P07"}
