"""Reading and writing the desk's files safely: bounded reads, atomic writes that behave like an editor's save.

- ``read_bounded`` never reads more than a limit, whatever the file is (a device, a FIFO, standard input).
- ``write_atomic`` writes a temporary file beside the target, fsyncs it and renames it over the target, so a
  reader sees the old file or the new one, never half of one. It keeps the replaced file's permission bits (a
  new file gets ``0666 & ~umask``, as ``open()`` would give it), writes through a symlink to its target (a
  registry shared by a link stays shared), and refuses a file or folder without write permission.
- ``check_writable`` is that refusal on its own, so a command can check every output before writing any.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import FactcheckError

UNCHECKED = object()  # write_atomic's default: replace whatever is there


def read_bounded(path: Path | str, limit: int, *, what: str = "file") -> bytes:
    """The bytes of ``path``, refusing (FactcheckError) anything longer than ``limit`` without reading it all."""
    path = Path(path)
    if path.is_dir():
        raise FactcheckError(f"is a folder, not a {what} file", path=path)
    with open(path, "rb") as handle:
        return read_stream(handle, limit, where=str(path), what=what)


def read_stream(handle: BinaryIO, limit: int, *, where: str, what: str = "file") -> bytes:
    """At most ``limit`` bytes from an open binary stream; FactcheckError if there are more."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise FactcheckError(
            f"is longer than the {limit // 2**20} MB a {what} may have (a device or endless stream?); "
            "give a regular file",
            path=where,
        )
    return data


def _target(path: Path) -> Path:
    """The file a write to ``path`` lands in: the end of its symlink chain."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def check_writable(path: Path | str) -> None:
    """Refuse (FactcheckError, naming the fix) to replace a read-only file or write into a read-only folder.

    Judged by the permission bits, not ``os.access``: a read-only file is the desk saying "do not touch",
    even for root."""
    target = _target(Path(path))
    if target.exists():
        if not target.stat().st_mode & stat.S_IWUSR:
            raise FactcheckError(
                "is read-only; nothing was written (make it writable with chmod u+w to let factcheck update it)",
                path=target,
            )
        folder = target.parent
    else:
        folder = target.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
    if folder.exists() and (
        not folder.is_dir() or not folder.stat().st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK | os.X_OK)
    ):
        raise FactcheckError("folder is not writable; nothing was written", path=folder)


def write_atomic(path: Path | str, content: str, *, expected: bytes | None | object = UNCHECKED) -> None:
    """Write via a temporary file in the same folder, fsync, rename: a reader never sees half a file.

    With ``expected`` (the bytes read earlier, or None for "did not exist"), refuse to replace a file
    that changed on disk in the meantime (another editor, a git pull).
    """
    from factcheck.errors import RegistryError

    path = Path(path)
    check_writable(path)
    target = _target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if expected is not UNCHECKED:
            current = target.read_bytes() if target.exists() else None
            if current != expected:
                raise RegistryError(
                    "changed on disk since factcheck read it (another editor, a git pull?); nothing was written. "
                    "Run the command again to merge into the new version",
                    path=path,
                )
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
