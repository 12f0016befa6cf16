"""Data files a pack reads from its own folder (terms lists, lexicons, the guidelines table)."""

from __future__ import annotations

from pathlib import Path

#: Largest data file (terms, allow-lists, guidelines) a pack may reference.
MAX_PACK_FILE_BYTES = 16 * 1024 * 1024


class PackFileError(ValueError):
    """A pack's data file is missing, unreadable, too large or outside the pack's folder."""


def read_pack_file(pack_dir: Path | None, name: str, what: str = "data file") -> str:
    """The text of ``name`` inside ``pack_dir``; a pack can never read a file outside its folder."""
    if pack_dir is None:
        raise PackFileError(f"a {what} needs a pack read from disk")
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise PackFileError(f"{name!r} must be a path inside the pack's folder")
    path = pack_dir / relative
    try:
        if path.stat().st_size > MAX_PACK_FILE_BYTES:
            raise PackFileError(f"{name!r} is larger than {MAX_PACK_FILE_BYTES} bytes")
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackFileError(f"cannot read {what} {name!r}: {exc}") from None


def list_entries(text: str) -> list[str]:
    """One entry per line; blank lines and lines starting with ``#`` are skipped."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
