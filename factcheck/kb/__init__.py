"""factcheck knowledge base: countries, offices, terms of office, people, organisations.

>>> from factcheck.kb import default_kb
>>> kb = default_kb()
>>> kb.resolve_office("PM", "JP").id
'JP.prime-minister'
"""

from .desk import DeskError, DeskProblem, load_desk_file, load_desk_files
from .model import Country, Fact, Office, Organisation, Person, Term
from .names import normalise
from .store import KnowledgeBase, default_kb, load_kb

__all__ = [
    "Country",
    "DeskError",
    "DeskProblem",
    "Fact",
    "KnowledgeBase",
    "Office",
    "Organisation",
    "Person",
    "Term",
    "default_kb",
    "load_desk_file",
    "load_desk_files",
    "load_kb",
    "normalise",
]
