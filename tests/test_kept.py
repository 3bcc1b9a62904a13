"""dashboard.kept: results shared per key, the key leaving out ``_`` parameters, LRU eviction."""

import threading

import pytest

from dashboard import kept


class Counter:
    """A function that records each build and returns a fresh object per build."""

    def __init__(self):
        self.builds = []

    def __call__(self, _data, key, lang):
        self.builds.append((key, lang))
        return {"key": key, "lang": lang, "build": len(self.builds)}


def test_same_key_gives_the_very_same_object_and_builds_once():
    counter = Counter()
    fn = kept.Kept(counter, max_entries=4)
    first = fn(object(), "v1", "en")
    # A different unhashed argument (a new dataset object of the same version) is not in the key.
    again = fn(object(), "v1", "en")
    assert again is first
    assert counter.builds == [("v1", "en")]


def test_a_different_key_builds_again():
    counter = Counter()
    fn = kept.Kept(counter, max_entries=4)
    en = fn(None, "v1", "en")
    ru = fn(None, "v1", "ru")
    newer = fn(None, "v2", "en")
    assert (en["lang"], ru["lang"], newer["key"]) == ("en", "ru", "v2")
    assert counter.builds == [("v1", "en"), ("v1", "ru"), ("v2", "en")]


def test_least_recently_used_entry_goes_first():
    counter = Counter()
    fn = kept.Kept(counter, max_entries=2)
    a = fn(None, "a", "en")
    fn(None, "b", "en")
    assert fn(None, "a", "en") is a  # a is now the most recently used
    fn(None, "c", "en")  # evicts b
    assert len(fn) == 2
    assert fn(None, "a", "en") is a
    fn(None, "b", "en")
    assert counter.builds == [("a", "en"), ("b", "en"), ("c", "en"), ("b", "en")]


def test_clear_and_clear_all_forget_results():
    counter = Counter()
    fn = kept.Kept(counter, max_entries=4)
    first = fn(None, "v1", "en")
    fn.clear()
    second = fn(None, "v1", "en")
    assert second is not first and second["build"] == 2
    kept.clear_all()
    assert len(fn) == 0
    assert fn(None, "v1", "en")["build"] == 3


def test_two_sessions_building_one_key_at_once_get_the_same_object():
    both_building = threading.Barrier(2, timeout=5)
    builds = []

    def slow(_data, key):
        both_building.wait()  # both threads are inside the build before either stores it
        value = object()
        builds.append(value)
        return value

    fn = kept.Kept(slow, max_entries=4)
    got = []
    threads = [threading.Thread(target=lambda: got.append(fn(None, "v1"))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(builds) == 2
    assert len(got) == 2 and got[0] is got[1]
    assert got[0] is builds[0] or got[0] is builds[1]
    assert fn(None, "v1") is got[0]


def test_an_unhashable_key_argument_is_refused():
    fn = kept.Kept(Counter(), max_entries=4)
    with pytest.raises(TypeError):
        fn(None, ["not", "hashable"], "en")


def test_decorator_keeps_the_function_name_and_docstring():
    @kept.kept(max_entries=1)
    def table(_ds, key):
        """A table."""
        return key

    assert table.__name__ == "table" and table.__doc__ == "A table."
    assert table(None, "k") == "k"
