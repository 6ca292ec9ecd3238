"""The ``textmend`` command: a thin shell over the library API.

Exit status: 0 success; 1 ``--check`` found spun text, or some ``--jsonl`` lines
were bad (they are copied through unchanged and reported); 2 usage or input error
(one line on stderr, no traceback, no partial output file).
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import os
import sys
import tempfile
from typing import IO, Any, Iterable, Iterator

from . import __version__
from .config import ALL_SOURCES, Config


class CLIError(Exception):
    """An input or usage problem reported as one line and exit status 2."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="textmend",
        description="Restore text that an article spinner rewrote with synonyms.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="input files (default: stdin; '-' is stdin)")
    p.add_argument("-o", "--output", metavar="OUT", help="write the result to OUT (one input only)")
    p.add_argument("--in-place", action="store_true", help="rewrite each FILE atomically")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff instead of the text")
    mode.add_argument("--json", action="store_true", help="print edits with offsets as JSON (one object per input)")
    mode.add_argument("--explain", action="store_true", help="print a readable list of edits")
    mode.add_argument("--check", action="store_true", help="exit 1 when a text's spun score >= threshold")
    p.add_argument("--jsonl", action="store_true", help="input is JSON Lines; repair one field per line")
    p.add_argument("--field", default="text", help="field to repair with --jsonl (default: text)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes for many files or lines")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="invalid UTF-8: fail (strict, default) or replace bad bytes with U+FFFD")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--aggressiveness", type=float, default=None, metavar="A",
                   help="0 = surest repairs only, 1 = most repairs (default 0.5)")
    p.add_argument("--threshold", type=float, default=None, metavar="T",
                   help="document score counted as spun by --check (default 0.5)")
    p.add_argument("--no-source", action="append", default=[], choices=sorted(ALL_SOURCES),
                   metavar="NAME", help=f"switch a knowledge source off ({', '.join(sorted(ALL_SOURCES))})")
    p.add_argument("--search-quiet-pages", action="store_true",
                   help="also search names and thesaurus swaps on pages with no spinner fingerprint "
                        "(slower; finds more of an unknown spinner's swaps, changes more clean text)")
    p.add_argument("--table-spelling", action="store_true",
                   help="write repairs as the knowledge tables spell them (mostly American) "
                        "instead of in the page's own British or American spelling")
    p.add_argument("--gazetteer", metavar="TSV", help="extra entity names, one per line: name[<TAB>kind]")
    p.add_argument("--phrasebook", metavar="TSV",
                   help="extra spun<TAB>original[<TAB>prior] pairs (prior 0 switches a shipped pair off)")
    p.add_argument("--version", action="version", version=f"textmend {__version__}")
    return p


def _config(args: argparse.Namespace) -> Config:
    kw: dict[str, Any] = {}
    if args.aggressiveness is not None:
        kw["aggressiveness"] = args.aggressiveness
    if args.threshold is not None:
        kw["detect_threshold"] = args.threshold
    if args.no_source:
        kw["sources"] = ALL_SOURCES - set(args.no_source)
    if args.search_quiet_pages:
        kw["search_quiet_pages"] = True
    if args.table_spelling:
        kw["match_spelling"] = False
    for name, attr in (("gazetteer", "gazetteer_path"), ("phrasebook", "phrasebook_path")):
        path = getattr(args, name)
        if path is not None:
            _check_readable(path)
            kw[attr] = path
    try:
        return Config(**kw)
    except (TypeError, ValueError) as e:
        raise CLIError(str(e)) from None


def _check_readable(path: str) -> None:
    if not os.path.exists(path):
        raise CLIError(f"{path}: no such file")
    if os.path.isdir(path):
        raise CLIError(f"{path}: is a directory")
    if not os.access(path, os.R_OK):
        raise CLIError(f"{path}: permission denied")


def _decode(data: bytes, name: str, errors: str, offset: int = 0) -> str:
    """Decode UTF-8 input that starts ``offset`` bytes into ``name``, or fail in one line.

    A NUL byte in the first 64 KiB marks binary input; a decoding error reports its
    byte offset in the whole input.
    """
    if offset < 65536 and b"\x00" in data[:65536 - offset]:
        raise CLIError(f"{name}: binary input (NUL byte found); textmend reads UTF-8 text")
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as e:
        raise CLIError(f"{name}: invalid UTF-8 at byte offset {offset + e.start}; "
                       "use --errors replace to proceed") from None


