"""Where an article's registry and reports live: one place per article, wherever the command is run from.

The project root is the folder holding ``factcheck.toml``, found upwards from the article (as ruff finds
``pyproject.toml`` from the file it checks); without one, the working folder (or, for an article outside it, the
article's own folder). An article is keyed by its path relative to that root (``wire/a/story.txt``), and the
key is stored in the registry as ``article.path``. Registries and reports mirror the key below ``claims/`` and
``reports/`` at the root (``[paths]`` in factcheck.toml may move them), so ``wire/a/story.txt``,
``wire/b/story.txt`` and ``story.md`` never share a registry:

    story.txt           → claims/story.yaml            reports/story.md
    story.md            → claims/story.md.yaml         reports/story.md.md
    wire/a/story.txt    → claims/wire/a/story.yaml     reports/wire/a/story.md

Only ``.txt`` is dropped from the name (the usual article suffix); any other suffix stays. With ``[paths]
articles = "seeds"`` the mirror starts below that folder: ``seeds/x.txt`` → ``claims/x.yaml``. Two articles
that still map to one file (``seeds/a.txt`` and ``a.txt`` with that setting) are caught by ``article.path``:
a registry naming another article is never merged into.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from factcheck.config import Config, absolute, find_config, load_config, working_folder
from factcheck.errors import RegistryError


@dataclass(frozen=True)
class Project:
    """The project an article or registry belongs to: its root folder and its settings."""

    root: Path
    config: Config

    @property
    def claims(self) -> Path:
        return self.root / self.config.claims_dir

    @property
    def reports(self) -> Path:
        return self.root / self.config.reports_dir


def project_of(path: Path | str) -> Project:
    """The project holding ``path`` (an article or a registry file, which need not exist yet)."""
    where = absolute(path)
    config_path = find_config(where.parent)
    cwd = working_folder()
    if config_path is not None:
        return Project(_shown(config_path.parent, cwd), load_config(config_path))
    return Project(_shown(cwd if where.is_relative_to(cwd) else where.parent, cwd), Config())


def _shown(folder: Path, cwd: Path) -> Path:
    """A folder as messages show it: relative to the working folder when inside it (``claims/x.yaml``)."""
    return folder.relative_to(cwd) if folder.is_relative_to(cwd) else folder


def article_key(article: Path | str, project: Project) -> str:
    """The article's path relative to the project root, with forward slashes: its key and ``article.path``."""
    return absolute(article).relative_to(absolute(project.root)).as_posix()


def mirror_name(key: str, config: Config) -> PurePosixPath:
    """The relative name an article's registry and reports take (without suffix): see the module's table."""
    path = PurePosixPath(key)
    if config.articles_dir:
        base = PurePosixPath(PurePosixPath(config.articles_dir).as_posix().strip("/"))
        if path.is_relative_to(base):
            path = path.relative_to(base)
    return path.with_suffix("") if path.suffix == ".txt" else path


def registry_file(key: str, project: Project, claims_dir: Path | None = None) -> Path:
    return (claims_dir if claims_dir is not None else project.claims) / f"{mirror_name(key, project.config)}.yaml"


def report_file(key: str, project: Project, reports_dir: Path | None = None, suffix: str = ".md") -> Path:
    return (reports_dir if reports_dir is not None else project.reports) / f"{mirror_name(key, project.config)}{suffix}"


def report_for_registry(
    registry_path: Path | str, key: str, reports_dir: Path | None = None, suffix: str = ".md"
) -> Path:
    """Where ``report`` writes a registry's report: named as the registry is below claims/ (claims/wire/a.yaml →
    reports/wire/a.md), so a report always sits beside its registry's twin; a registry kept elsewhere is named
    from its article's key."""
    project = project_of(registry_path)
    where = absolute(registry_path)
    claims = absolute(project.claims)
    folder = reports_dir if reports_dir is not None else project.reports
    if where.is_relative_to(claims) and where.suffix in (".yaml", ".yml"):
        return folder / f"{where.relative_to(claims).with_suffix('').as_posix()}{suffix}"
    return report_file(key, project, folder, suffix)


def check_owner(stored_path: str, key: str, registry: Path) -> None:
    """Refuse to merge into a registry that holds another article's review (exit 2, nothing written)."""
    if stored_path != key:
        raise RegistryError(
            f"holds the review of {stored_path}, not of {key}; nothing was written. If {key} is that article moved "
            f"or renamed, set `article: path: {key}` in the registry; otherwise give it its own registry "
            "(--claims-dir)",
            path=registry,
        )


def article_file(registry_path: Path | str, stored_path: str) -> Path | None:
    """Where a registry's article is on disk: its ``article.path`` under the registry's project root (else under
    the working folder, else as written); None when it is in none of them."""
    stored = Path(stored_path)
    candidates = (
        [stored] if stored.is_absolute() else [project_of(registry_path).root / stored, working_folder() / stored]
    )
    return next((c for c in candidates if c.is_file()), None)
