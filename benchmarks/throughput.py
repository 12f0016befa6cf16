"""Throughput benchmark for connectguard.

    python benchmarks/throughput.py            # full run
    python benchmarks/throughput.py --quick    # a few seconds
    python benchmarks/throughput.py --json out.json

Measures (and only reports; nothing here asserts on timings):

1. posts/second of ``Guard.default()`` on a realistic corpus: the ``*.jsonl``
   files of ``../shared/corpus/`` beside the repository when present (their
   ``title``/``body``/``text`` fields), else generated posts; single process
   versus ``check_many(workers=2)``.
2. the cost of a 50,000-term ``terms`` list relative to a 500-term list (goal:
   at most 1.5x), plus the time to compile (load) each.

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _setup import CORPUS_DIR  # noqa: E402 - also puts src/ on the path when needed

import connectguard

from connectguard import Guard, Post

# A small pack exercising every match kind, used only when Guard.default() fails
# or has no rules (e.g. before the built-in packs exist).
FALLBACK_PACK = """\
connectguard: 1
pack: bench-fallback
description: Representative rules for the throughput benchmark (not a real pack).
guidelines:
  4: {title: Be respectful}
  5: {title: Use clear titles}
  6: {title: No politics}
  7: {title: No solicitation}
  3: {title: Disclose AI-generated text}
rules:
  - id: bench.shouting
    category: shouting
    guideline: 4
    action: nudge
    match: {caps: 0.7, min_letters: 20}
    message: "Please do not write in capitals ({guideline.title})."
  - id: bench.politics
    category: politics
    guideline: 6
    action: hold
    match:
      terms: [election, elections, vote them out, democrat, democrats, republican, republicans,
              conservatives, labour party, tory, tories, parliament, congress, senator, president trump,
              obamacare, brexit, prime minister, campaign, ballot]
      mode: phrase
    message: "Please keep politics out: {match}"
  - id: bench.solicitation
    category: commercial
    guideline: 7
    action: hold
    match:
      terms: [buy now, discount code, promo code, order now, free trial, click here, limited offer,
              dm me for, whatsapp me, call now, text now, win a, cash prize]
      mode: phrase
    message: "Please do not advertise ({match})."
  - id: bench.price
    category: commercial
    guideline: 7
    action: flag
    match:
      pattern: '(?:\\$|£|€)\\s?\\d+(?:[.,]\\d{2})?'
      view: original
    message: "Prices usually mean a sale: {match}"
  - id: bench.fundraising
    category: fundraising
    guideline: 7
    action: hold
    match: {links: denied, deny: [gofundme.com, justgiving.com, kickstarter.com]}
    message: "Fundraising links are not allowed."
  - id: bench.many-links
    category: spam
    action: flag
    match: {metric: links, more_than: 3}
    message: "Too many links."
  - id: bench.short-title
    category: unclear-title
    guideline: 5
    action: nudge
    fields: title
    match: {metric: words, less_than: 3}
    message: "Please write a clearer title."
  - id: bench.ai-undisclosed
    category: ai-undisclosed
    guideline: 3
    action: flag
    match:
      all:
        - terms: ["as an ai language model", "i'm not a doctor, but", "it is important to consult",
                  "it's important to consult", "i hope this helps", "in conclusion"]
          mode: phrase
        - none:
            - terms: [chatgpt, generated with ai, ai generated, written by ai, i asked an ai]
              mode: phrase
      within: post
    message: "Please say when text was written with AI."
  - id: bench.medication-imperative
    category: medical-advice
    action: nudge
    mode: shadow
    match:
      pattern: '\\b(?:stop|start|double|increase|decrease) (?:taking|your) \\w+'
    unless:
      terms: [my doctor told me, my doctor said, my neurologist]
      mode: phrase
      within: sentence
      side: before
    message: "Please avoid telling others how to take medication."
