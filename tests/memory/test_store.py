import os

from factcheck import api
from factcheck.memory import open_memory, sync_memory

from .conftest import record_verdict

TEXT = "Grain\n\nKazakhstan exported 12 million tonnes of wheat in 2023.\n"


def _article(project, name, text=TEXT):
    (project / f"{name}.txt").write_text(text, encoding="utf-8")
    api.review(f"{name}.txt", memory=None)


def test_sync_rereads_only_the_registries_that_changed(project):
    _article(project, "a")
    _article(project, "b", "Rail\n\nA rail link between Tashkent and Almaty opened in October 2023.\n")
    first = sync_memory(project)
    assert (first.registries, first.reread, first.records, first.rebuilt) == (2, 2, 0, False)
    assert not (project / ".factcheck").exists()  # no verdict, nothing imported: no memory written

    record_verdict(project / "claims" / "a.yaml", "wheat", "inaccurate")
    second = sync_memory(project)  # the first sync that writes: every registry read once
    assert (second.reread, second.records, second.rebuilt) == (2, 1, True)

    record_verdict(project / "claims" / "a.yaml", "wheat", "misleading")
    changed = sync_memory(project)
    assert (changed.reread, changed.records, changed.rebuilt) == (1, 1, True)

    third = sync_memory(project)
    assert (third.reread, third.rebuilt) == (0, False)

    registry = project / "claims" / "b.yaml"
    os.utime(registry, ns=(registry.stat().st_atime_ns, registry.stat().st_mtime_ns + 10**9))
    touched = sync_memory(project)  # newer mtime, same bytes: hashed, not re-read, no rebuild
    assert (touched.reread, touched.rebuilt) == (0, False)

    registry.unlink()
    gone = sync_memory(project)
    assert (gone.registries, gone.records, gone.rebuilt) == (1, 1, True)


def test_a_verdict_taken_back_empties_the_memory(project):
    _article(project, "a")
    record_verdict(project / "claims" / "a.yaml", "wheat", "inaccurate")
    assert len(open_memory(project)) == 1
    record_verdict(project / "claims" / "a.yaml", "wheat", "unreviewed")
    assert open_memory(project) is None


def test_a_registry_that_does_not_load_gives_no_records(project):
    _article(project, "a")
    record_verdict(project / "claims" / "a.yaml", "wheat", "inaccurate")
    (project / "claims" / "broken.yaml").write_text("claims: [\n  status: inaccurate\n", encoding="utf-8")
    memory = open_memory(project)
    assert len(memory) == 1
