"""``gloss corpus search|entities|mentions|quotes|numbers ... [PATHS... | --store DIR]``: query the index.

Each subcommand takes its own arguments, then the PATHS (or ``--store DIR``) given to ``gloss index``, and
prints a table, or JSON Lines with ``--json``, or CSV with ``--csv``. Results are paged by the index;
``--limit N`` (default 50, 0 for all) bounds how many are printed.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tui.cli import SafeArgumentParser
from tui.corpus.location import index_path, missing_paths, store_for
from tui.corpus.output import write_csv, write_json_lines, write_table
from tui.corpus.queries import ArticleRef, CorpusIndex, NumberRow, Quote, iterate_pages
from tui.corpus.schema import CorpusError

EXIT_NOT_FOUND = 1
"""The query ran but found nothing (or the named entity or speaker is not in the index)."""
EXIT_USAGE = 2
"""The command could not be run as given: a path that does not exist, or no index where the paths point
(with some paths missing the query still runs on the others, and the status is this one)."""

Records = Iterator[dict[str, Any]]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``gloss corpus`` and its subcommands."""
    parser = SafeArgumentParser(
        prog="gloss corpus",
        description="Query the corpus index made by gloss index (who said what, mentions, numbers, search).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        return sub

    search = command("search", "articles matching every word of QUERY, with a snippet")
    search.add_argument("query")
    entities = command("entities", "entities with the number of articles and mentions")
    entities.add_argument("--label", help="only this label (PERSON, ORG, GPE…)")
    entities.add_argument("--prefix", default="", help="only names starting with this")
    mentions = command("mentions", "every mention of an entity, newest article first")
    mentions.add_argument("name", help="the entity's name (titles and case do not matter)")
    quotes = command("quotes", "speakers and their quotes; --variants: quotes reworded between articles")
    quotes.add_argument("--speaker", help="the quotes of this speaker, in date order")
    quotes.add_argument("--variants", action="store_true", help="near-identical quotes across articles")
    quotes.add_argument("--unattributed", action="store_true", help="quotes with no speaker")
    numbers = command("numbers", "the ledger of figures; --conflicts: different figures for one thing")
    numbers.add_argument("--noun", help="only numbers counting this noun (troops, %%, $)")
    numbers.add_argument("--label", help="only this label (CARDINAL, MONEY, PERCENT…)")
    numbers.add_argument("--sort", choices=("value", "date"), default="value")
    numbers.add_argument("--descending", action="store_true")
    numbers.add_argument("--conflicts", action="store_true", help="figures that disagree across articles")
    for sub in (search, entities, mentions, quotes, numbers):
        sub.add_argument("paths", nargs="*", type=Path, help="the articles given to gloss index")
        sub.add_argument("--store", type=Path, help="store folder holding index.sqlite")
        form = sub.add_mutually_exclusive_group()
        form.add_argument("--json", action="store_true", help="JSON Lines")
        form.add_argument("--csv", action="store_true", help="CSV with a header row")
        sub.add_argument("--limit", type=int, default=50, help="at most this many rows (0: all)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gloss corpus``; returns the exit status."""
    parser = build_parser()
    options = parser.parse_args(argv)
    if not options.paths and options.store is None:
        parser.error("give the PATHS given to gloss index, or --store DIR")
    paths, missing = missing_paths(options.paths)
    for problem in missing:
        print(f"gloss corpus: {problem}", file=sys.stderr)
    if missing and not paths and options.store is None:
        return EXIT_USAGE  # nowhere left to look for an index
    status = _query(options, paths)
    return EXIT_USAGE if missing else status


def _query(options: argparse.Namespace, paths: list[Path]) -> int:
    """Run the query of ``options`` on the index of ``paths`` (or ``--store``) and print what it finds."""
    try:
        index = CorpusIndex(index_path(store_for(paths, options.store)))
    except CorpusError as error:
        print(f"gloss corpus: {error}", file=sys.stderr)
        return EXIT_USAGE
    with index:
        try:
            found = _QUERIES[options.command](index, options)
        except LookupError as error:
            print(f"gloss corpus: {error.args[0]}", file=sys.stderr)
            return EXIT_NOT_FOUND
        except CorpusError as error:
            print(f"gloss corpus: {error}", file=sys.stderr)
            return EXIT_USAGE
        columns, records = found
        limited = records if options.limit <= 0 else itertools.islice(records, options.limit)
        first = next(limited, None)
        if first is None:
            print("gloss corpus: nothing found", file=sys.stderr)
            return EXIT_NOT_FOUND
        limited = itertools.chain([first], limited)
        if options.json:
            count = write_json_lines(limited, sys.stdout)
        elif options.csv:
            count = write_csv(limited, columns, sys.stdout)
        else:
            count = write_table(limited, columns, sys.stdout)
    return 0 if count else EXIT_NOT_FOUND


def _article(article: ArticleRef) -> dict[str, Any]:
    return {"key": article.key, "title": article.title, "date": article.day}


def _search(index: CorpusIndex, options: argparse.Namespace) -> tuple[list[str], Records]:
    def records() -> Records:
        for hit in iterate_pages(lambda **page: index.search(options.query, **page), 50):
            yield {**_article(hit.article), "offset": hit.offset, "snippet": hit.snippet,
                   "highlights": [list(pair) for pair in hit.highlights]}  # fmt: skip

    return ["title", "date", "key", "offset", "snippet"], records()


def _entities(index: CorpusIndex, options: argparse.Namespace) -> tuple[list[str], Records]:
    def records() -> Records:
        fetch = lambda **page: index.entities(options.label, options.prefix, **page)  # noqa: E731
        for row in iterate_pages(fetch):
            yield asdict(row)

    return ["name", "label", "articles", "mentions", "ident"], records()


def _mentions(index: CorpusIndex, options: argparse.Namespace) -> tuple[list[str], Records]:
    entity = index.entity(options.name)
    if entity is None:
        close = [row.name for row in index.entities(prefix=options.name, page_size=3)]
        hint = f" (did you mean {', '.join(repr(n) for n in close)}?)" if close else ""
        raise LookupError(f"no entity called {options.name!r} in the index{hint}")

    def records() -> Records:
        for group in iterate_pages(lambda **page: index.mentions(entity.ident, **page), 20):
            for mention in group.mentions:
                yield {"entity": entity.name, "ident": entity.ident, **_article(group.article),
                       "start": mention.start, "end": mention.end, "text": mention.text,
                       "context": mention.context}  # fmt: skip

    return ["date", "title", "text", "context", "key", "start"], records()


def _quote(quote: Quote) -> dict[str, Any]:
    return {"speaker": quote.speaker_name or quote.speaker, "speaker_text": quote.speaker,
            "speaker_ident": quote.speaker_ident, "quote": quote.text, "cue": quote.cue,
            **_article(quote.article), "start": quote.start, "end": quote.end}  # fmt: skip


def _quotes(index: CorpusIndex, options: argparse.Namespace) -> tuple[list[str], Records]:
    ident: str | None = None
    if options.speaker:
        speaker = index.speaker(options.speaker)
        if speaker is None:
            raise LookupError(f"no speaker called {options.speaker!r} in the index")
        ident = speaker.ident
    if options.variants:
        return ["group", "speaker", "date", "quote", "notes", "appearances", "title"], _variants(index, ident)
    columns = ["date", "speaker", "quote", "cue", "title", "key"]
    if options.unattributed or ident is not None:
        chosen = None if options.unattributed else ident
        fetch: Callable[..., list[Quote]] = lambda **page: index.quotes(chosen, **page)  # noqa: E731
        return columns, (_quote(q) for q in iterate_pages(fetch))

    def speakers() -> Records:
        for row in iterate_pages(lambda **page: index.speakers(**page)):
            yield {"speaker": row.name, "ident": row.ident, "quotes": row.quotes, "articles": row.articles}

    return ["speaker", "quotes", "articles", "ident"], speakers()


def _variants(index: CorpusIndex, ident: str | None) -> Records:
    for group in iterate_pages(lambda **page: index.variants(ident, **page), 10):
        for variant in group.variants:
            yield {"group": group.id, **_quote(variant.quote), "speaker": group.speaker,
                   "appearances": variant.appearances, "also_in": [a.key for a in variant.also_in],
                   "compared_with": variant.compared_with, "notes": list(variant.notes),
                   "spliced_from": list(variant.spliced_from),
                   "diff": [{"op": p.op, "old": p.old, "new": p.new} for p in variant.diff]}  # fmt: skip


def _number(row: NumberRow) -> dict[str, Any]:
    return {"value": row.value, "text": row.text, "label": row.label, "noun": row.noun,
            "figure": f"{row.text} {row.noun}" if row.noun and row.noun not in row.text else row.text,
            "about": row.about, "sentence": row.sentence, "speaker": row.speaker,
            **_article(row.article), "start": row.start, "end": row.end}  # fmt: skip


def _numbers(index: CorpusIndex, options: argparse.Namespace) -> tuple[list[str], Records]:
    if options.conflicts:

        def conflicts() -> Records:
            for conflict in iterate_pages(lambda **page: index.conflicts(options.noun, **page), 10):
                for row in conflict.figures:
                    yield {"noun": conflict.noun, "about_name": conflict.about_name, **_number(row)}

        return ["noun", "about_name", "figure", "value", "date", "title", "sentence"], conflicts()

    def ledger() -> Records:
        fetch = lambda **page: index.numbers(  # noqa: E731
            options.label, options.noun, options.sort, descending=options.descending, **page
        )
        for row in iterate_pages(fetch):
            yield _number(row)

    return ["figure", "value", "label", "noun", "speaker", "date", "title", "sentence"], ledger()


_QUERIES: dict[str, Callable[[CorpusIndex, argparse.Namespace], tuple[list[str], Records]]] = {
    "search": _search,
    "entities": _entities,
    "mentions": _mentions,
    "quotes": _quotes,
    "numbers": _numbers,
}


if __name__ == "__main__":
    sys.exit(main())
