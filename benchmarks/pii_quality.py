"""Personal-information quality and speed report (issue 3).

    python benchmarks/pii_quality.py               # figures only
    python benchmarks/pii_quality.py --show-misses # also the missed / false cases, masked

Reads ``../shared/corpus/`` when present (never copied into the project):

* ``pii_cases.jsonl`` (test vectors of Presidio, pyap2, scrubadub, CommonRegex,
  LLM Guard, python-stdnum): per entity, recall on positive cases (an expected
  span counts as found when a finding of that entity overlaps it; exact-span
  recall is printed beside it), and false positives on negative cases. Entities
  connectguard does not claim (dates, IPs, URLs, ZIP codes, licences ...) are look-
  alikes: any personal-info hit on them is counted as a false alarm too.
* ``benign_health.jsonl``: share of posts with any personal-info violation, per
  source family (the NLM rows are de-identified: any hit is a false alarm).
* ``dev_posts.jsonl``: post-level precision / recall of ``personal-info``.
* Throughput with every PII rule on, against Presidio's phone/email/SSN recognizers
  (``NoOpNlpEngine``, offline) on the same posts when ``presidio-analyzer`` is installed.

Phone cases from Presidio's suite name the regions they were run with; they are
scored both with the default regions and with their own (``params.regions``).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from _setup import CORPUS_DIR, posts_per_second, read_corpus as read  # noqa: E402 - also puts src/ on the path when needed

from connectguard import Guard, Post
from connectguard.report import mask as _mask

#: Set by --show-pii: print what was found as it is (the corpus data is fictional or public test data).
SHOW_PII = False


def mask(text: str) -> str:
    return text if SHOW_PII else _mask(text)

# corpus entity -> connectguard entity
ENTITY_MAP = {
    "PHONE_NUMBER": "phone", "EMAIL_ADDRESS": "email", "US_SSN": "ssn", "CREDIT_CARD": "card",
    "ADDRESS": "address", "ADDRESS_STREET": "address", "PO_BOX": "address", "PASSWORD": "password",
}
#: Rows that test a checksum function, not finding data in text.
SKIP_ENTITIES = {"LUHN"}
#: Personal data connectguard does not claim to detect; catching it anyway is a bonus, not a false alarm.
OTHER_PERSONAL = {"US_BANK_NUMBER", "US_DRIVER_LICENSE", "US_PASSPORT", "US_ITIN", "US_MBI", "USERNAME",
                  "DATE_OF_BIRTH"}
PRIVACY_RULE_PREFIX = "privacy."
BENIGN_FAMILIES = (("MeQSum", "NLM"), ("MEDIQA", "NLM"), ("LiveQA", "NLM"), ("NaijaMed", "NaijaMed"),
                   ("reddit", "Reddit"))


def privacy_guard(regions: tuple[str, ...] | None = None) -> Guard:
    guard = Guard.default()
    ids = [r.id for r in guard.rules if r.id.startswith(PRIVACY_RULE_PREFIX)]
    if regions is None:
        return guard.only(*ids)
    # The same rules with other phone regions: rewrite only the phone rule's pack option.
    return Guard.from_yaml(_phone_pack(regions))


def _phone_pack(regions: tuple[str, ...]) -> str:
    return ("connectguard: 1\npack: regions\nrules:\n  - id: privacy.phone\n    category: personal-info\n"
            f"    message: phone\n    match:\n      pii: phone\n      regions: [{', '.join(regions)}]\n")


def findings(guard: Guard, text: str) -> list[tuple[str, int, int]]:
    report = guard.check(Post(body=text))
    return [(v.why.get("entity", ""), v.start, v.end) for v in report.violations if v.category == "personal-info"]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class Tally:
    """Recall and false-positive counts for one entity."""

    def __init__(self) -> None:
        self.expected = self.found = self.exact = 0
        self.negatives = self.false_positives = 0
        self.misses: list[str] = []


def score_cases(guard: Guard, cases: Iterable[dict[str, Any]], regional: dict[tuple[str, ...], Guard] | None,
                show: bool) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        source_entity = case["entity"]
        if source_entity in SKIP_ENTITIES:
            continue
        entity = ENTITY_MAP.get(source_entity)
        other_personal = source_entity in OTHER_PERSONAL and case["polarity"] == "positive"
        label = entity or (f"other personal:{source_entity}" if other_personal else f"look-alike:{source_entity}")
        tally = tallies[label]
        text = case["text"]
        run_guard = guard
        if regional is not None and entity == "phone" and case.get("params", {}).get("regions"):
            run_guard = regional[_regions(case)]
        found = findings(run_guard, text)
        if other_personal:
            tally.expected += 1
            tally.found += bool(found)
            continue
        if case["polarity"] == "negative" or entity is None:
            tally.negatives += 1
            wrong = [f for f in found if entity is None or f[0] == entity]
            if case["polarity"] == "negative" and case.get("match_mode") == "fullmatch" and entity is not None:
                # Negative "fullmatch" rows only say the WHOLE string is not one entity.
                wrong = [f for f in wrong if (f[1], f[2]) == (0, len(text))]
            if wrong:
                tally.false_positives += 1
                if show:
                    tally.misses.append(f"FP {case['id']}: {[mask(text[s:e]) for _, s, e in wrong]}")
            continue
        mine = [(s, e) for ent, s, e in found if ent == entity]
        spans = case.get("expected") or []
        if case.get("match_mode") in ("contains", "count") or not spans:
            tally.expected += 1
            tally.found += bool(mine)
            tally.exact += bool(mine)
            if not mine and show:
                tally.misses.append(f"miss {case['id']}: {mask(text[:80])}")
            continue
        for start, end in spans:
            tally.expected += 1
            hit = any(overlaps((start, end), m) for m in mine)
            tally.found += hit
            tally.exact += (start, end) in mine
            if not hit and show:
                tally.misses.append(f"miss {case['id']}: {mask(text[start:end])}")
    return tallies


def _regions(case: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted({"GB" if r == "UK" else r for r in case["params"]["regions"]}))


def print_cases(title: str, tallies: dict[str, Tally], show: bool) -> None:
    print(f"\n{title}")
    print(f"  {'entity':<28}{'recall':>8}{'exact':>8}{'cases':>7}{'FP on negatives':>18}")
    for name in sorted(tallies, key=lambda n: (":" in n, n.startswith("look-alike"), n)):
        t = tallies[name]
        recall = f"{t.found / t.expected:.3f}" if t.expected else "-"
        exact = f"{t.exact / t.expected:.3f}" if t.expected else "-"
        fps = f"{t.false_positives}/{t.negatives}" if t.negatives else "-"
        print(f"  {name:<28}{recall:>8}{exact:>8}{t.expected:>7}{fps:>18}")
        if show:
            for line in t.misses:
                print(f"      {line}")
    negatives = sum(t.negatives for n, t in tallies.items() if not n.startswith("look-alike"))
    wrong = sum(t.false_positives for n, t in tallies.items() if not n.startswith("look-alike"))
    alike = sum(t.negatives for n, t in tallies.items() if n.startswith("look-alike"))
    alike_wrong = sum(t.false_positives for n, t in tallies.items() if n.startswith("look-alike"))
    print(f"  negative cases of the claimed entities: {wrong} false positives in {negatives}; "
          f"non-personal look-alikes (dates, IPs, URLs, ZIPs, NPIs, routing numbers ...): {alike_wrong} in {alike}")


def benign_report(guard: Guard, rows: list[dict[str, Any]], show: bool) -> None:
    per_family: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    rules: Counter[str] = Counter()
    for row in rows:
        family = next((f for key, f in BENIGN_FAMILIES if key.lower() in row["source"].lower()), "other")
        per_family[family] += 1
        report = guard.check(Post(body=row["text"]))
        hits = [v for v in report.violations if v.category == "personal-info" and v.enforced]
        if hits:
            flagged[family] += 1
            rules.update(v.rule for v in hits)
            if show:
                print(f"      {family} {row['id']}: {[(v.rule, mask(v.text)) for v in hits]}")
    print("\nbenign_health.jsonl: posts with a personal-info violation")
    for family, total in sorted(per_family.items()):
        print(f"  {family:<12}{flagged[family]:>5}/{total:<6}{flagged[family] / total:>8.2%}")
    print(f"  rules: {dict(rules.most_common())}")


def dev_report(guard: Guard, rows: list[dict[str, Any]], show: bool) -> None:
    tp = fp = fn = 0
    for row in rows:
        report = guard.check(Post(title=row.get("title", ""), body=row["body"]))
        predicted = any(v.category == "personal-info" and v.enforced for v in report.violations)
        expected = "personal-info" in row["labels"]
        tp += predicted and expected
        fp += predicted and not expected
        fn += expected and not predicted
        if show and predicted != expected:
            print(f"      {'FP' if predicted else 'FN'} {row['id']}: "
                  f"{[(v.rule, mask(v.text)) for v in report.violations if v.category == 'personal-info']}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"\ndev_posts.jsonl personal-info: precision {precision:.2f}, recall {recall:.2f} "
          f"(tp {tp}, fp {fp}, fn {fn})")


def throughput(guard: Guard, texts: list[str]) -> None:
    ours = posts_per_second(guard, texts)
    print(f"\nthroughput on {len(texts)} posts: connectguard, all PII rules: {ours:,.0f} posts/s")
    presidio = _presidio()
    if presidio is None:
        print("  presidio-analyzer not installed: no comparison (pip install presidio-analyzer)")
        return
    entities = ["PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN"]
    for text in texts[:50]:
        presidio.analyze(text, language="en", entities=entities)
    started = time.perf_counter()
    for text in texts:
        presidio.analyze(text, language="en", entities=entities)
    theirs = len(texts) / (time.perf_counter() - started)
    print(f"  Presidio (NoOpNlpEngine, phone/email/SSN only): {theirs:,.0f} posts/s; "
          f"connectguard is {ours / theirs:.1f}x faster")


def _presidio() -> Any:
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NoOpNlpEngine
    except ImportError:
        return None
    engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "noop"}])
    return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", action="store_true", help="list misses and false alarms (masked)")
    parser.add_argument("--show-pii", action="store_true", help="with --show-misses: print the data unmasked")
    parser.add_argument("--no-speed", action="store_true", help="skip the throughput comparison")
    args = parser.parse_args()
    global SHOW_PII
    SHOW_PII = args.show_pii
    cases, benign, dev = read("pii_cases.jsonl"), read("benign_health.jsonl"), read("dev_posts.jsonl")
    if not cases:
        raise SystemExit(f"no corpus at {CORPUS_DIR}")
    guard = privacy_guard()
    print_cases("pii_cases.jsonl, default regions", score_cases(guard, cases, None, args.show_misses),
                args.show_misses)
    regional = {r: privacy_guard(r) for r in {_regions(c) for c in cases if c.get("params", {}).get("regions")}}
    phone_cases = [c for c in cases if c["entity"] == "PHONE_NUMBER"]
    print_cases("phone cases, each with the regions its test suite used",
                score_cases(guard, phone_cases, regional, args.show_misses), args.show_misses)
    benign_report(guard, benign, args.show_misses)
    dev_report(guard, dev, args.show_misses)
    if not args.no_speed:
        throughput(guard, [r["text"] for r in benign] + [r["body"] for r in dev])


if __name__ == "__main__":
    main()
