"""The ``connectguard`` command line: ``check`` posts, ``rules validate|test|list|show``.

Exit codes (as ruff): 0 nothing at or above ``--fail-on``; 1 violations at or above
it (``rules test``: an example failed); 2 usage, configuration, rule or input error.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from . import __version__
from .actions import Action
from .errors import ConnectGuardError, RuleError
from .examples_runner import run_examples
from .guard import Guard, default_pack_dir
from .inputs import InputRecord, read_inputs
from .loader.pack import pack_files
from .output import DOCUMENT_FORMATS, FORMATS, FanOut, Summary, Writer, make_writer
from .output.rules import results_lines, rule_details, rules_table
from .output.statistics import statistics_lines
from .post import Post

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
ACTIONS = tuple(a.value for a in Action)


class UsageError(ConnectGuardError):
    """The command line itself is wrong."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises for user errors)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            args.usage_of.print_usage(sys.stderr)
            print(f"{args.usage_of.prog}: error: {args.missing}", file=sys.stderr)
            return EXIT_ERROR
        return int(args.run(args))
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (EXIT_OK if exc.code is None else EXIT_ERROR)
    except UsageError as exc:
        print(f"connectguard: usage error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except RuleError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"connectguard: {count} {'problem' if count == 1 else 'problems'} in the rules", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAIL
    except (ConnectGuardError, OSError) as exc:
        print(f"connectguard: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="connectguard", description="Moderation rules for patient communities.")
    parser.add_argument("--version", action="version", version=f"connectguard {__version__}")
    parser.set_defaults(missing="a command is required: check or rules", usage_of=parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser("check", help="check posts in files, directories or '-' (JSONL on stdin)",
                                description="Check posts and report violations.")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help=".jsonl .json .yaml .yml .csv .md .txt files, directories, or '-' for stdin")
    check.add_argument("--rules", action="append", default=[], metavar="PATH", help="add a rule pack (repeatable)")
    check.add_argument("--no-default-rules", action="store_true", help="do not load the built-in packs")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--fail-on", choices=ACTIONS, default="flag", metavar="ACTION",
                       help=f"exit 1 when an enforced violation's action is at least this ({'|'.join(ACTIONS)}; default flag)")
    check.add_argument("--show-pii", action="store_true", help="show personal data instead of masking it")
    check.add_argument("--output-file", metavar="PATH", help="write the report here instead of stdout")
    check.add_argument("--report", action="append", default=[], type=_report_spec, metavar="FORMAT=PATH",
                       help=f"also write a report in FORMAT ({'|'.join(FORMATS)}) to PATH (repeatable)")
    check.add_argument("--statistics", action="store_true",
                       help="after the report, print how many violations each rule found")
    check.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                       help="check in N worker processes (default 1)")
    check.set_defaults(run=run_check)

    rules = commands.add_parser("rules", help="validate, test, list or show rules",
                                description="Work with rule packs (the built-in ones when no PATH is given).")
    rules.set_defaults(missing="a rules command is required: validate, test, list or show", usage_of=rules)
    sub = rules.add_subparsers(title="rules commands", metavar="COMMAND")
    for name, run, text in (("validate", run_validate, "load packs and report every problem"),
                            ("test", run_test, "run every rule's examples"),
                            ("list", run_list, "list rules: id, category, guideline, action, mode")):
        cmd = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        cmd.add_argument("paths", nargs="*", metavar="PATH", help="pack files or directories (default: built-in)")
        cmd.set_defaults(run=run)
    show = sub.add_parser("show", help="show every field of one rule", description="Show every field of one rule.")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("--rules", action="append", default=[], metavar="PATH",
                      help="look in these packs instead of the built-in ones (repeatable)")
    show.set_defaults(run=run_show)
    return parser


def _report_spec(text: str) -> tuple[str, str]:
    """``FORMAT=PATH`` for ``--report``."""
    fmt, sep, path = text.partition("=")
    if not sep or not path:
        raise argparse.ArgumentTypeError(f"expected FORMAT=PATH, got {text!r}")
    if fmt not in FORMATS:
        raise argparse.ArgumentTypeError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return fmt, path


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# -- check ------------------------------------------------------------------------------

