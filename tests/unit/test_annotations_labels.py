"""Custom labels from ``gloss.toml`` beside the articles, with defaults and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model import LabelConfigError, load_label_config


def write(folder: Path, text: str) -> Path:
    path = folder / "gloss.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_label_config(tmp_path)
    assert config.path is None and config.custom == []
    assert config.by_key("p") is not None and config.by_key("p").name == "PERSON"  # type: ignore[union-attr]
    assert config.kind_for("MONEY") == "number" and config.kind_for("QUOTE") == "quote"
    assert config.kind_for("UNKNOWN") == "entity"


def test_custom_labels_with_keys_colours_and_kinds(tmp_path: Path) -> None:
    write(
        tmp_path,
        '[labels.CLAIM]\nkey = "c"\ncolour = "#d81b60"\ndescription = "A checkable claim"\n\n'
        '[labels.SOURCE]\nkey = "s"\ncolor = "teal"\n\n'
        '[labels.FIGURE]\nkind = "number"\n\n'
        '[labels.PERSON]\nkey = "P"\n',
    )
    article = tmp_path / "a.txt"
    article.write_text("x", encoding="utf-8")
    config = load_label_config(article)  # a file's folder works too
    assert [d.name for d in config.custom] == ["CLAIM", "SOURCE", "FIGURE"]
    assert config.keys["c"] == "CLAIM" and config.keys["s"] == "SOURCE" and config.keys["P"] == "PERSON"
    assert config.labels["SOURCE"].colour == "teal"
    assert config.kind_for("FIGURE") == "number" and config.labels["FIGURE"].key is None
    moved = config.labels["CARDINAL"].key  # CLAIM took "c": CARDINAL moves to a free letter, and is told
    assert moved is not None and moved != "c" and config.keys[moved] == "CARDINAL"
    assert len(config.keys) == len([d for d in config.labels.values() if d.key]), "no key is shared"
    assert any(f"CARDINAL is now on {moved!r}" in w for w in config.warnings)
    assert config.names[-3:] == ["CLAIM", "SOURCE", "FIGURE"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[labels.CLAIM\nkey='c'", "not valid TOML"),
        ('[labels.CLAIM]\nkey = "cc"\n', "key must be one character"),
        ('[labels.CLAIM]\ncolour = "rgb(1,2,3)"\n', "colour must be"),
        ('[labels.CLAIM]\nkind = "thing"\n', "kind must be one of"),
        ('[labels.CLAIM]\nkye = "c"\n', "unknown field(s) kye"),
        ('[labels."BAD NAME"]\nkey = "b"\n', "label name"),
        ('[labels.A]\nkey = "x"\n[labels.B]\nkey = "x"\n', "given to both A and B"),
        ('[labels.MONEY]\nkind = "entity"\n', "MONEY is built in"),
        ('labels = 3\n', "'labels' must be a table"),
    ],
)
def test_bad_config_names_file_and_problem(tmp_path: Path, body: str, message: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(LabelConfigError) as error:
        load_label_config(tmp_path)
    assert str(path) in str(error.value) and message in str(error.value)
