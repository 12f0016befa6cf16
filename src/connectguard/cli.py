"""The ``connectguard`` command line: ``check`` posts, ``rules validate|test|list|show``, ``schema``.

Exit codes (as ruff): 0 nothing at or above ``--fail-on``; 1 violations at or above
it (``rules test``: an example failed); 2 usage, configuration, rule or input error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import __version__
from .actions import Action
from .check_command import (
    EXIT_ERROR,
    EXIT_FAIL,
    EXIT_OK,
    UsageError,
    load_guard,
    run_check,
)
from .errors import ConnectGuardError, RuleError
from .examples_runner import run_examples
from .guard import Guard
from .lint.config import ConfigError, config_json_schema
from .loader.schema import did_you_mean
from .loader.specs import pack_json_schema
from .output import FORMATS
from .output.rules import results_lines, rule_details, rules_table

ACTIONS = tuple(a.value for a in Action)
SCHEMAS = {"rules": pack_json_schema, "config": config_json_schema}


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
    except (RuleError, ConfigError) as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        what = "the rules" if isinstance(exc, RuleError) else "the configuration"
        print(f"connectguard: {count} {'problem' if count == 1 else 'problems'} in {what}", file=sys.stderr)
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
    parser.set_defaults(missing="a command is required: check, rules or schema", usage_of=parser)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser("check", help="check posts in files, directories or '-' (JSONL on stdin)",
                                description="Check posts and report violations.")
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help=".jsonl .json .yaml .yml .csv .md .txt files, directories, or '-' for stdin")
    config = check.add_argument_group("configuration")
    config.add_argument("--config", metavar="FILE",
                        help="read settings from this pyproject.toml or connectguard.toml (default: the closest one)")
    config.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    rules_group = check.add_argument_group("rules")
    rules_group.add_argument("--rules", action="append", default=[], metavar="PATH",
                             help="add a rule pack (repeatable)")
    rules_group.add_argument("--no-default-rules", action="store_true", help="do not load the built-in packs")
    rules_group.add_argument("--select", action="append", default=[], metavar="SELECTORS",
                             help="run only these rules: ids, id prefixes, category:NAME, guideline:N (comma-separated)")
    rules_group.add_argument("--ignore", action="append", default=[], metavar="SELECTORS",
                             help="also leave out these rules (added to the config's ignore)")
    outputs = check.add_argument_group("output")
    outputs.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    outputs.add_argument("--output-file", metavar="PATH", help="write the report here instead of stdout")
    outputs.add_argument("--report", action="append", default=[], type=_report_spec, metavar="FORMAT=PATH",
                         help=f"also write a report in FORMAT ({'|'.join(FORMATS)}) to PATH (repeatable)")
    outputs.add_argument("--statistics", action="store_true",
                         help="after the report, print how many violations each rule found")
    outputs.add_argument("--show-pii", action="store_true", help="show personal data instead of masking it")
    outputs.add_argument("--no-progress", action="store_true", help="never draw the progress line on stderr")
    gate = check.add_argument_group("gating")
    gate.add_argument("--fail-on", choices=ACTIONS, default=None, metavar="ACTION",
                      help=f"exit 1 when an enforced violation's action is at least this ({'|'.join(ACTIONS)}; default flag)")
    gate.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    gate.add_argument("--update-baseline", action="store_true",
                      help="write every current finding to the baseline file and exit 0")
    gate.add_argument("--trust-stdin", action="store_true",
                      help="honour inline suppressions in posts read from stdin (never by default)")
    check.add_argument("--jobs", "-j", "--workers", dest="jobs", type=_positive_int, default=None, metavar="N",
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

    schema = commands.add_parser("schema", help="print the JSON Schema of rule packs or of the config",
                                 description="Print a JSON Schema (for editors and validators).")
    schema.add_argument("which", choices=sorted(SCHEMAS), help="rules: a rule pack file; config: [tool.connectguard]")
    schema.set_defaults(run=run_schema)
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
        hint = did_you_mean(args.rule_id, [r.id for r in guard.rules])
        hint = f" ({hint})" if hint else ""
        raise ConnectGuardError(f"no rule {args.rule_id!r}{hint}") from None
    for line in rule_details(rule):
        print(line)
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(SCHEMAS[args.which](), indent=2, sort_keys=True))
    return EXIT_OK
