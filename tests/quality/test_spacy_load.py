"""``load_pipeline`` gives the very pipeline ``spacy.load`` gives, only faster (``tui.extract.spacy_import``).

It builds no default tokenizer before the saved one replaces it, and lets ``catalogue`` scan the entry
points once per group: both must leave nothing different behind. The saved tokenizer is compared byte
for byte, and every token, entity and parse of the Wikinews articles beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import SEEDS
from tui.extract.identity import find_model, pipeline_folder
from tui.extract.spacy_import import import_spacy, load_pipeline

TEXTS = [path.read_text(encoding="utf-8") for path in sorted((SEEDS / "wikinews").glob("*.txt"))]


def test_the_fast_load_gives_the_pipeline_spacy_load_gives() -> None:
    spacy = import_spacy()
    name = find_model(None)
    plain = spacy.load(name)
    fast = load_pipeline(name, pipeline_folder(name))
    assert fast.pipe_names == plain.pipe_names
    assert fast.config["nlp"]["tokenizer"] == plain.config["nlp"]["tokenizer"]  # recorded as spaCy's own
    assert fast.tokenizer.to_bytes() == plain.tokenizer.to_bytes()
    assert len(TEXTS) >= 20
    for ours, theirs in zip(fast.pipe(TEXTS), plain.pipe(TEXTS), strict=True):
        assert [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in ours] == [
            (t.text, t.tag_, t.dep_, t.head.i, t.lemma_) for t in theirs
        ]
        assert [(e.start_char, e.end_char, e.label_) for e in ours.ents] == [
            (e.start_char, e.end_char, e.label_) for e in theirs.ents
        ]


@pytest.mark.parametrize(
    ("config", "tokenizer_saved", "fast"),
    [
        ('[nlp]\nlang = "en"\ntokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}\n', True, True),
        ('[nlp]\nlang = "en"\ntokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}\n', False, False),
        (
            '[nlp]\nlang = "zh"\ntokenizer = {"@tokenizers":"spacy.zh.ChineseTokenizer"}\n',
            True,
            False,
        ),
        ("not a config at all", True, False),
    ],
)
def test_only_a_pipeline_with_spacys_own_saved_tokenizer_is_loaded_the_fast_way(
    tmp_path: Path, config: str, tokenizer_saved: bool, fast: bool
) -> None:
    from tui.extract.spacy_import import _plain_tokenizer

    (tmp_path / "config.cfg").write_text(config, encoding="utf-8")
    if tokenizer_saved:
        (tmp_path / "tokenizer").write_bytes(b"\x80")
    assert _plain_tokenizer(tmp_path) is fast


def test_the_installed_packages_config_is_found() -> None:
    folder = pipeline_folder(find_model(None))
    assert folder is not None and (folder / "config.cfg").is_file() and (folder / "tokenizer").is_file()
