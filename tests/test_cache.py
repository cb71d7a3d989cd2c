"""The on-disk cache: stale or broken files are rebuilt, never read; cached things behave as
freshly built ones."""

from frontwatch import cache
from frontwatch.entities import lexicon
from frontwatch.places.gazetteer import load_gazetteer
from frontwatch.theatres import load_theatre

TEXT = ("Russian forces shelled Kharkiv and Kupiansk, the General Staff said; HIMARS struck "
        "a depot near Nova Kakhovka in Kherson Oblast.")


def test_cache_reads_back_what_it_wrote_and_removes_older_versions(tmp_path):
    (tmp_path / "thing-old.pickle").write_bytes(b"stale")
    path = tmp_path / "thing-new.pickle"
    cache.write_pickle(path, {"a": (1, 2)}, stale="thing-*.pickle")
    assert cache.read_pickle(path, dict) == {"a": (1, 2)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing-new.pickle"]


def test_cache_gives_none_for_a_missing_broken_or_foreign_file(tmp_path):
    assert cache.read_pickle(tmp_path / "missing.pickle", dict) is None
    (tmp_path / "broken.pickle").write_bytes(b"\x80\x05not a pickle")
    assert cache.read_pickle(tmp_path / "broken.pickle", dict) is None
    cache.write_pickle(tmp_path / "list.pickle", [1, 2], stale="none-*")
    assert cache.read_pickle(tmp_path / "list.pickle", dict) is None


def test_cache_lexicon_from_disk_scans_as_a_built_one(tmp_path, monkeypatch):
    theatre = load_theatre()
    gazetteer = load_gazetteer(theatre)
    monkeypatch.setattr(lexicon, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(lexicon, "_CACHE", {})
    lexicon.load_lexicon(theatre, gazetteer)  # builds and writes
    assert len(list(tmp_path.glob("lexicon-*.pickle"))) == 1
    monkeypatch.setattr(lexicon, "_CACHE", {})
    from_disk = lexicon.load_lexicon(theatre, gazetteer)
    built = lexicon.Lexicon(theatre, gazetteer)
    assert from_disk.keys == built.keys

    def hits(lex):
        return [(h.start, h.end, h.entry) for h in lex.scan(TEXT)]

    assert hits(from_disk) == hits(built) and len(hits(built)) >= 6


def test_cache_common_english_answers_as_wordfreq():
    from wordfreq import zipf_frequency

    from frontwatch.places.names import is_common_english
    gazetteer = load_gazetteer(load_theatre())
    words = [k for k in list(gazetteer.keys)[:20000] if " " not in k]
    words += ["Berlin", "layman", "mala", "izium", "Kupiansk", "nova", "well-known", "київ",
              "украіни", "t1302", "straße"]
    assert [is_common_english(w, 3.0) for w in words] == \
        [zipf_frequency(w, "en") >= 3.0 for w in words]
    assert is_common_english("berlin", 3.0) and not is_common_english("izium", 3.0)