def _read(path: str, errors: str) -> str:
    if path == "-":
        return _decode(sys.stdin.buffer.read(), "<stdin>", errors)
    _check_readable(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise CLIError(f"{path}: {e.strerror or e}") from None
    return _decode(data, path, errors)


@contextlib.contextmanager
def _atomic_output(path: str) -> Iterator[IO[str]]:
    """A text handle on a temp file beside ``path``, renamed over it only on success.

    On any error the temp file is removed: the target is never left half-written
    and a new target is not created at all.
    """
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777 if os.path.exists(path) else None
        fd, tmp = tempfile.mkstemp(prefix=".textmend-", dir=directory)
    except OSError as e:
        raise CLIError(f"{path}: cannot write: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise CLIError(f"{path}: cannot write: {e.strerror or e}") from None
        raise


def _write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file and rename."""
    with _atomic_output(path) as f:
        f.write(text)


def _jsonl_lines(paths: list[str], errors: str) -> Iterator[tuple[str, int, str]]:
    """Stream (file name, line number, line) from JSON Lines inputs, one line in memory.

    Lines are split on "\n" only: JSON strings may hold U+2028 and other characters
    that ``str.splitlines`` would wrongly treat as line breaks.
    """
    for path in paths:
        name = "<stdin>" if path == "-" else path
        with contextlib.ExitStack() as stack:
            if path == "-":
                fh: IO[bytes] = sys.stdin.buffer
            else:
                try:
                    fh = stack.enter_context(open(path, "rb"))
                except OSError as e:
                    raise CLIError(f"{path}: {e.strerror or e}") from None
            offset = 0
            for lineno, raw in enumerate(fh, 1):
                line = _decode(raw, name, errors, offset)
                offset += len(raw)
                yield name, lineno, line


def _count_lines(paths: list[str]) -> int:
    """Lines in the input files (for the progress bar; stdin cannot be counted ahead)."""
    total = 0
    for path in paths:
        if path == "-":
            return 0
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                total += chunk.count(b"\n")
    return total


# Worker functions are module-level so multiprocessing can pickle them.
_WORKER_CFG: Config | None = None


def _init_worker(cfg: Config) -> None:
    global _WORKER_CFG
    _WORKER_CFG = cfg


def _process_text(item: tuple[str, bool]) -> dict[str, Any]:
    """Repair and score one text (one pass); the score is reported when asked for."""
    from . import repair_and_detect

    text, need_score = item
    r, d = repair_and_detect(text, _WORKER_CFG or Config())
    out: dict[str, Any] = {"text": r.text, "edits": [e.to_dict() for e in r.edits]}
    if need_score:
        out.update(score=d.score, spun=d.is_spun)
    return out


def _process_line(item: tuple[str, int, str, str]) -> tuple[str, int, str, str | None]:
    """Repair one JSONL line; return (file name, line number, output line, error or None)."""
    name, lineno, line, field = item
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    if not body.strip():
        return name, lineno, line, None
    try:
        obj = json.loads(body)
    except json.JSONDecodeError as e:
        return name, lineno, line, f"invalid JSON ({e.msg} at column {e.colno})"
    if not isinstance(obj, dict):
        return name, lineno, line, "not a JSON object"
    value = obj.get(field)
    if not isinstance(value, str):
        return name, lineno, line, f"field {field!r} missing or not a string"
    from . import repair

    fixed = repair(value, _WORKER_CFG or Config())
    if fixed == value:
        return name, lineno, line, None
    span = _field_span(body, field)
    if span is None:  # e.g. a duplicate key: fall back to re-serialising the object
        obj[field] = fixed
        return name, lineno, json.dumps(obj, ensure_ascii=False) + (ending or ""), None
    start, end = span
    return name, lineno, body[:start] + json.dumps(fixed, ensure_ascii=False) + body[end:] + ending, None


_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


def _field_span(body: str, field: str) -> tuple[int, int] | None:
    """Character span of the top-level ``field`` value in a JSON object line.

    Splicing the repaired string into that span leaves every other byte of the line
    (key order, spacing, number formats, escapes) exactly as it was.
    """
    pos = len(body) - len(body.lstrip(_WS)) + 1  # just after "{"
    found: tuple[int, int] | None = None
    while True:
        while pos < len(body) and body[pos] in _WS:
            pos += 1
        if pos >= len(body) or body[pos] == "}":
            return found
        key, pos = json.decoder.scanstring(body, pos + 1)
        while body[pos] in _WS:
            pos += 1
        pos += 1  # ":"
        while body[pos] in _WS:
            pos += 1
        _value, end = _DECODER.raw_decode(body, pos)
        if key == field:
            if found is not None:
                return None  # duplicate key: ambiguous
            found = (pos, end)
        pos = end
        while pos < len(body) and body[pos] in _WS:
            pos += 1
        if pos < len(body) and body[pos] == ",":
            pos += 1


def _imap(func, items: Iterable, jobs: int, cfg: Config) -> Iterator:
    if jobs <= 1:
        _init_worker(cfg)
        yield from map(func, items)
        return
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(cfg,)) as pool:
        yield from pool.imap(func, items, chunksize=8)


class _Progress:
    """A one-line progress counter on stderr, only for long work on a terminal."""

    def __init__(self, total: int, unit: str, enabled: bool) -> None:
        self.total, self.unit, self.n = total, unit, 0
        self.enabled = enabled and total >= 50 and sys.stderr.isatty()

    def step(self) -> None:
        self.n += 1
        if self.enabled and (self.n % 10 == 0 or self.n == self.total):
            sys.stderr.write(f"\rtextmend: {self.n}/{self.total} {self.unit}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _emit(out: list[str], args: argparse.Namespace) -> None:
    text = "".join(out)
    if args.output:
        _write_atomic(args.output, text)
    else:
        sys.stdout.write(text)


def _run_jsonl(args: argparse.Namespace, cfg: Config, files: list[str]) -> int:
    """Stream a JSON Lines corpus through the repairer, line by line (bounded memory)."""
    prog = _Progress(_count_lines(files) if not args.quiet and sys.stderr.isatty() else 0,
                     "lines", not args.quiet)
    items = ((name, n, line, args.field) for name, n, line in _jsonl_lines(files, args.errors))
    bad = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(_atomic_output(args.output)) if args.output else sys.stdout
        for name, lineno, line, err in _imap(_process_line, items, args.jobs, cfg):
            prog.step()
            if err:
                bad += 1
                sys.stderr.write(f"textmend: {name}: line {lineno}: {err}; copied unchanged\n")
            out.write(line)
    prog.close()
    return 1 if bad else 0


def _explain_lines(name: str, text: str, edits: list[dict[str, Any]]) -> list[str]:
    lines = []
    for e in edits:
        line = text.count("\n", 0, e["start"]) + 1
        col = e["start"] - (text.rfind("\n", 0, e["start"]) + 1) + 1
        lines.append(f"{name}:{line}:{col}: {e['original']!r} -> {e['replacement']!r} "
                     f"[{e['source']}, confidence {e['confidence']:.2f}] {e['why']}\n")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except CLIError as e:
        sys.stderr.write(f"textmend: error: {e}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("textmend: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


def _main(args: argparse.Namespace) -> int:
    files = args.files or ["-"]
    if args.jobs < 1:
        raise CLIError("--jobs must be at least 1")
    if args.in_place and (args.output or "-" in files):
        raise CLIError("--in-place needs FILE arguments and cannot be combined with -o or stdin")
    if args.in_place and (args.diff or args.json or args.explain or args.check):
        raise CLIError("--in-place cannot be combined with --diff, --json, --explain or --check")
    if args.output and len(files) > 1:
        raise CLIError("-o takes one input; use --in-place or stdout for several files")
    cfg = _config(args)
    if args.jsonl:
        if args.in_place:
            raise CLIError("--jsonl cannot be combined with --in-place; use -o")
        for f in files:
            if f != "-":
                _check_readable(f)
        return _run_jsonl(args, cfg, files)
    # Read and validate every input before writing anything: no partial output on error.
    texts = [_read(f, args.errors) for f in files]
    names = ["<stdin>" if f == "-" else f for f in files]

    prog = _Progress(len(texts), "files", not args.quiet)
    out: list[str] = []
    status = 0
    need_score = args.json or args.check
    items = [(text, need_score) for text in texts]
    for name, path, text, res in zip(names, files, texts, _imap(_process_text, items, args.jobs, cfg)):
        prog.step()
        if args.check:
            verdict = "spun" if res["spun"] else "clean"
            out.append(f"{name}: {verdict} (score {res['score']:.2f}, {len(res['edits'])} edits)\n")
            status = max(status, 1 if res["spun"] else 0)
        elif args.json:
            out.append(json.dumps({"file": name, "score": res["score"], "spun": res["spun"],
                                   "edits": res["edits"], "text": res["text"]},
                                  ensure_ascii=False) + "\n")
        elif args.explain:
            out.extend(_explain_lines(name, text, res["edits"]) or [f"{name}: no edits\n"])
        elif args.diff:
            out.extend(difflib.unified_diff(text.splitlines(keepends=True),
                                            res["text"].splitlines(keepends=True),
                                            f"a/{name}", f"b/{name}"))
        elif args.in_place:
            if res["text"] != text:
                _write_atomic(path, res["text"])
        else:
            out.append(res["text"])
    prog.close()
    if not args.in_place:
        _emit(out, args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
