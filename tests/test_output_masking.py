"""Every output format, old and new, masks personal data by default and shows it only with ``show_pii``."""

from __future__ import annotations

import pytest
from ci_support import PACK, ROOT, content, render_report

from connectguard import Guard
from connectguard.output import FORMATS

PHONES = ("555-123-4567", "555-987-6543")


def render(fmt: str, show_pii: bool, path: str) -> str:
    return render_report(fmt, [str(ROOT / path)], Guard.from_paths(ROOT / PACK), show_pii=show_pii, excerpt=True)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["welcome.md", "posts.yaml", "posts.jsonl"])
def test_every_format_masks_unless_show_pii(fmt: str, name: str) -> None:
    masked = render(fmt, False, content(name))
    assert not any(phone in masked for phone in PHONES)
    assert "555-***-**" in masked
    shown = render(fmt, True, content(name))
    assert any(phone in shown for phone in PHONES)
