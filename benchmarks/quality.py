"""Detection-quality report for connectguard's built-in packs.

    python benchmarks/quality.py
    python benchmarks/quality.py --json quality.json

Runs ``Guard.default()`` over the evaluation corpus in ``../shared/corpus/``
(beside the repository; it is not part of the project) and prints:

* dev_posts.jsonl: per-category precision / recall / F1 (a post is predicted for a
  category when any ENFORCED violation has that category; expected = ``labels``),
  the false-positive rate on clean posts (``labels == []``), the decision distribution;
* benign_health.jsonl: per source family, the share of posts with any violation,
  and the rules that fire most;
* political_text.jsonl (politics), spam_ham_sms.jsonl (commercial + spam),
  ai_text.jsonl vs human_text.jsonl (ai-undisclosed): the share flagged per group.

Only figures, rule ids and post ids are printed: never the corpus text.
Nothing here asserts; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from _setup import CORPUS_DIR

import connectguard
from connectguard import Guard, Post, PostContext, Report

CATEGORIES = (
    "medical-advice", "diagnosis", "unproven-treatment", "ai-undisclosed", "profanity", "personal-attack",
    "hate", "shouting", "unclear-title", "politics", "commercial", "fundraising", "medical-goods-sale",
    "copyright", "personal-info", "impersonation", "spam",
)

# source string (substring) -> family name, for benign_health.jsonl
BENIGN_FAMILIES = (
    ("MeQSum", "NLM MeQSum"),
    ("MEDIQA2019", "NLM MEDIQA 2019"),
    ("MEDIQA2021", "NLM MEDIQA 2021"),
    ("LiveQA", "NLM LiveQA 2017"),
    ("NaijaMed", "NaijaMed forum"),
    ("construct-tracker", "Reddit mental health"),
)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def text_post(row: dict[str, Any], index: int) -> Post:
    return Post(id=str(row.get("id", index)), body=row.get("text") or "")


def family_of(source: str, families: Iterable[tuple[str, str]]) -> str:
    for needle, name in families:
        if needle in source:
            return name
    return source.split()[0] if source else "?"


def enforced_categories(report: Report) -> set[str]:
    return {v.category for v in report.violations if v.enforced}


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class Runner:
    def __init__(self, guard: Guard, workers: int) -> None:
        self.guard = guard
        self.workers = workers
        self.checked = 0
        self.seconds = 0.0

    def run(self, posts: list[Post]) -> list[Report]:
        start = time.perf_counter()
        if self.workers > 1:
            reports = list(self.guard.check_many(posts, workers=self.workers))
        else:
            reports = [self.guard.check(p) for p in posts]
        self.seconds += time.perf_counter() - start
        self.checked += len(posts)
        return reports


# -- dev_posts --------------------------------------------------------------------

def dev_posts(runner: Runner, path: Path, out: dict[str, Any], verbose: bool = False) -> None:
    rows = read_jsonl(path)
    # A post with a title starts a discussion; one without is a reply.
    posts = [Post(id=str(r["id"]), title=r.get("title") or "", body=r.get("body") or "",
                  context=PostContext(new_discussion=bool((r.get("title") or "").strip()))) for r in rows]
    reports = runner.run(posts)
    expected = [set(r.get("labels") or []) for r in rows]
    predicted = [enforced_categories(rep) for rep in reports]

    categories = list(CATEGORIES) + sorted({c for p in predicted for c in p} - set(CATEGORIES))
    print(f"\n== dev_posts.jsonl: {len(rows)} labelled posts "
          f"({sum(1 for e in expected if not e)} clean)")
    print(f"  {'category':<20} {'support':>7} {'pred':>5} {'TP':>4} {'FP':>4} {'FN':>4} "
          f"{'precision':>9} {'recall':>7} {'F1':>6}")
    per_cat: dict[str, dict[str, Any]] = {}
    total_tp = total_fp = total_fn = 0
    for cat in categories:
        tp = sum(1 for e, p in zip(expected, predicted) if cat in e and cat in p)
        fp = sum(1 for e, p in zip(expected, predicted) if cat not in e and cat in p)
        fn = sum(1 for e, p in zip(expected, predicted) if cat in e and cat not in p)
        support = tp + fn
        if not support and not fp:
            per_cat[cat] = {"support": 0, "predicted": 0, "tp": 0, "fp": 0, "fn": 0,
                            "precision": None, "recall": None, "f1": None}
            print(f"  {cat:<20} {0:>7} {0:>5} {'':>4} {'':>4} {'':>4} {'-':>9} {'-':>7} {'-':>6}")
            continue
        total_tp, total_fp, total_fn = total_tp + tp, total_fp + fp, total_fn + fn
        precision = ratio(tp, tp + fp)
        recall = ratio(tp, support)
        f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (0.0 if support else None)
        per_cat[cat] = {"support": support, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
                        "precision": precision, "recall": recall, "f1": f1,
                        "fp_ids": [str(r["id"]) for r, e, p in zip(rows, expected, predicted) if cat not in e and cat in p],
                        "fn_ids": [str(r["id"]) for r, e, p in zip(rows, expected, predicted) if cat in e and cat not in p]}
        print(f"  {cat:<20} {support:>7} {tp + fp:>5} {tp:>4} {fp:>4} {fn:>4} "
              f"{fmt(precision):>9} {fmt(recall):>7} {fmt(f1):>6}")
        if verbose:
            for kind in ("fp", "fn"):
                if per_cat[cat][f"{kind}_ids"]:
                    print(f"      {kind.upper()} ids: {', '.join(per_cat[cat][f'{kind}_ids'])}")
    micro_p = ratio(total_tp, total_tp + total_fp)
    micro_r = ratio(total_tp, total_tp + total_fn)
    micro_f1 = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p and micro_r else 0.0
    print(f"  {'micro average':<20} {total_tp + total_fn:>7} {total_tp + total_fp:>5} {total_tp:>4} "
          f"{total_fp:>4} {total_fn:>4} {micro_p or 0:>9.2f} {micro_r or 0:>7.2f} {micro_f1:>6.2f}")

    f1s = [c["f1"] for c in per_cat.values() if c["support"]]
    macro_f1 = sum(f1s) / len(f1s) if f1s else None
    labelled = [(e, p) for e, p in zip(expected, predicted) if e]
    caught = sum(1 for e, p in labelled if e & p)
    print(f"  macro-F1 over the {len(f1s)} labelled categories: {fmt(macro_f1)}; violating posts caught "
          f"(a labelled category found) {caught}/{len(labelled)} = {pct(caught, len(labelled)).strip()}")

    clean = [(row, rep) for row, rep, e in zip(rows, reports, expected) if not e]
    clean_flagged = [(row, rep) for row, rep in clean if rep.enforced]
    clean_not_allowed = [(row, rep) for row, rep in clean if rep.decision.value != "allow"]
    print(f"  clean posts with any enforced violation   {len(clean_flagged)}/{len(clean)} "
          f"= {pct(len(clean_flagged), len(clean)).strip()}  (decision not allow: {len(clean_not_allowed)})")
    if clean_flagged:
        fired = Counter(v.rule for _, rep in clean_flagged for v in rep.enforced)
        print("    rules firing on clean posts: " + ", ".join(f"{r} ({n})" for r, n in fired.most_common(8)))
        print("    clean post ids: " + ", ".join(str(row["id"]) for row, _ in clean_flagged[:15])
              + (" ..." if len(clean_flagged) > 15 else ""))

    decisions = Counter(rep.decision.value for rep in reports)
    decisions_clean = Counter(rep.decision.value for _, rep in clean)
    order = ["allow", "nudge", "flag", "edit", "hold", "remove"]
    print("  decisions (all / clean / labelled): " + ", ".join(
        f"{d} {decisions.get(d, 0)}/{decisions_clean.get(d, 0)}/{decisions.get(d, 0) - decisions_clean.get(d, 0)}"
        for d in order))
    shadow = Counter(v.rule for rep in reports for v in rep.violations if not v.enforced)
    if shadow:
        print("  shadow-mode hits: " + ", ".join(f"{r} ({n})" for r, n in shadow.most_common(8)))
    errors = sum(1 for rep in reports if rep.error)
    engine = Counter(v.rule for rep in reports for v in rep.violations if v.category == "engine")
    if errors or engine:
        print(f"  records not checked: {errors}; engine diagnostics: {dict(engine)}")

    out["dev_posts"] = {
        "posts": len(rows), "clean": len(clean), "per_category": per_cat,
        "micro": {"precision": micro_p, "recall": micro_r, "f1": micro_f1}, "macro_f1": macro_f1,
        "violating_caught": ratio(caught, len(labelled)), "clean_kept": ratio(len(clean) - len(clean_flagged), len(clean)),
        "clean_false_positive_rate": ratio(len(clean_flagged), len(clean)),
        "clean_false_positive_ids": [str(row["id"]) for row, _ in clean_flagged],
        "decisions": dict(decisions), "decisions_clean": dict(decisions_clean),
        "shadow_hits": dict(shadow), "engine_diagnostics": dict(engine),
    }


# -- benign health text ------------------------------------------------------------

def benign_health(runner: Runner, path: Path, out: dict[str, Any]) -> None:
    rows = read_jsonl(path)
    reports = runner.run([text_post(r, i) for i, r in enumerate(rows)])
    groups: dict[str, list[Report]] = defaultdict(list)
    for row, rep in zip(rows, reports):
        groups[family_of(row.get("source", ""), BENIGN_FAMILIES)].append(rep)
    print(f"\n== benign_health.jsonl: {len(rows)} real health posts (not all clean, see corpus README)")
    print(f"  {'source family':<22} {'posts':>5} {'any viol.':>9} {'enforced':>9}  top categories (enforced)")
    result: dict[str, Any] = {}
    for family, reps in sorted(groups.items()):
        any_v = sum(1 for r in reps if r.violations)
        enforced = sum(1 for r in reps if r.enforced)
        cats = Counter(c for r in reps for c in enforced_categories(r))
        print(f"  {family:<22} {len(reps):>5} {pct(any_v, len(reps)):>9} {pct(enforced, len(reps)):>9}  "
              + ", ".join(f"{c} {n}" for c, n in cats.most_common(4)))
        result[family] = {"posts": len(reps), "any_violation_share": ratio(any_v, len(reps)),
                          "enforced_violation_share": ratio(enforced, len(reps)), "categories": dict(cats)}
    nlm = [r for family, reps in groups.items() if family.startswith("NLM") for r in reps]
    nlm_enforced = sum(1 for r in nlm if r.enforced)
    nlm_beyond_nudge = sum(1 for r in nlm if any(v.action.value not in ("allow", "nudge") for v in r.enforced))
    print(f"  {'NLM (all four)':<22} {len(nlm):>5} {'':>9} {pct(nlm_enforced, len(nlm)):>9}  "
          f"(flag/edit/hold/remove only: {pct(nlm_beyond_nudge, len(nlm)).strip()})")
    result["NLM"] = {"posts": len(nlm), "enforced_violation_share": ratio(nlm_enforced, len(nlm)),
                     "beyond_nudge_share": ratio(nlm_beyond_nudge, len(nlm))}
    any_all = sum(1 for r in reports if r.violations)
    enforced_all = sum(1 for r in reports if r.enforced)
    print(f"  {'all':<22} {len(reports):>5} {pct(any_all, len(reports)):>9} {pct(enforced_all, len(reports)):>9}")
    # count each rule once per post
    top = Counter(rule for r in reports for rule in {v.rule for v in r.violations})
    print("  top firing rules (posts): " + (", ".join(f"{rule} {n}" for rule, n in top.most_common(10)) or "none"))
    out["benign_health"] = {"posts": len(rows), "families": result,
                            "any_violation_share": ratio(any_all, len(reports)),
                            "enforced_violation_share": ratio(enforced_all, len(reports)),
                            "top_rules": dict(top.most_common(20))}


# -- recall / false alarms on labelled real text -------------------------------------

def flagged_share(runner: Runner, title: str, key: str, groups: dict[str, list[Post]], categories: set[str],
                  out: dict[str, Any], note: str = "") -> None:
    print(f"\n== {title}: share flagged for {' / '.join(sorted(categories))} (enforced){note}")
    result: dict[str, Any] = {}
    for group, posts in groups.items():
        reports = runner.run(posts)
        hit = [r for r in reports if enforced_categories(r) & categories]
        rules = Counter(v.rule for r in hit for v in r.enforced if v.category in categories)
        print(f"  {group:<40} {len(hit):>4}/{len(posts):<5} = {pct(len(hit), len(posts)).strip():>6}"
              + (f"   rules: {', '.join(f'{k} {n}' for k, n in rules.most_common(3))}" if rules else ""))
        result[group] = {"posts": len(posts), "flagged": len(hit), "share": ratio(len(hit), len(posts)),
                         "rules": dict(rules)}
    out[key] = result


def grouped(path: Path, group_of: Callable[[dict[str, Any]], str]) -> dict[str, list[Post]]:
    groups: dict[str, list[Post]] = defaultdict(list)
    for i, row in enumerate(read_jsonl(path)):
        groups[group_of(row)].append(text_post(row, i))
    return dict(sorted(groups.items()))


def political_group(row: dict[str, Any]) -> str:
    if "CrowdFlower" in row.get("source", ""):
        return f"politicians' posts ({row.get('bias', '?')})"
    label = row.get("label", "?")
    return "r/ukpolitics posts" if label == "political" else f"r/{label} posts"


def _share(out: dict[str, Any], *path: str) -> float | None:
    node: Any = out
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, (int, float)) else None


def _pooled(out: dict[str, Any], key: str, groups: tuple[str, ...]) -> float | None:
    """Flagged share over several groups of a flagged_share section, pooled."""
    rows = [out.get(key, {}).get(g) for g in groups]
    rows = [r for r in rows if r]
    posts = sum(r["posts"] for r in rows)
    return sum(r["flagged"] for r in rows) / posts if posts else None


#: (what, measured value getter, comparison, target) from issue #5.
TARGETS: tuple[tuple[str, Callable[[dict[str, Any]], float | None], str, float], ...] = (
    ("dev posts: macro-F1", lambda o: _share(o, "dev_posts", "macro_f1"), ">=", 0.90),
    ("dev posts: clean posts kept", lambda o: _share(o, "dev_posts", "clean_kept"), ">=", 0.97),
    ("dev posts: violating posts caught", lambda o: _share(o, "dev_posts", "violating_caught"), ">=", 0.95),
    ("NLM questions: any violation (incl. nudges)", lambda o: _share(o, "benign_health", "families", "NLM", "enforced_violation_share"), "<=", 0.02),
    ("NLM questions: flag/edit/hold/remove", lambda o: _share(o, "benign_health", "families", "NLM", "beyond_nudge_share"), "<=", 0.02),
    ("AI answers flagged (HC3 ChatGPT)", lambda o: _share(o, "ai_text", "HC3 ChatGPT answers (ai)", "share"), ">=", 0.70),
    ("human answers flagged (HC3 doctors)", lambda o: _share(o, "ai_text", "HC3 online doctors (human)", "share"), "<=", 0.01),
    ("partisan political posts flagged", lambda o: _pooled(o, "politics", ("politicians' posts (partisan)", "r/ukpolitics posts")), ">=", 0.80),
    ("SMS spam flagged", lambda o: _share(o, "spam_sms", "SMS spam", "share"), ">=", 0.80),
    ("SMS ham flagged", lambda o: _share(o, "spam_sms", "SMS ham", "share"), "<=", 0.02),
)


def print_targets(out: dict[str, Any]) -> None:
    print("\n== targets (issue #5)")
    summary = {}
    for what, get, op, target in TARGETS:
        value = get(out)
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        verdict = "-" if met is None else ("met" if met else "SHORT")
        print(f"  {what:<44} {fmt(value):>6}  target {op} {target:.2f}  {verdict}")
        summary[what] = {"value": value, "target": f"{op} {target}", "met": met}
    out["targets"] = summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--corpus", metavar="DIR", default=str(CORPUS_DIR), help="corpus directory (default: %(default)s)")
    parser.add_argument("--ids", action="store_true", help="list the dev post ids of each false positive/negative")
    parser.add_argument("--workers", type=int, default=1, help="check_many worker processes (default 1)")
    args = parser.parse_args(argv)

    corpus = Path(args.corpus)
    if not (corpus / "dev_posts.jsonl").is_file():
        print(f"no evaluation corpus at {corpus} (dev_posts.jsonl missing): nothing to measure.")
        return 0

    started = time.perf_counter()
    try:
        guard = Guard.default()
    except Exception as exc:  # noqa: BLE001
        print(f"Guard.default() failed, cannot measure quality:\n{exc}")
        return 0
    runner = Runner(guard, args.workers)
    packs = ", ".join(f"{p.name} ({len(p.rules)})" for p in guard.packs)
    print(f"connectguard {getattr(connectguard, '__version__', '?')} quality report: "
          f"{len(guard.rules)} rules in packs: {packs or 'none'}")
    if not guard.rules:
        print("(the built-in packs have no rules yet: every figure below is empty)")
    out: dict[str, Any] = {"connectguard": getattr(connectguard, "__version__", "?"), "rules": len(guard.rules),
                 "rule_ids": [r.id for r in guard.rules]}

    dev_posts(runner, corpus / "dev_posts.jsonl", out, args.ids)
    if (corpus / "benign_health.jsonl").is_file():
        benign_health(runner, corpus / "benign_health.jsonl", out)
    if (corpus / "political_text.jsonl").is_file():
        flagged_share(runner, "political_text.jsonl", "politics", grouped(corpus / "political_text.jsonl", political_group),
                      {"politics"}, out, "; r/conspiracy is not necessarily political")
    if (corpus / "spam_ham_sms.jsonl").is_file():
        flagged_share(runner, "spam_ham_sms.jsonl", "spam_sms",
                      grouped(corpus / "spam_ham_sms.jsonl", lambda r: f"SMS {r.get('label', '?')}"),
                      {"commercial", "spam"}, out, "; spam = recall, ham = false alarms")
    ai_groups = {}
    for name, label in (("ai_text.jsonl", "HC3 ChatGPT answers (ai)"), ("human_text.jsonl", "HC3 online doctors (human)"),
                        ("ai_dialog_genmedgpt.jsonl", "GenMedGPT role-play (ai, hard)")):
        if (corpus / name).is_file():
            ai_groups[label] = [text_post(r, i) for i, r in enumerate(read_jsonl(corpus / name))]
    if ai_groups:
        flagged_share(runner, "ai_text / human_text", "ai_text", ai_groups, {"ai-undisclosed"}, out,
                      "; ai = recall, human = false alarms")
    extras = [("advice_replies_naijamed.jsonl", "medical_advice", "health workers' replies", {"medical-advice"}),
              ("health_misinfo_reddit.jsonl", "misinformation", "Reddit health misinformation",
               {"unproven-treatment", "medical-advice"})]
    for name, key, label, cats in extras:
        if (corpus / name).is_file():
            flagged_share(runner, name, key, {label: [text_post(r, i) for i, r in enumerate(read_jsonl(corpus / name))]},
                          cats, out)

    print_targets(out)
    elapsed = time.perf_counter() - started
    out["checked_posts"] = runner.checked
    out["check_seconds"] = runner.seconds
    print(f"\nchecked {runner.checked} posts in {runner.seconds:.1f} s "
          f"({runner.checked / runner.seconds if runner.seconds else 0:.0f} posts/s); total {elapsed:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
