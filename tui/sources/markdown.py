"""Markdown articles: front matter for the metadata, the body rendered to readable plain text.

A reader should see prose, not ``**``, ``#`` and ``[text](url)``, so the body is parsed with
markdown-it-py (already installed as Rich's Markdown parser) and written out as plain text: headings and
paragraphs separated by blank lines, list items with a bullet or their number, code kept verbatim, links
and images reduced to their text. The shown text is therefore not the file's bytes
(``Article.text_is_file=False``) and the store keeps the text the offsets refer to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.model import Article, ArticleEntry, ArticleLoadError
from tui.sources.dates import date_fields, iso_date
from tui.sources.reading import read_bytes
from tui.sources.text import decode_text, read_text_file, title_from_text

HEAD_BYTES = 16384
"""How much of a file the article list reads to find its title (front matter is near the top)."""
MAX_FRONT_MATTER = 65536
"""Largest front matter read, in characters: real ones are a few hundred; more is a mistake or an attack."""
MAX_YAML_NODES = 20_000
"""Most YAML values front matter may stand for once aliases are expanded. PyYAML shares an aliased value
instead of copying it, but everything that walks the metadata (copying, ``str()``, JSON) expands it: nine
lines of nested aliases ("billion laughs") stand for 10⁹ values and gigabytes of memory."""


def _meta_str(value: Any) -> str | None:
    """A front-matter value as text (YAML dates become ISO strings); ``None`` for empty values."""
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _meta_value(value: Any) -> Any:
    """A front-matter value in a JSON-friendly form (dates as ISO strings, lists and dicts kept)."""
    if isinstance(value, list):
        return [_meta_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _meta_value(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return _meta_str(value)


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split ``text`` into its YAML front matter (``{}`` when there is none) and the Markdown body.

    The front matter is checked before it is built: at most :data:`MAX_FRONT_MATTER` characters, and
    at most :data:`MAX_YAML_NODES` values with its aliases expanded.

    Raises:
        ArticleLoadError: when the front matter is not valid YAML, is too large, or expands too far (the
            file is never guessed at).
    """
    import frontmatter  # small, but pulls in PyYAML: only when a Markdown file is read
    from frontmatter.default_handlers import YAMLHandler

    stripped = text.strip()
    handler = frontmatter.detect_format(stripped, frontmatter.handlers)
    if handler is None:
        return {}, stripped
    try:
        matter, content = handler.split(stripped)
    except ValueError:  # an opening line of dashes without a closing one: all of it is the body
        return {}, stripped
    if len(matter) > MAX_FRONT_MATTER:
        raise ArticleLoadError(
            f"{path}: the front matter is larger than {MAX_FRONT_MATTER // 1024} KB ({len(matter):,} "
            "characters); is the closing '---' missing?"
        )
    try:
        if isinstance(handler, YAMLHandler):
            _check_yaml_expansion(matter)
        metadata = handler.load(matter)
    except ArticleLoadError as error:
        raise ArticleLoadError(f"{path}: {error}") from error
    except RecursionError as error:
        raise ArticleLoadError(f"{path}: the front matter is nested too deeply to read") from error
    except Exception as error:  # PyYAML raises many classes; the message is what matters
        reason = " ".join(str(error).split())
        raise ArticleLoadError(f"{path}: the front matter is not valid YAML ({reason})") from error
    return (metadata if isinstance(metadata, dict) else {}), content.strip()


def _check_yaml_expansion(matter: str) -> None:
    """Count the values the YAML stands for with aliases expanded, from its parse events (cheap: no
    values are built), and refuse it past :data:`MAX_YAML_NODES`.

    Raises:
        ArticleLoadError: without the file name (the caller adds it).
    """
    import yaml  # type: ignore[import-untyped]  # PyYAML, installed with python-frontmatter

    sizes: dict[str, int] = {}  # anchor -> values it stands for
    stack: list[list[Any]] = [[None, 0]]  # open collections: [anchor, values so far]
    for event in yaml.parse(matter, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.AliasEvent):
            size = sizes.get(str(event.anchor), 1)
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionEndEvent) and len(stack) > 1:
            anchor, size = stack.pop()
            if anchor:
                sizes[anchor] = size
        else:
            continue
        stack[-1][1] += size
        if stack[-1][1] > MAX_YAML_NODES:
            raise ArticleLoadError(
                f"the front matter's aliases expand to more than {MAX_YAML_NODES:,} values "
                "(a YAML alias bomb?)"
            )


