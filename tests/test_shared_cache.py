"""The app's one cache (dashboard.cache.shared): one result per key, shared, one build at a time, LRU."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from dashboard.cache.shared import SharedResult, clear_all, shared_result


class Recorder:
    """A function that records what it was asked to build and returns a fresh object each time."""

    def __init__(self):
        self.builds = []

    def __call__(self, data, version, lang="en"):
        self.builds.append((version, lang))
        return {"version": version, "lang": lang, "build": len(self.builds)}


def cached(recorder, max_entries=4):
    return SharedResult(recorder, key=lambda data, version, lang: (version, lang), max_entries=max_entries)


def test_one_key_gives_the_very_same_object_and_one_build():
    recorder = Recorder()
    fn = cached(recorder)
    first = fn(object(), "v1", "en")
    # Another argument the key leaves out (a new dataset object of the same version): the same result.
    assert fn(object(), "v1", lang="en") is first
    assert recorder.builds == [("v1", "en")]


def test_defaults_and_keywords_name_the_same_key():
    recorder = Recorder()
    fn = cached(recorder)
    assert fn(None, "v1") is fn(None, version="v1", lang="en") is fn(data=None, version="v1")
    assert recorder.builds == [("v1", "en")]


def test_a_different_key_builds_again():
    recorder = Recorder()
    fn = cached(recorder)
    en, ru, newer = fn(None, "v1", "en"), fn(None, "v1", "ru"), fn(None, "v2", "en")
    assert (en["lang"], ru["lang"], newer["version"]) == ("en", "ru", "v2")
    assert recorder.builds == [("v1", "en"), ("v1", "ru"), ("v2", "en")]


def test_least_recently_used_result_goes_first():
    recorder = Recorder()
    fn = cached(recorder, max_entries=2)
    a = fn(None, "a")
    fn(None, "b")
    assert fn(None, "a") is a  # a is now the most recently used
    fn(None, "c")  # forgets b
    assert fn(None, "a") is a
    fn(None, "b")
    assert recorder.builds == [("a", "en"), ("b", "en"), ("c", "en"), ("b", "en")]


def test_clear_and_clear_all_forget_results():
    recorder = Recorder()
    fn = cached(recorder)
    first = fn(None, "v1")
    fn.clear()
    assert fn(None, "v1") is not first
    clear_all()
    assert fn(None, "v1")["build"] == 3


def test_sessions_asking_for_one_key_at_once_wait_for_a_single_build():
    started = threading.Event()
    release = threading.Event()
    builds = []

    def slow(version):
        builds.append(version)
        started.set()
        release.wait(5)
        return object()

    fn = SharedResult(slow, key=lambda version: version, max_entries=4)
    got = []
    threads = [threading.Thread(target=lambda: got.append(fn("v1"))) for _ in range(3)]
    threads[0].start()
    assert started.wait(5)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(10)
    assert builds == ["v1"]
    assert len(got) == 3 and got[0] is got[1] is got[2]


def test_a_failed_build_is_not_kept_and_the_next_call_tries_again():
    attempts = []

    def flaky(version):
        attempts.append(version)
        if len(attempts) == 1:
            raise OSError("file went away")
        return version

    fn = SharedResult(flaky, key=lambda version: version, max_entries=4)
    with pytest.raises(OSError):
        fn("v1")
    assert fn("v1") == "v1" and attempts == ["v1", "v1"]


def test_a_frame_is_handed_out_as_a_copy_on_write_copy():
    @shared_result(key=lambda version: version, max_entries=1)
    def table(version):
        return pd.DataFrame({"a": [1, 2]})

    mine = table("v1")
    mine["b"] = 0
    mine.loc[0, "a"] = 99
    theirs = table("v1")
    assert list(theirs.columns) == ["a"] and theirs["a"].tolist() == [1, 2]


def test_an_unhashable_key_is_refused():
    fn = SharedResult(Recorder(), key=lambda data, version, lang: [version], max_entries=4)
    with pytest.raises(TypeError):
        fn(None, "v1")


def test_the_decorator_keeps_the_name_and_docstring():
    @shared_result(key=lambda version: version, max_entries=1)
    def table(version):
        """A table."""
        return version

    assert table.__name__ == "table" and table.__doc__ == "A table."
    assert table("k") == "k"
