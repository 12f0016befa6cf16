"""Smoke tests of the CI examples: the GitHub workflow, the pre-commit hooks, and their docs.

The workflow's own ``run:`` scripts are executed with bash, as the runner does, in a
copy of some content; only the install step is skipped (a ``connectguard`` on PATH
runs this checkout). The pre-commit hooks are run as pre-commit would run them: the
hook's ``entry`` plus its ``args`` plus the files its ``files``/``exclude`` select.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, run_cli

WORKFLOW = REPO / "examples" / "github" / "connectguard.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
PRE_COMMIT_CONFIG = REPO / "examples" / "pre-commit-config.yaml"
INTEGRATIONS = REPO / "docs" / "integrations.md"
WELCOME = REPO / "tests" / "fixtures" / "ci" / "content" / "welcome.md"  # a phone number and "vote them out"
RAW_PHONE = "555-123-4567"


# -- the GitHub workflow ----------------------------------------------------------------

def workflow() -> dict[Any, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def steps() -> list[dict[str, Any]]:
    jobs = workflow()["jobs"]
    assert len(jobs) == 1
    return list(next(iter(jobs.values()))["steps"])


def check_step() -> dict[str, Any]:
    found = [step for step in steps() if "connectguard check" in step.get("run", "")]
    assert len(found) == 1
    return found[0]


def is_install(step: dict[str, Any]) -> bool:
    return "pip install" in step.get("run", "")


def run_workflow(workspace: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run every ``run:`` step but the install one, in ``workspace``; returns the check and the summary file."""
    shim = workspace.parent / "bin"
    shim.mkdir(exist_ok=True)
    program = shim / "connectguard"
    program.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m connectguard "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    summary = workspace.parent / "step-summary.md"
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_ACTIONS": "true", "PYTHONPATH": str(REPO / "src")}
    results = []
    for step in steps():
        if "run" not in step or is_install(step):
            continue
        # GitHub's default shell for `run:` on Linux.
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workspace, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert "Traceback" not in proc.stderr, proc.stderr
        results.append(proc)
    assert len(results) == 1  # the check is the only command besides the install
    return results[0], summary


def content_copy(tmp_path: Path, *files: Path) -> Path:
    workspace = tmp_path / "repo"
    (workspace / "content").mkdir(parents=True)
    for file in files:
        shutil.copy(file, workspace / "content" / file.name)
    return workspace


