"""``connectguard check``: resolve the config, load the rules, check every record, write the reports.

Settings come from the closest config file (``--config`` names one, ``--isolated``
ignores them), then the command line overrides them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .actions import Action
from .errors import ConnectGuardError
from .guard import Guard, default_pack_dir
from .inputs import STDIN, InputRecord, Reader, read_inputs
from .lint.baseline import Baseline, write_baseline
from .lint.config import Config, find_config, load_config
from .lint.refine import Refiner
from .lint.ruleset import configured_guard
from .lint.selectors import parse_selectors, split_list
from .lint.sources import reader_for
from .loader.pack import pack_files
from .output import DOCUMENT_FORMATS, FanOut, Summary, Writer, make_writer
from .output.statistics import statistics_lines
from .post import Post
from .progress import Progress

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class UsageError(ConnectGuardError):
    """The command line itself is wrong."""


def run_check(args: argparse.Namespace) -> int:
    if not args.paths:
        raise UsageError("no input given: pass files or directories, or '-' to read JSONL from stdin")
    _require_distinct_outputs(args.output_file, args.report)
    config = resolve_config(args)
    if args.update_baseline and config.baseline is None:
        raise UsageError("--update-baseline needs --baseline FILE (or 'baseline' in the config)")
    if not config.default_rules and not config.rules:
        raise UsageError("--no-default-rules needs at least one --rules PATH (or 'rules' in the config)")
    guard = configured_guard(load_guard(config.rules, with_defaults=config.default_rules), config)
    baseline = None
    if config.baseline is not None and not args.update_baseline:
        baseline = Baseline.load(config.baseline)
    refiner = Refiner(config, baseline=baseline, trust_stdin=args.trust_stdin, keep_entries=args.update_baseline)
    with ExitStack() as files:
        out: TextIO = sys.stdout
        if args.output_file:
            out = files.enter_context(open(args.output_file, "w", encoding="utf-8"))
        excerpt = not args.output_file and args.format == "text" and sys.stdout.isatty()
        writers = [make_writer(args.format, out, show_pii=config.show_pii, excerpt=excerpt, rules=guard.rules)]
        for fmt, path in args.report:
            stream = files.enter_context(open(path, "w", encoding="utf-8"))
            writers.append(make_writer(fmt, stream, show_pii=config.show_pii, rules=guard.rules))
        progress = Progress(sys.stderr, enabled=args.format == "text" and sys.stderr.isatty() and not args.no_progress)
        summary, failed = _check(guard, config, args.paths, refiner, FanOut(writers), progress)
    for warning in refiner.counts.warnings:
        print(f"{warning}", file=sys.stderr)
    if args.statistics:
        # Keep a document on stdout (JSON, SARIF...) valid: the counts then go to stderr.
        shared = not args.output_file and args.format in DOCUMENT_FORMATS
        print("\n".join(statistics_lines(summary, guard.rules)), file=sys.stderr if shared else sys.stdout)
    if not summary.posts and not summary.errors:
        print("connectguard: warning: no posts found in the given paths", file=sys.stderr)
    if args.update_baseline and config.baseline is not None:
        count = write_baseline(config.baseline, refiner.counts.entries)
        print(f"connectguard: wrote {count} {'finding' if count == 1 else 'findings'} to the baseline "
              f"{config.baseline}", file=sys.stderr)
        return EXIT_ERROR if summary.errors else EXIT_OK
    if summary.errors:
        return EXIT_ERROR
    return EXIT_FAIL if failed else EXIT_OK


def resolve_config(args: argparse.Namespace) -> Config:
    """The config file's settings (closest to the inputs, or ``--config``), overridden by the command line."""
    if args.isolated:
        config = Config()
    elif args.config:
        config = load_config(Path(args.config))
    else:
        found = find_config(_inputs_directory(args.paths))
        config = load_config(found) if found is not None else Config()
    return replace(
        config,
        rules=(*config.rules, *(Path(p) for p in args.rules)),
        default_rules=config.default_rules and not args.no_default_rules,
        select=parse_selectors(s for text in args.select for s in split_list(text)) if args.select else config.select,
        ignore=(*config.ignore, *parse_selectors(s for text in args.ignore for s in split_list(text))),
        fail_on=Action(args.fail_on) if args.fail_on else config.fail_on,
        show_pii=args.show_pii or config.show_pii,
        jobs=args.jobs or config.jobs,
        baseline=Path(args.baseline) if args.baseline else config.baseline,
    )


def _inputs_directory(paths: Sequence[str]) -> Path:
    """Where the config search starts: the deepest directory holding every input (the cwd for stdin)."""
    real = [os.path.abspath(p) for p in paths if p != STDIN]
    if not real:
        return Path.cwd()
    common = Path(os.path.commonpath(real))
    return common if common.is_dir() else common.parent


def _require_distinct_outputs(output_file: str | None, reports: Sequence[tuple[str, str]]) -> None:
    """Two reports written to one file would overwrite each other: refuse before checking anything."""
    seen: set[str] = set()
    for path in ([output_file] if output_file else []) + [path for _, path in reports]:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise UsageError(f"{path} is given as the destination of more than one report")
        seen.add(key)


def _check(guard: Guard, config: Config, paths: Sequence[str], refiner: Refiner, writer: Writer,
           progress: Progress) -> tuple[Summary, bool]:
    """Check every record, feeding ``writer``; returns the summary and whether ``fail-on`` was reached."""
    summary = Summary()
    failed = False
    pending: deque[InputRecord] = deque()

    def source_reader(path: Path) -> Reader | None:
        source = config.source_for(path)
        return None if source is None else reader_for(source)

    def posts() -> Iterator[Post]:
        for record in read_inputs(paths, skip=config.excluded, reader_for=source_reader):
            pending.append(record)
            if record.post is not None:
                yield record.post

    def report_errors() -> None:
        while pending and pending[0].post is None:
            record = pending.popleft()
            summary.errors += 1
            print(f"{record.source}:{record.line}: {record.error}", file=sys.stderr)

    for report in guard.check_many(posts(), workers=config.jobs):
        report_errors()
        record = pending.popleft()
        progress.advance(record.source)
        if report.error is not None:  # not expected: records are valid posts already
            summary.errors += 1
            print(f"{record.source}:{record.line}: {report.error}", file=sys.stderr)
            continue
        report = refiner.refine(record, report)
        summary.add(report)
        writer.write(record, report)
        failed = failed or (bool(report.enforced) and report.decision >= config.fail_on)
    report_errors()
    progress.done()
    summary.ignored, summary.suppressed = refiner.counts.ignored, refiner.counts.suppressed
    summary.baselined = refiner.counts.baselined
    writer.close(summary)
    return summary, failed


def load_guard(extra: Sequence[str | Path], with_defaults: bool = True) -> Guard:
    """The built-in packs (unless ``with_defaults`` is false) plus the packs at ``extra``."""
    _require_rule_files(extra)
    paths: list[str | Path] = [default_pack_dir()] if with_defaults else []
    return Guard.from_paths(*paths, *extra)


def _require_rule_files(paths: Sequence[str | Path]) -> None:
    for path in paths:
        if not Path(path).exists():
            raise ConnectGuardError(f"{path}: no such rule file or directory")
        if Path(path).is_dir() and not pack_files([path]):
            raise ConnectGuardError(f"{path}: no rule files (*.yaml, *.yml) in this directory")
