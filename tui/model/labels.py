"""Which labels a corpus uses: the OntoNotes defaults plus custom labels from ``gloss.toml``.

A corpus can define its own labels (``CLAIM``, ``SOURCE``…) in a ``gloss.toml`` beside its articles::

    [labels.CLAIM]
    key = "c"              # one character; the reader binds it while labelling
    colour = "#d81b60"     # "#rgb", "#rrggbb" or a colour name
    kind = "entity"        # entity | number | quote (default entity)
    description = "A checkable factual claim"

    [labels.PERSON]        # built-in labels may take another key or colour (not another kind)
    key = "P"

Every common OntoNotes label has a single key, as in Prodigy and brat (``p`` PERSON, ``o`` ORG…). A custom
label that takes a default label's key wins it, and the default moves to a free letter (the loader says
which in :attr:`LabelConfig.warnings`); with no letter left it is reached through the label picker.
Colours of built-in labels normally come from the
reader's stylesheet; a colour given here overrides it. The reader binds the keys; nothing here knows
about keys of the user interface.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tui.model.span import ENTITY_LABELS, KINDS, NUMBER_LABELS, QUOTE_LABEL, SpanKind, kind_for_label

CONFIG_NAME = "gloss.toml"
"""The file name looked for in the folder of the articles."""

DEFAULT_KEYS: dict[str, str] = {
    "PERSON": "p",
    "ORG": "o",
    "GPE": "g",
    "LOC": "l",
    "NORP": "n",
    "FAC": "f",
    "EVENT": "v",
    "DATE": "d",
    "TIME": "t",
    "PRODUCT": "i",
    "WORK_OF_ART": "w",
    "MONEY": "m",
    "CARDINAL": "c",
    "QUOTE": "q",
}
"""Single keys of the common labels; the rest (LAW, LANGUAGE, ORDINAL, PERCENT, QUANTITY) are picked
by name."""

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,31}$")
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-z][a-z_]*[0-9]*)$")
_FIELDS = frozenset({"key", "colour", "color", "kind", "description"})


class LabelConfigError(Exception):
    """``gloss.toml`` could not be used; the message names the file and what is wrong in it."""


@dataclass(frozen=True, slots=True)
class LabelDef:
    """One label the reader offers."""

    name: str
    kind: SpanKind
    key: str | None = None
    """A single character that applies the label, or ``None`` (reached through the picker)."""
    colour: str | None = None
    """``#rrggbb``/``#rgb`` or a colour name; ``None`` leaves it to the stylesheet."""
    description: str = ""
    custom: bool = False
    """Defined by the corpus rather than built in."""


@dataclass(slots=True)
class LabelConfig:
    """The labels of one corpus, in the order the picker and legend list them."""

    labels: dict[str, LabelDef]
    path: Path | None = None
    """The ``gloss.toml`` read, or ``None`` for the defaults."""
    warnings: list[str] = field(default_factory=list)
    """Things a person may want to know (a default label lost its key to a custom one)."""

    @property
    def names(self) -> list[str]:
        """Label names in display order (built-in first, then custom ones in file order)."""
        return list(self.labels)

    @property
    def custom(self) -> list[LabelDef]:
        """The corpus's own labels."""
        return [d for d in self.labels.values() if d.custom]

    def kind_for(self, label: str) -> SpanKind:
        """A label's kind: as declared for custom labels, else :func:`kind_for_label`."""
        definition = self.labels.get(label)
        return definition.kind if definition else kind_for_label(label)

    def by_key(self, key: str) -> LabelDef | None:
        """The label a key applies, if any."""
        return next((d for d in self.labels.values() if d.key == key), None)

    @property
    def keys(self) -> dict[str, str]:
        """Key → label name, for binding."""
        return {d.key: d.name for d in self.labels.values() if d.key}

    def add(self, definition: LabelDef) -> None:
        """Offer one more label from now on (its key, the picker, the legend: all read this config)."""
        self.labels[definition.name] = definition


def default_label_config() -> LabelConfig:
    """The OntoNotes labels and ``QUOTE`` with their default keys."""
    names = (*ENTITY_LABELS, *NUMBER_LABELS, QUOTE_LABEL)
    return LabelConfig({n: LabelDef(n, kind_for_label(n), DEFAULT_KEYS.get(n)) for n in names})


