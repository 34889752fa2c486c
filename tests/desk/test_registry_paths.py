"""Issue 16 (3)+(4): one registry per article, keyed by its path relative to the project root (the folder holding
factcheck.toml, found upwards from the article); claims/ and reports/ live at that root."""

from __future__ import annotations

from factcheck.registry.yaml_io import load_registry

from .conftest import ARTICLE, run


def _article(desk, rel: str, text: str = ARTICLE):
    path = desk / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_same_file_name_in_two_folders_gets_two_registries(desk):
    _article(desk, "wire/a/story.txt")
    _article(desk, "wire/b/story.txt", ARTICLE.replace("3 billion", "4 billion"))
    assert run("review", "wire/a/story.txt").exit_code in (0, 1)
    a = desk / "claims" / "wire" / "a" / "story.yaml"
    before = a.read_bytes()
    result = run("review", "wire/b/story.txt")
    assert result.exit_code in (0, 1), result.output
    assert a.read_bytes() == before
    b, _ = load_registry(desk / "claims" / "wire" / "b" / "story.yaml")
    assert b.article.path == "wire/b/story.txt"
    assert (desk / "reports" / "wire" / "a" / "story.md").is_file()
    assert (desk / "reports" / "wire" / "b" / "story.md").is_file()


def test_txt_and_md_of_the_same_name_do_not_collide(desk):
    _article(desk, "story.md", ARTICLE.replace("3 billion", "5 billion"))
    assert run("review", "story.txt").exit_code in (0, 1)
    assert run("review", "story.md").exit_code in (0, 1)
    txt, _ = load_registry(desk / "claims" / "story.yaml")
    md, _ = load_registry(desk / "claims" / "story.md.yaml")
    assert (txt.article.path, md.article.path) == ("story.txt", "story.md")


def test_review_from_a_subfolder_uses_the_project_registry(desk, monkeypatch):
    _article(desk, "wire/story.txt")
    assert run("review", "wire/story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "wire" / "story.yaml"
    before = registry.read_text(encoding="utf-8")
    monkeypatch.chdir(desk / "wire")
    result = run("review", "story.txt")
    assert result.exit_code in (0, 1), result.output
    assert not (desk / "wire" / "claims").exists()
    assert registry.read_text(encoding="utf-8") == before
    assert "merged: kept" in result.output


def test_a_registry_of_another_article_is_never_merged_into(desk):
    assert run("review", "story.txt").exit_code in (0, 1)
    registry = desk / "claims" / "story.yaml"
    text = registry.read_text(encoding="utf-8").replace("path: story.txt", "path: elsewhere/story.txt")
    registry.write_text(text, encoding="utf-8")
    result = run("review", "story.txt")
    assert result.exit_code == 2
    assert "elsewhere/story.txt" in result.output and "story.txt" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert registry.read_text(encoding="utf-8") == text


def test_articles_folder_setting_keeps_registries_flat(desk):
    (desk / "factcheck.toml").write_text('[paths]\narticles = "seeds"\n')
    _article(desk, "seeds/summit.txt")
    assert run("review", "seeds/summit.txt").exit_code in (0, 1)
    registry, _ = load_registry(desk / "claims" / "summit.yaml")
    assert registry.article.path == "seeds/summit.txt"
    out = run("report", "claims/summit.yaml", "--format", "html")
    assert out.exit_code == 0, out.output
    assert (desk / "reports" / "summit.html").is_file()


def test_one_project_finder_keeps_symlinked_folders_as_written(desk, tmp_path_factory):
    """The project of a path reached through a symlinked folder is the one the path names (as ruff finds
    pyproject.toml): the registry, the settings and the desk memory agree on it."""
    from factcheck.config import find_config
    from factcheck.memory.store import project_root
    from factcheck.registry.location import project_of

    shared = tmp_path_factory.mktemp("shared")  # outside the project, no factcheck.toml above it
    _article(shared, "story.txt")
    (desk / "feeds").symlink_to(shared, target_is_directory=True)
    assert find_config(desk / "feeds") == desk / "factcheck.toml"
    assert project_root(desk / "feeds") == desk
    assert project_of(desk / "feeds" / "story.txt").config.desk_name == "Test Desk"
    assert run("review", "feeds/story.txt").exit_code == 1
    assert load_registry(desk / "claims" / "feeds" / "story.yaml")[0].article.path == "feeds/story.txt"


def test_factcheck_toml_is_read_once_per_reviewed_article(desk, monkeypatch):
    import tomllib

    reads = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text, **kw: reads.append(text) or real(text, **kw))
    _article(desk, "two.txt")
    _article(desk, "three.txt")
    run("review", "story.txt")
    one = len(reads)
    reads.clear()
    run("review", "story.txt", "two.txt", "three.txt")
    assert len(reads) - one == 2  # each further article: one read (the run's own reads happen once)


def test_a_working_folder_entered_through_a_symlink_is_the_one_the_shell_names(desk, tmp_path_factory, monkeypatch):
    """`cd feeds` (a symlink to a shared folder) then `factcheck review story.txt`: the desk's project, as for
    `factcheck review feeds/story.txt` from the desk ($PWD keeps the link; the OS's working folder does not)."""
    shared = tmp_path_factory.mktemp("shared")
    _article(shared, "story.txt")
    (desk / "feeds").symlink_to(shared, target_is_directory=True)
    monkeypatch.chdir(desk / "feeds")
    monkeypatch.setenv("PWD", str(desk / "feeds"))
    result = run("review", "story.txt")
    assert result.exit_code == 1, result.output
    assert f"registry: {desk / 'claims' / 'feeds' / 'story.yaml'}" in result.output
    assert not (shared / "claims").exists()
    assert load_registry(desk / "claims" / "feeds" / "story.yaml")[0].article.path == "feeds/story.txt"
    monkeypatch.setenv("PWD", str(desk))  # a stale $PWD (not the folder we are in) is not trusted
    from factcheck.config import working_folder

    assert working_folder() == shared.resolve()
