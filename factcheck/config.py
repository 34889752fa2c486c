"""The project's settings file, ``factcheck.toml``: who the desk is and how reports are published.

    [desk]
    name = "Example Fact-Check Desk"
    url = "https://factcheck.example.org/"

    [report]
    base_url = "https://factcheck.example.org/reports/"   # where published reports live (ClaimReview urls)
    html = false                                           # `factcheck review` also writes the HTML report

Found in the current folder or the nearest parent (like ruff's ``ruff.toml``); every key is optional.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError

CONFIG_NAME = "factcheck.toml"


class ConfigError(FactcheckError):
    """factcheck.toml cannot be read or has a value of the wrong type."""


@dataclass(frozen=True)
class Config:
    desk_name: str = "factcheck"
    desk_url: str | None = None
    report_base_url: str | None = None
    review_html: bool = False
    path: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest factcheck.toml at or above ``start`` (default: the current folder)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def _get(table: dict, key: str, kind: type, path: Path, section: str):
    value = table.get(key)
    if value is not None and not isinstance(value, kind):
        raise ConfigError(f"{path}: [{section}] {key} must be a {kind.__name__}, not {value!r}")
    return value


def load_config(path: Path | None = None) -> Config:
    """Settings from ``path``, else from the nearest factcheck.toml, else the defaults."""
    path = path or find_config()
    if path is None:
        return Config()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    desk = data.get("desk", {})
    report = data.get("report", {})
    defaults = Config()
    return Config(
        desk_name=_get(desk, "name", str, path, "desk") or defaults.desk_name,
        desk_url=_get(desk, "url", str, path, "desk"),
        report_base_url=_get(report, "base_url", str, path, "report"),
        review_html=bool(_get(report, "html", bool, path, "report")),
        path=Path(path),
    )