def _parse_entry(name: str, entry: Any, where: str) -> dict[str, Any]:
    """Validate one ``[labels.NAME]`` table; returns its fields (``color`` spelled ``colour``)."""
    if not _NAME.match(name):
        raise LabelConfigError(f"{where}: label name {name!r} must be a letter then letters, digits, _ or -")
    if not isinstance(entry, dict):
        raise LabelConfigError(f"{where}: [labels.{name}] must be a table")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise LabelConfigError(f"{where}: [labels.{name}] has unknown field(s) {', '.join(sorted(unknown))}")
    fields = dict(entry)
    if "color" in fields:
        fields["colour"] = fields.pop("color")
    key, colour, kind = fields.get("key"), fields.get("colour"), fields.get("kind", "entity")
    if key is not None and (not isinstance(key, str) or len(key) != 1 or key.isspace()):
        raise LabelConfigError(f"{where}: [labels.{name}] key must be one character, got {key!r}")
    if colour is not None and (not isinstance(colour, str) or not _COLOUR.match(colour)):
        raise LabelConfigError(f"{where}: [labels.{name}] colour must be #rgb, #rrggbb or a name: {colour!r}")
    if kind not in KINDS:
        raise LabelConfigError(f"{where}: [labels.{name}] kind must be one of {', '.join(KINDS)}: {kind!r}")
    if not isinstance(fields.get("description", ""), str):
        raise LabelConfigError(f"{where}: [labels.{name}] description must be text")
    return fields


def load_label_config(folder: Path) -> LabelConfig:
    """Read ``gloss.toml`` from the folder of the articles (or a file's folder); defaults if absent.

    Raises:
        LabelConfigError: the file is unreadable, not TOML, or defines a label wrongly (the message
            names the file, the label and the problem).
    """
    folder = folder if folder.is_dir() else folder.parent
    path = folder / CONFIG_NAME
    config = default_label_config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as error:
        raise LabelConfigError(f"{path}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise LabelConfigError(f"{path}: not valid TOML ({error})") from error
    config.path = path
    tables = data.get("labels", {})
    if not isinstance(tables, dict):
        raise LabelConfigError(f"{path}: 'labels' must be a table of [labels.NAME] tables")
    owners: dict[str, str] = {}
    for name, entry in tables.items():
        fields = _parse_entry(name, entry, str(path))
        key = fields.get("key")
        if key is not None and key in owners:
            raise LabelConfigError(f"{path}: key {key!r} is given to both {owners[key]} and {name}")
        if key is not None:
            owners[key] = name
        built_in = config.labels.get(name)
        if built_in is not None:
            if "kind" in fields and fields["kind"] != built_in.kind:
                raise LabelConfigError(f"{path}: {name} is built in; its kind stays {built_in.kind}")
            config.labels[name] = replace(
                built_in,
                key=fields.get("key", built_in.key),
                colour=fields.get("colour"),
                description=fields.get("description", ""),
            )
        else:
            config.labels[name] = LabelDef(
                name,
                fields.get("kind", "entity"),
                key,
                fields.get("colour"),
                fields.get("description", ""),
                custom=True,
            )
    for name, definition in list(config.labels.items()):
        owner = owners.get(definition.key or "")
        if owner is not None and owner != name:
            free = _free_key({d.key for d in config.labels.values() if d.key})
            config.labels[name] = replace(definition, key=free)
            moved = f"{name} is now on {free!r}" if free else f"pick {name} by name"
            config.warnings.append(f"{owner} takes key {definition.key!r} from {name}; {moved}")
    return config


def is_label_name(name: str) -> bool:
    """Whether ``name`` may name a label (a letter, then up to 31 letters, digits, ``_`` or ``-``)."""
    return bool(_NAME.match(name))


def new_label(config: LabelConfig, name: str, kind: SpanKind = "entity") -> LabelDef:
    """A custom label for ``config`` made on the fly (the label picker's "create label CLAIM").

    It takes a free key: the name's first letter (lower, then upper case), another of its letters, then
    any free letter, so CLAIM gets ``C`` beside CARDINAL's ``c``; ``None`` when every letter is taken.
    The config is not changed: the caller saves the label, then adds it (:meth:`LabelConfig.add`).

    Raises:
        LabelConfigError: the name is not a label name, or the label exists.
    """
    if not is_label_name(name):
        raise LabelConfigError(f"{name!r} cannot name a label: a letter, then letters, digits, _ or -")
    if name in config.labels:
        raise LabelConfigError(f"{name} is already a label")
    taken = {d.key for d in config.labels.values() if d.key}
    letters = [c for c in name if c.isalpha()]
    preferred = [letters[0].lower(), letters[0].upper(), *(c.lower() for c in letters[1:])]
    key = next((c for c in preferred if c not in taken), None) or _free_key(taken)
    return LabelDef(name, kind, key, custom=True)


def label_table(definition: LabelDef) -> str:
    """The ``[labels.NAME]`` table that declares ``definition`` in ``gloss.toml``."""
    lines = [f"[labels.{definition.name}]"]
    if definition.key is not None:
        lines.append(f"key = {_toml_string(definition.key)}")
    lines.append(f"kind = {_toml_string(definition.kind)}")
    if definition.colour:
        lines.append(f"colour = {_toml_string(definition.colour)}")
    if definition.description:
        lines.append(f"description = {_toml_string(definition.description)}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's for these characters)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def _free_key(taken: set[str]) -> str | None:
    """A letter no label has (lower case first), for a built-in label whose key a custom one took."""
    return next((c for c in _FREE_KEYS if c not in taken), None)


_FREE_KEYS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
