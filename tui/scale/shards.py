"""Cutting a stream of jobs into shards, extracting a shard, and putting outcomes back in order.

Both parallel engines (the local process pool and Dask) send work out as *shards*: runs of consecutive
articles bounded by size rather than count, so that one book does not hold a shard of short articles
back and a shard of short articles is big enough to batch inside spaCy. A text over the model's limit
stays one job: the extractor cuts it at paragraphs itself, exactly as in one process, which is why the
output does not depend on the engine.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from tui.scale.jobs import Job, Outcome

if TYPE_CHECKING:
    from tui.extract import Extractor
    from tui.model import Span

SHARD_CHARS = 40_000
"""A shard is closed once it holds this many characters (about 6,000 words, a second of work)."""
SHARD_ARTICLES = 32
"""…or this many articles, so that recycling a worker after N articles is never far off."""

ShardResult = list["list[Span] | str"]
"""What a worker returns for a shard: per article, its spans or the one-line reason it failed."""

Handle = TypeVar("Handle")


def shards(
    jobs: Iterable[Job], max_chars: int = SHARD_CHARS, max_articles: int = SHARD_ARTICLES
) -> Iterator[list[Job]]:
    """Group consecutive jobs into shards of at most ``max_chars`` characters or ``max_articles`` jobs.

    A job longer than ``max_chars`` is a shard of its own. Jobs are pulled lazily, so only the shards
    in flight are ever held in memory.
    """
    shard: list[Job] = []
    size = 0
    for job in jobs:
        if shard and (size + len(job.text) > max_chars or len(shard) >= max_articles):
            yield shard
            shard, size = [], 0
        shard.append(job)
        size += len(job.text)
    if shard:
        yield shard


def extract_shard(extractor: Extractor, texts: Sequence[str]) -> ShardResult:
    """The spans of each text, batched through the model; a text that raises gets its message instead.

    The batch is tried whole first (the fast path); only when it raises are the texts redone one by one
    to find which of them failed, so one bad article does not cost the others their result.
    """
    if not texts:
        return []
    model_texts = [extractable(text) for text in texts]
    try:
        results: ShardResult = list(extractor.extract_many(model_texts))
    except Exception:
        results = []
        for text in model_texts:
            try:
                results.extend(extractor.extract_many([text]))
            except Exception as error:
                results.append(one_line(error))
    for index, (text, model_text) in enumerate(zip(texts, model_texts, strict=True)):
        result = results[index]
        if model_text is not text and not isinstance(result, str):
            results[index] = [_restored(span, text) for span in result]
    return results


_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: a JSON ``\\udXXX`` escape or an undecodable byte kept by ``surrogateescape``."""


def extractable(text: str) -> str:
    """``text`` as the model can take it: spaCy cannot encode lone surrogates, so each becomes U+FFFD.

    One code point for one, so every offset stays an offset into the original text.
    """
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


def _restored(span: Span, text: str) -> Span:
    """``span`` with its texts taken from the original ``text`` (surrogates and all)."""
    speaker = span.speaker
    if speaker is not None:
        speaker = type(speaker)(speaker.start, speaker.end, text[speaker.start : speaker.end])
    return span.evolve(text=text[span.start : span.end], speaker=speaker)


def one_line(error: BaseException) -> str:
    """An exception as a one-line message for the terminal."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def outcomes(shard: Sequence[Job], results: ShardResult) -> Iterator[Outcome]:
    """Pair a shard's jobs with what the worker returned for them."""
    for job, result in zip(shard, results, strict=True):
        if isinstance(result, str):
            yield Outcome(job.key, None, result)
        else:
            yield Outcome(job.key, result)


def in_order(
    work: Iterable[list[Job]],
    submit: Callable[[list[Job]], Handle],
    resolve: Callable[[list[Job], Handle], Iterator[Outcome]],
    window: int,
    cancel: Callable[[Handle], object] = lambda handle: None,
) -> Iterator[Outcome]:
    """Submit shards as they come, keep at most ``window`` in flight, and yield outcomes in order.

    Waiting on the oldest shard while the younger ones compute is what buffers out-of-order results: a
    shard that finishes early waits as a finished future, not in a list here. When the consumer stops
    (an error, Ctrl+C), the shards still in flight are cancelled.
    """
    pending: deque[tuple[list[Job], Handle]] = deque()
    try:
        for shard in work:
            pending.append((shard, submit(shard)))
            while len(pending) > window:
                yield from resolve(*pending.popleft())
        while pending:
            yield from resolve(*pending.popleft())
    finally:
        for _, handle in pending:
            cancel(handle)