def _inline_text(children: list[Any]) -> str:
    """The readable text of an inline token's children (emphasis dropped, links to their text)."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_inline_text(child.children or []) or child.content)
    return "".join(parts)


def render_plain_text(body: str) -> str:
    """Render a Markdown body as plain text a person reads comfortably (see the module docstring).

    Blocks are separated by a blank line, except that the items of a list and the rows of a table
    follow each other on consecutive lines.
    """
    from markdown_it import MarkdownIt  # Rich's own dependency, so no extra install

    blocks: list[tuple[str, str]] = []  # (what it is: "item", "row" or "block"; its text)
    lists: list[list[int]] = []  # per open list: [next number], or [] for a bullet list
    prefix = ""
    row: list[str] | None = None  # cells of the table row being read
    for token in MarkdownIt("commonmark").enable("table").parse(body):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append([])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            indent = "  " * (len(lists) - 1)
            if lists and lists[-1]:
                prefix = f"{indent}{lists[-1][0]}. "
                lists[-1][0] += 1
            else:
                prefix = f"{indent}• "
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append(("row", " | ".join(row)))
            row = None
        elif kind == "inline" and row is not None:
            row.append(_inline_text(token.children or []).strip())
        elif kind == "inline":
            text = _inline_text(token.children or [])
            if text.strip():
                blocks.append(("item" if prefix else "block", prefix + text))
                prefix = ""
        elif kind in ("fence", "code_block"):
            blocks.append(("block", token.content.rstrip("\n")))
        elif kind == "hr":
            blocks.append(("block", "⁂"))
    out = ""
    for index, (what, text) in enumerate(blocks):
        if index:
            out += "\n" if what != "block" and blocks[index - 1][0] == what else "\n\n"
        out += text
    return out + "\n" if out.strip() else ""


def markdown_title(metadata: dict[str, Any], body: str, fallback: str) -> str:
    """The front matter's title, else the first line of the body without heading marks."""
    title = _meta_str(metadata.get("title"))
    if title and title.strip():
        return title.strip()
    return title_from_text(body, fallback).lstrip("#").strip() or fallback


def load_markdown_article(path: Path) -> Article:
    """Load a Markdown file: metadata from its front matter, text rendered to plain text."""
    metadata, body = split_front_matter(read_text_file(path), path)
    text = render_plain_text(body)
    if not text.strip():
        raise ArticleLoadError(f"{path}: the Markdown file has no text after its front matter")
    source = _meta_str(metadata.get("source")) or _meta_str(metadata.get("url"))
    other = {k: _meta_value(v) for k, v in metadata.items() if k not in ("title", "date", "source")}
    date = date_fields(metadata.get("date"), other)
    return Article(
        key=str(path),
        path=path,
        title=markdown_title(metadata, body, path.name),
        text=text,
        date=date,
        source=source,
        meta=other,
        text_is_file=False,
    )


def markdown_entries(path: Path, problems: list[str]) -> list[ArticleEntry]:
    """One list row for a Markdown file, titled from the first few KB (front matter or first line)."""
    del problems  # a Markdown file is one article; its errors show when it is opened
    metadata: dict[str, Any] = {}
    body = ""
    try:
        head = read_bytes(path, HEAD_BYTES)
        text = decode_text(head, path) if len(head) < HEAD_BYTES else head.decode("utf-8", "replace")
        metadata, body = split_front_matter(text, path)
    except ArticleLoadError:
        pass  # opening the file reports the problem in full
    return [
        ArticleEntry(
            key=str(path),
            path=path,
            title=markdown_title(metadata, body, path.name),
            loader=lambda: load_markdown_article(path),
            date=iso_date(metadata.get("date")),
            source=_meta_str(metadata.get("source")) or _meta_str(metadata.get("url")),
        )
    ]
