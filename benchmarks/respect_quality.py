"""Respectful-language quality and speed report (issue 4).

    python benchmarks/respect_quality.py                # figures only
    python benchmarks/respect_quality.py --show-misses  # also the missed / false cases

Reads ``../shared/corpus/`` when present (never copied into the project):

* ``profanity_cases.jsonl`` (test suites of glin-profanity, obscenity, better-profanity,
  leo-profanity and others, plus handwritten health-forum cases): recall on evasions,
  on plain profanity and on personal attacks; false alarms on the negatives (all of
  them, and the health / clinical ones alone). A case is flagged when any respect rule
  other than shouting fires (profanity, personal-attack, hate).
* ``benign_health.jsonl``: share of posts flagged, per source family. The NLM rows
  (MeQSum, MEDIQA, LiveQA) are consumer health questions: any flag is a false alarm.
  About 17% of the Reddit rows really do contain profanity.
* ``dev_posts.jsonl``: post-level precision / recall of each respect category.
* Throughput of the respect rules alone, and the evasion normaliser's cost per KB on
  ASCII text against the same text with non-ASCII characters in it.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from typing import Any

import regex
from _setup import CORPUS_DIR
from _setup import posts_per_second, read_corpus as read

from connectguard import Guard, Post
from connectguard.text.normalise import EVASION_NORMALISER

FLAGGING = ("profanity", "personal-attack", "hate")
CATEGORIES = (*FLAGGING, "shouting")
NLM = ("MeQSum", "MEDIQA", "LiveQA")
#: Published figures of the best libraries on the same families (from the issue).
ANCHORS = (("glin-profanity", 72.5, 23.0), ("obscenity", 64.2, 30.5), ("better-profanity", 48.6, 47.6))


def respect_guard() -> Guard:
    guard = Guard.default()
    return guard.only(*[r.id for r in guard.rules if r.category in CATEGORIES])


def categories(guard: Guard, body: str, title: str = "") -> set[str]:
    return {v.category for v in guard.check(Post(title=title, body=body)).violations}


def family(case: dict[str, Any]) -> str:
    note = case["note"]
    if case["expected_profane"]:
        if note.startswith("evasion"):
            return "evasion"
        return "attack" if note.startswith("insult") else "plain"
    return "health negative" if case["source"] == "handwritten" else "suite negative"


def cases_report(guard: Guard, cases: list[dict[str, Any]], show: bool) -> dict[str, float]:
    tally: Counter[tuple[str, bool]] = Counter()
    misses: list[tuple[str, str]] = []
    for case in cases:
        fam = family(case)
        flagged = bool(categories(guard, case["text"]) & set(FLAGGING))
        tally[(fam, flagged)] += 1
        if flagged != case["expected_profane"]:
            misses.append((fam, case["text"]))
    print("profanity_cases.jsonl")
    figures: dict[str, float] = {}
    for fam in ("evasion", "plain", "attack"):
        hit, total = tally[(fam, True)], tally[(fam, True)] + tally[(fam, False)]
        figures[fam] = 100 * hit / total if total else 0.0
        print(f"  {fam:<16} recall {hit:>3}/{total:<3} = {figures[fam]:5.1f}%")
    for fam in ("health negative", "suite negative"):
        flagged, total = tally[(fam, True)], tally[(fam, True)] + tally[(fam, False)]
        figures[fam] = 100 * flagged / total if total else 0.0
        print(f"  {fam:<16} flagged {flagged:>3}/{total:<3} = {figures[fam]:5.1f}%")
    negatives = sum(v for (f, _), v in tally.items() if "negative" in f)
    false_alarms = sum(v for (f, flagged), v in tally.items() if "negative" in f and flagged)
    print(f"  all negatives     flagged {false_alarms}/{negatives} = {100 * false_alarms / max(negatives, 1):.1f}%")
    print("  anchors (evasion recall / health false alarms):")
    for name, evasion, health in ANCHORS:
        print(f"    {name:<18} {evasion:5.1f}% / {health:4.1f}%")
    print(f"    {'connectguard':<18} {figures['evasion']:5.1f}% / {figures['health negative']:4.1f}%")
    if show:
        for fam, text in misses:
            print(f"    MISS/FALSE [{fam}] {text[:100]!r}")
    return figures


def benign_report(guard: Guard, rows: list[dict[str, Any]], show: bool) -> None:
    print("\nbenign_health.jsonl: posts flagged (profanity / attack / hate; shouting shown apart)")
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        name = "NLM" if any(s in row["source"] for s in NLM) else "Reddit" if "construct" in row["source"] else "NaijaMed"
        groups.setdefault(name, []).append(row)
    for name, group in sorted(groups.items()):
        counts: Counter[str] = Counter()
        for row in group:
            found = categories(guard, row["text"])
            counts.update(found)
            if found & set(FLAGGING):
                counts["any"] += 1
                if show and name == "NLM":
                    print(f"    FLAGGED [{name}] {sorted(found)} {row['text'][:100]!r}")
        parts = ", ".join(f"{c} {counts[c]}" for c in CATEGORIES)
        print(f"  {name:<16} {counts['any']:>4}/{len(group):<5} = {100 * counts['any'] / len(group):5.2f}%   ({parts})")


def dev_report(guard: Guard, rows: list[dict[str, Any]]) -> None:
    print("\ndev_posts.jsonl (post level)")
    for category in CATEGORIES:
        tp = fp = fn = 0
        for row in rows:
            expected = category in (row.get("labels") or [])
            found = category in categories(guard, row.get("body", ""), row.get("title", ""))
            tp += expected and found
            fp += found and not expected
            fn += expected and not found
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"  {category:<16} precision {precision:.2f} recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn})")


def throughput(guard: Guard, texts: list[str]) -> None:
    rate = posts_per_second(guard, texts)
    print(f"\nthroughput, respect rules alone ({len(guard.rules)} rules), {len(texts)} posts: {rate:,.0f} posts/s")
    ascii_posts = [t for t in texts if t.isascii()]
    # The same posts with typographic quotes, accents and a homoglyph in every few words.
    swaps = str.maketrans({"'": "\u2019", "e": "\u00e9", "o": "\u043e"})
    other = [" ".join(w.translate(swaps) if i % 4 == 0 else w for i, w in enumerate(t.split(" "))) for t in ascii_posts]
    for label, posts in (("ASCII", ascii_posts), ("non-ASCII", other)):
        size = sum(len(t.encode("utf-8")) for t in posts) / 1024
        started = time.perf_counter()
        for text in posts:
            EVASION_NORMALISER.fold_case(EVASION_NORMALISER.normalise(text))
        per_kb = (time.perf_counter() - started) / size * 1e6
        print(f"  evasion normaliser, {len(posts)} {label} posts: {per_kb:8.1f} µs per KB")


def fuzzy_study(benign: list[dict[str, Any]], cases: list[dict[str, Any]]) -> None:
    """What edit-distance-1 matching (rapidfuzz) would add: the false alarms it costs and the misses it recovers."""
    from _setup import REPO
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    def entries(name: str) -> set[str]:
        text = (REPO / "rules" / "lexicons" / f"{name}.txt").read_text(encoding="utf-8")
        return {w for w in text.splitlines() if w and not w.startswith("#")}

    listed = sorted(w for name in ("profanity-strong", "profanity-mild", "slurs", "sexual-explicit")
                    for w in entries(name) if " " not in w and len(w) >= 4)
    known = set(listed) | entries("allow-words") | entries("anatomical-clinical")

    def near(token: str) -> bool:
        return (len(token) >= 4 and token not in known
                and process.extractOne(token, listed, scorer=Levenshtein.distance, score_cutoff=1) is not None)

    words = regex.compile(r"\p{L}+")
    clean = [row["text"] for row in benign if "construct" not in row["source"]]
    vocabulary = {t for text in clean for t in words.findall(text.casefold())}
    close = {t for t in vocabulary if near(t)}
    posts = sum(1 for text in clean if close & set(words.findall(text.casefold())))
    guard = respect_guard()
    missed = [c["text"] for c in cases if c["expected_profane"] and not categories(guard, c["text"]) & set(FLAGGING)]
    recovered = sum(1 for text in missed if any(near(t) for t in words.findall(text.casefold())))
    print("\nfuzzy matching study (edit distance 1, words of 4+ letters not listed or allowed):")
    print(f"  NLM + NaijaMed: {len(close)} of {len(vocabulary)} distinct words are that close to a listed word; "
          f"{posts}/{len(clean)} posts would be flagged")
    print(f"  missed profane cases it would recover: {recovered}/{len(missed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", action="store_true", help="list missed cases and false alarms")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput figures")
    parser.add_argument("--fuzzy-study", action="store_true", help="also measure what edit-distance matching would cost")
    args = parser.parse_args()
    cases, benign, dev = read("profanity_cases.jsonl"), read("benign_health.jsonl"), read("dev_posts.jsonl")
    if not cases:
        raise SystemExit(f"no corpus at {CORPUS_DIR}")
    guard = respect_guard()
    cases_report(guard, cases, args.show_misses)
    benign_report(guard, benign, args.show_misses)
    dev_report(guard, dev)
    if args.fuzzy_study:
        fuzzy_study(benign, cases)
    if not args.no_speed:
        throughput(guard, [r["text"] for r in benign] + [r.get("body", "") for r in dev])


if __name__ == "__main__":
    main()