"""

# Real words that occur in health text: included in BOTH scaling lists so both have hits.
REAL_WORDS = ["pain", "doctor", "medication", "insurance", "anxiety", "surgery", "vote", "blood",
              "sleep", "diet"]

GENERATED_SUBJECTS = ["Question about my {x}", "{x} after surgery", "Anyone else dealing with {x}?",
                      "HELP", "Side effects of {x}", "Vote for the new {x} policy"]
GENERATED_BODIES = [
    "I was diagnosed with {x} last year and my doctor started me on a new medication. "
    "The pain is better but I can't sleep. Has anyone had the same thing?",
    "BUY NOW at https://example.com/shop and get a discount code for {x} supplements!!!",
    "My mum has {x} and the insurance won't cover the MRI. We set up https://gofundme.com/f/help-mum",
    "As an AI language model I cannot diagnose {x}, but it is important to consult a professional. "
    "In conclusion, I hope this helps.",
    "The election is coming and the republicans want to cut funding for {x} research. Vote them out.",
    "Thank you all for the kind words. The {x} clinic was great and the nurses were lovely.",
]
CONDITIONS = ["diabetes", "migraine", "asthma", "epilepsy", "arthritis", "lupus", "COPD", "IBS"]


def load_corpus(directory: Path) -> list[Post]:
    """Every row of every ``*.jsonl`` in ``directory`` with some text, as posts."""
    posts: list[Post] = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                title = row.get("title") or ""
                body = row.get("body") or row.get("text") or ""
                if not isinstance(title, str) or not isinstance(body, str) or not (title or body):
                    continue
                posts.append(Post(id=f"{path.stem}:{number}", title=title, body=body))
    return posts


def generated_posts(count: int) -> list[Post]:
    rng = random.Random(7)
    posts = []
    for i in range(count):
        x = rng.choice(CONDITIONS)
        title = rng.choice(GENERATED_SUBJECTS).format(x=x) if rng.random() < 0.6 else ""
        body = " ".join(rng.choice(GENERATED_BODIES).format(x=x) for _ in range(rng.randint(1, 4)))
        posts.append(Post(id=f"gen:{i}", title=title, body=body))
    return posts


def pseudo_words(count: int, seed: int = 42) -> list[str]:
    """Deterministic pronounceable non-words (7-12 letters), unique."""
    rng = random.Random(seed)
    consonants, vowels = "bcdfghjklmnprstvwxz", "aeiou"
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < count:
        syllables = rng.randint(3, 5)
        word = "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))
        word += rng.choice(consonants) if rng.random() < 0.5 else ""
        if len(word) >= 7 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def terms_pack_yaml(terms: list[str]) -> str:
    items = "\n".join(f"        - {t}" for t in terms)
    return (
        "connectguard: 1\npack: bench-terms\nrules:\n"
        "  - id: bench.terms\n    category: spam\n    action: flag\n"
        f"    match:\n      terms:\n{items}\n"
        "    message: \"term {match}\"\n"
    )


def terms_file_pack_yaml() -> str:
    return (
        "connectguard: 1\npack: bench-terms-file\nrules:\n"
        "  - id: bench.terms\n    category: spam\n    action: flag\n"
        "    match:\n      terms: []\n      file: terms.txt\n"
        "    message: \"term {match}\"\n"
    )


# -- timing helpers ---------------------------------------------------------------

def time_pass(guard: Guard, posts: list[Post]) -> tuple[float, int]:
    """Seconds to check every post once (single process) and the number of violations."""
    found = 0
    check = guard.check
    gc.collect()
    start = time.perf_counter()
    for post in posts:
        found += len(check(post).violations)
    return time.perf_counter() - start, found


def time_rounds(guard: Guard, posts: list[Post], rounds: int) -> dict[str, float]:
    times = []
    found = 0
    for _ in range(rounds):
        seconds, found = time_pass(guard, posts)
        times.append(seconds)
    median = statistics.median(times)
    return {
        "rounds": rounds,
        "posts": len(posts),
        "median_seconds": median,
        "posts_per_second": len(posts) / median,
        "mean_us_per_post": statistics.mean(times) / len(posts) * 1e6,
        "min_us_per_post": min(times) / len(posts) * 1e6,
        "violations_per_pass": found,
    }


def time_check_many(guard: Guard, posts: list[Post], workers: int, rounds: int) -> dict[str, float]:
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        count = sum(1 for _ in guard.check_many(posts, workers=workers))
        times.append(time.perf_counter() - start)
        assert count == len(posts)  # correctness, not timing
    median = statistics.median(times)
    return {"workers": workers, "rounds": rounds, "median_seconds": median, "posts_per_second": len(posts) / median}


def default_guard() -> tuple[Guard, str, float]:
    """Guard.default(), else the fallback pack; returns the guard, a label and its load time."""
    start = time.perf_counter()
    try:
        guard = Guard.default()
        elapsed = time.perf_counter() - start
        if guard.rules:
            return guard, f"Guard.default() ({len(guard.rules)} rules)", elapsed
        reason = "Guard.default() has no rules"
    except Exception as exc:  # noqa: BLE001 - report whatever went wrong, then carry on
        reason = f"Guard.default() failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    start = time.perf_counter()
    guard = Guard.from_yaml(FALLBACK_PACK, "<bench-fallback>")
    elapsed = time.perf_counter() - start
    return guard, f"FALLBACK pack generated in code ({len(guard.rules)} rules) because {reason}", elapsed


def line(label: str, value: str) -> None:
    print(f"  {label:<48} {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run (subset of posts, fewer rounds)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--corpus", metavar="DIR", default=str(CORPUS_DIR), help="corpus directory (default: %(default)s)")
    parser.add_argument("--rounds", type=int, help="timed rounds per measurement (default 5, --quick 3)")
    args = parser.parse_args(argv)

    rounds = args.rounds or (3 if args.quick else 5)
    limit = 1500 if args.quick else None
    figures: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "connectguard": getattr(connectguard, "__version__", "?"),
        "quick": args.quick,
    }

    corpus_dir = Path(args.corpus)
    if corpus_dir.is_dir() and any(corpus_dir.glob("*.jsonl")):
        posts = load_corpus(corpus_dir)
        source = f"{corpus_dir} ({len(posts)} posts from {len(list(corpus_dir.glob('*.jsonl')))} files)"
    else:
        posts = generated_posts(3000)
        source = f"generated posts ({len(posts)}; no corpus at {corpus_dir})"
    if limit:
        rng = random.Random(1)
        posts = rng.sample(posts, min(limit, len(posts)))
    chars = sum(len(p.title) + len(p.body) for p in posts)
    figures["corpus"] = {"source": source, "posts": len(posts), "mean_chars": chars / len(posts)}

    print("connectguard throughput benchmark")
    line("python / cpus", f"{platform.python_version()} / {os.cpu_count()}")
    line("corpus", source)
    line("posts timed / mean characters", f"{len(posts)} / {chars / len(posts):.0f}")

    # -- 1. the default pack ------------------------------------------------------
    guard, label, load_seconds = default_guard()
    print(f"\n[1] {label}")
    line("load time", f"{load_seconds * 1000:.1f} ms")
    time_pass(guard, posts[: min(300, len(posts))])  # warm-up (caches, lazy compiles)
    single = time_rounds(guard, posts, rounds)
    line("single process: median posts/s", f"{single['posts_per_second']:.0f}")
    line("single process: mean µs/post (min)", f"{single['mean_us_per_post']:.0f} ({single['min_us_per_post']:.0f})")
    line("violations per pass", f"{single['violations_per_pass']}")
    many_rounds = max(1, rounds // 2 + 1) if not args.quick else 1
    seq = time_check_many(guard, posts, 1, many_rounds)
    par = time_check_many(guard, posts, 2, many_rounds)
    line("check_many(workers=1): posts/s", f"{seq['posts_per_second']:.0f}")
    line("check_many(workers=2): posts/s", f"{par['posts_per_second']:.0f}  (incl. pool start-up)")
    line("workers=2 speed-up over workers=1", f"{par['posts_per_second'] / seq['posts_per_second']:.2f}x")
    figures["default_pack"] = {"label": label, "rules": len(guard.rules), "load_seconds": load_seconds,
                               "single": single, "check_many_1": seq, "check_many_2": par}

    # -- 2. terms list scaling ----------------------------------------------------
    big = pseudo_words(50_000)
    lists = {500: REAL_WORDS + big[: 500 - len(REAL_WORDS)], 50_000: REAL_WORDS + big[: 50_000 - len(REAL_WORDS)]}
    print("\n[2] terms list of 50,000 vs 500 terms (one rule each, same posts)")
    scaling: dict[str, Any] = {}
    guards = {}
    for size, terms in lists.items():
        text = terms_pack_yaml(terms)
        start = time.perf_counter()
        guards[size] = Guard.from_yaml(text, f"<terms-{size}>")
        load = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "terms.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
            Path(tmp, "pack.yaml").write_text(terms_file_pack_yaml(), encoding="utf-8")
            start = time.perf_counter()
            Guard.from_paths(tmp)
            file_load = time.perf_counter() - start
        scaling[str(size)] = {"terms": len(terms), "from_yaml_seconds": load, "terms_file_seconds": file_load}
        line(f"{size:>6} terms: compile via from_yaml (inline)", f"{load * 1000:.1f} ms")
        line(f"{size:>6} terms: compile via from_paths (file:)", f"{file_load * 1000:.1f} ms")
    for size, g in guards.items():
        time_pass(g, posts[: min(300, len(posts))])
    # interleave the rounds so drift (thermal, other load) hits both lists alike
    results: dict[int, list[float]] = {size: [] for size in guards}
    hits: dict[int, int] = {}
    for _ in range(rounds):
        for size, g in guards.items():
            seconds, hits[size] = time_pass(g, posts)
            results[size].append(seconds)
    for size in guards:
        median = statistics.median(results[size])
        entry = scaling[str(size)]
        entry.update({"median_seconds": median, "posts_per_second": len(posts) / median,
                      "mean_us_per_post": statistics.mean(results[size]) / len(posts) * 1e6, "hits": hits[size]})
        line(f"{size:>6} terms: median posts/s", f"{entry['posts_per_second']:.0f}  "
             f"({entry['mean_us_per_post']:.0f} µs/post, {hits[size]} hits)")
    ratio = statistics.median(results[50_000]) / statistics.median(results[500])
    scaling["ratio_50000_over_500"] = ratio
    line("time ratio 50,000 / 500", f"{ratio:.2f}x  (goal <= 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
    figures["terms_scaling"] = scaling

    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