def test_the_workflow_uploads_sarif_always_and_fails_on_the_check() -> None:
    flow = workflow()
    assert flow["permissions"]["security-events"] == "write"
    names = [step.get("uses", step.get("name", "")) for step in steps()]
    check = check_step()
    assert "continue-on-error" not in check  # its exit code fails the job
    install = next(i for i, step in enumerate(steps()) if is_install(step))
    assert install < steps().index(check)
    upload = next(step for step in steps() if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert steps().index(upload) > steps().index(check)
    assert "always()" in upload["if"]
    sarif_path = re.search(r"--report sarif=(\S+)", check["run"])
    assert sarif_path and upload["with"]["sarif_file"] == sarif_path.group(1)
    assert upload["with"]["sarif_file"] in upload["if"]  # hashFiles(): skipped when no log was written
    assert '--report markdown="$GITHUB_STEP_SUMMARY"' in check["run"]
    assert "--format github" in check["run"]
    assert any(name.startswith("actions/checkout@") for name in names)


def test_the_workflow_check_writes_annotations_sarif_and_summary(tmp_path: Path) -> None:
    workspace = content_copy(tmp_path, WELCOME, REPO / "examples" / "problem-posts.jsonl",
                             REPO / "examples" / "seed-posts.jsonl")
    proc, summary = run_workflow(workspace)
    assert proc.returncode == 1, proc.stderr  # problem posts are held: the job fails

    lines = proc.stdout.splitlines()
    assert ("::error file=content/welcome.md,line=3,col=35,endLine=3,endColumn=48,"
            "title=connectguard politics.campaign (hold)::") in proc.stdout
    assert any(line.startswith("::warning file=content/welcome.md,line=6,") and "privacy.phone (edit)" in line
               for line in lines)
    assert any(line.startswith("::notice file=content/seed-posts.jsonl,") for line in lines)
    assert lines[-1].startswith("Found ")

    log = json.loads((workspace / "connectguard.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"content/welcome.md", "content/problem-posts.jsonl", "content/seed-posts.jsonl"}
    assert {"error", "warning", "note"} <= {r["level"] for r in results}

    page = summary.read_text(encoding="utf-8")
    assert page.startswith("## connectguard")
    assert "`content/welcome.md:3:35`" in page and "politics.campaign" in page
    for output in (proc.stdout, json.dumps(log), page):
        assert RAW_PHONE not in output  # personal data is masked in every report


# -- pre-commit -------------------------------------------------------------------------

GOOD_PACK = """\
connectguard: 1
pack: site
guidelines:
  7: {title: Avoid commercial postings and solicitations}
rules:
  - id: site.discount
    category: commercial
    guideline: 7
    action: hold
    match: {terms: [discount code], mode: phrase}
    message: 'Please remove "{match}": Connect does not allow promotions.'
    examples:
      match: ["Use my discount code at checkout"]
      no_match: ["The pharmacy had no discount for me"]
"""
BAD_PACK = GOOD_PACK.replace("    message:", "    mesage:")
CLEAN_POST = "---\ntitle: Still tired after starting levothyroxine\n---\n\nHas anyone else felt this way?\n"
VIOLATING_POST = "---\ntitle: Election news\n---\n\nWe need to vote them out in November.\n"


def hook_defaults() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def example_hooks() -> dict[str, dict[str, Any]]:
    """The hooks as examples/pre-commit-config.yaml configures them (its keys override the defaults)."""
    config = yaml.safe_load(PRE_COMMIT_CONFIG.read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    defaults = hook_defaults()
    return {hook["id"]: {**defaults[hook["id"]], **hook} for hook in repo["hooks"]}


def selects(hook: dict[str, Any], path: str) -> bool:
    """pre-commit's filter: ``files`` and ``exclude`` are searched in the repository-relative path."""
    return bool(re.search(hook.get("files", ""), path)) and not re.search(hook.get("exclude", "^$"), path)


def run_hook(hook: dict[str, Any], files: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit runs: ``entry`` + ``args`` + the selected file names."""
    entry = shlex.split(hook["entry"])
    assert entry[0] == "connectguard"
    assert all(selects(hook, name) for name in files)
    return run_cli(*entry[1:], *hook.get("args", []), *files, cwd=cwd)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repository: two posts, a good and a broken pack, and files no hook should read."""
    files = {
        "content/clean.md": CLEAN_POST,
        "content/election.md": VIOLATING_POST,
        "moderation/packs/site.yaml": GOOD_PACK,
        "moderation/packs/broken.yaml": BAD_PACK,
        ".github/workflows/ci.yml": "name: ci\non: [push]\n",
        "package.json": '{"name": "forum"}\n',
        "README.md": "# Our forum\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_hooks_are_declared_as_pre_commit_expects() -> None:
    hooks = hook_defaults()
    assert set(hooks) == {"connectguard", "connectguard-rules"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is True
        assert {"id", "name", "entry", "language"} <= set(hook)
    assert hooks["connectguard"]["entry"] == "connectguard check"
    assert hooks["connectguard-rules"]["entry"] == "connectguard rules validate"


@pytest.mark.parametrize(("hook_id", "path", "selected"), [
    ("connectguard", "content/welcome.md", True),
    ("connectguard", "posts.jsonl", True),
    ("connectguard", "faq/answers.yml", True),
    ("connectguard", "notes.txt", True),
    ("connectguard", "src/app.py", False),
    ("connectguard", "rules/advice.yaml", False),          # packs are not posts
    ("connectguard", "moderation/packs/site.yml", False),
    ("connectguard", ".github/workflows/ci.yml", False),
    ("connectguard", ".pre-commit-config.yaml", False),
    ("connectguard-rules", "rules/advice.yaml", True),
    ("connectguard-rules", "moderation/packs/site.yml", True),
    ("connectguard-rules", "rules/lexicons/conditions.txt", False),
    ("connectguard-rules", "content/posts.yaml", False),
])
def test_the_default_file_patterns(hook_id: str, path: str, selected: bool) -> None:
    assert selects(hook_defaults()[hook_id], path) is selected


def test_the_example_config_narrows_each_hook_to_its_folder(repo: Path) -> None:
    hooks = example_hooks()
    assert set(hooks) == set(hook_defaults())
    every = sorted(str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file())
    assert [f for f in every if selects(hooks["connectguard"], f)] == ["content/clean.md", "content/election.md"]
    assert [f for f in every if selects(hooks["connectguard-rules"], f)] == [
        "moderation/packs/broken.yaml", "moderation/packs/site.yaml"]


def test_the_check_hook_passes_clean_posts_and_fails_violations(repo: Path) -> None:
    hook = example_hooks()["connectguard"]
    clean = run_hook(hook, ["content/clean.md"], repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    failing = run_hook(hook, ["content/election.md"], repo)
    assert failing.returncode == 1
    assert "content/election.md:5:" in failing.stdout and "politics.campaign" in failing.stdout


def test_the_rules_hook_accepts_a_good_pack_and_rejects_a_bad_one(repo: Path) -> None:
    hook = example_hooks()["connectguard-rules"]
    good = run_hook(hook, ["moderation/packs/site.yaml"], repo)
    assert good.returncode == 0, good.stderr
    assert "in 1 pack OK" in good.stdout
    bad = run_hook(hook, ["moderation/packs/broken.yaml"], repo)
    assert bad.returncode == 2
    assert "moderation/packs/broken.yaml:" in bad.stderr and "did you mean 'message'" in bad.stderr


def test_the_rules_hook_passes_on_this_repositorys_packs() -> None:
    hook = hook_defaults()["connectguard-rules"]
    packs = sorted(str(p.relative_to(REPO)) for p in (REPO / "rules").rglob("*") if p.is_file())
    selected = [p for p in packs if selects(hook, p)]
    assert selected and all(p.endswith(".yaml") for p in selected)
    proc = run_hook(hook, selected, REPO)
    assert proc.returncode == 0, proc.stderr


# -- the integration guide shows these files as they are --------------------------------

@pytest.mark.parametrize("path", [WORKFLOW, PRE_COMMIT_CONFIG])
def test_the_guide_shows_the_example_file_verbatim(path: Path) -> None:
    guide = INTEGRATIONS.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, flags=re.DOTALL)
    assert path.read_text(encoding="utf-8") in blocks, f"docs/integrations.md must show {path.name} in full"
