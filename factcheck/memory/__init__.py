"""The desk memory: every verdict the desk recorded in its registries and every public fact-check it imported,
searched for each new claim (BM25 with stemming, then re-ranked by the evidence both claims carry)."""

from factcheck.memory.model import Evidence, Match, MemoryRecord, Origin, Verdict
from factcheck.memory.store import Memory, import_records, memory_size, open_memory, project_root, sync_memory

__all__ = [
    "Evidence",
    "Match",
    "Memory",
    "MemoryRecord",
    "Origin",
    "Verdict",
    "import_records",
    "memory_size",
    "open_memory",
    "project_root",
    "sync_memory",
]