def run_check(args: argparse.Namespace) -> int:
    if not args.paths:
        raise UsageError("no input given: pass files or directories, or '-' to read JSONL from stdin")
    if args.no_default_rules and not args.rules:
        raise UsageError("--no-default-rules needs at least one --rules PATH")
    _require_distinct_outputs(args.output_file, args.report)
    guard = load_guard(args.rules, with_defaults=not args.no_default_rules)
    with ExitStack() as files:
        out: TextIO = sys.stdout
        if args.output_file:
            out = files.enter_context(open(args.output_file, "w", encoding="utf-8"))
        excerpt = not args.output_file and args.format == "text" and sys.stdout.isatty()
        writers = [make_writer(args.format, out, show_pii=args.show_pii, excerpt=excerpt, rules=guard.rules)]
        for fmt, path in args.report:
            stream = files.enter_context(open(path, "w", encoding="utf-8"))
            writers.append(make_writer(fmt, stream, show_pii=args.show_pii, rules=guard.rules))
        summary, failed = _check(guard, args, FanOut(writers))
    if args.statistics:
        # Keep a document on stdout (JSON, SARIF...) valid: the counts then go to stderr.
        shared = not args.output_file and args.format in DOCUMENT_FORMATS
        print("\n".join(statistics_lines(summary, guard.rules)), file=sys.stderr if shared else sys.stdout)
    if not summary.posts and not summary.errors:
        print("connectguard: warning: no posts found in the given paths", file=sys.stderr)
    if summary.errors:
        return EXIT_ERROR
    return EXIT_FAIL if failed else EXIT_OK


def _require_distinct_outputs(output_file: str | None, reports: Sequence[tuple[str, str]]) -> None:
    """Two reports written to one file would overwrite each other: refuse before checking anything."""
    seen: set[str] = set()
    for path in ([output_file] if output_file else []) + [path for _, path in reports]:
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            raise UsageError(f"{path} is given as the destination of more than one report")
        seen.add(key)


def _check(guard: Guard, args: argparse.Namespace, writer: Writer) -> tuple[Summary, bool]:
    """Check every record, feeding ``writer``; returns the summary and whether ``--fail-on`` was reached."""
    fail_on = Action(args.fail_on)
    summary = Summary()
    failed = False
    pending: deque[InputRecord] = deque()

    def posts() -> Iterator[Post]:
        for record in read_inputs(args.paths):
            pending.append(record)
            if record.post is not None:
                yield record.post

    def report_errors() -> None:
        while pending and pending[0].post is None:
            record = pending.popleft()
            summary.errors += 1
            print(f"{record.source}:{record.line}: {record.error}", file=sys.stderr)

    for report in guard.check_many(posts(), workers=args.workers):
        report_errors()
        record = pending.popleft()
        if report.error is not None:  # not expected: records are valid posts already
            summary.errors += 1
            print(f"{record.source}:{record.line}: {report.error}", file=sys.stderr)
            continue
        summary.add(report)
        writer.write(record, report)
        failed = failed or (bool(report.enforced) and report.decision >= fail_on)
    report_errors()
    writer.close(summary)
    return summary, failed


def load_guard(extra: Sequence[str], with_defaults: bool = True) -> Guard:
    """The built-in packs (unless ``with_defaults`` is false) plus the packs at ``extra``."""
    _require_rule_files(extra)
    paths: list[str | Path] = [default_pack_dir()] if with_defaults else []
    return Guard.from_paths(*paths, *extra)


def _require_rule_files(paths: Sequence[str]) -> None:
    for path in paths:
        if not Path(path).exists():
            raise ConnectGuardError(f"{path}: no such rule file or directory")
        if Path(path).is_dir() and not pack_files([path]):
            raise ConnectGuardError(f"{path}: no rule files (*.yaml, *.yml) in this directory")


# -- rules ------------------------------------------------------------------------------

def _rules_guard(paths: Sequence[str]) -> Guard:
    return load_guard(paths, with_defaults=False) if paths else Guard.default()


def run_validate(args: argparse.Namespace) -> int:
    guard = _rules_guard(args.paths)
    rules, packs = len(guard.rules), len(guard.packs)
    print(f"{rules} {'rule' if rules == 1 else 'rules'} in {packs} {'pack' if packs == 1 else 'packs'} OK")
    return EXIT_OK


def run_test(args: argparse.Namespace) -> int:
    results = run_examples(_rules_guard(args.paths))
    for line in results_lines(results):
        print(line)
    return EXIT_OK if results.ok else EXIT_FAIL


def run_list(args: argparse.Namespace) -> int:
    for line in rules_table(_rules_guard(args.paths).rules):
        print(line)
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    guard = _rules_guard(args.rules)
    try:
        rule = guard.rule(args.rule_id)
    except KeyError:
        close = difflib.get_close_matches(args.rule_id, [r.id for r in guard.rules], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConnectGuardError(f"no rule {args.rule_id!r}{hint}") from None
    for line in rule_details(rule):
        print(line)
    return EXIT_OK
