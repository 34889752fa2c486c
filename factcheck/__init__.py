"""factcheck: find every checkable claim in a news article and flag what an expert fact-checker would flag.

Python API (the same operations as the CLI)::

    import factcheck
    registry = factcheck.analyse(factcheck.load_article("seeds/japan-central-asia-summit.txt"))
    result = factcheck.review("seeds/japan-central-asia-summit.txt")   # also writes claims/ and reports/
    markdown = factcheck.report("claims/japan-central-asia-summit.yaml")
"""

from factcheck.api import analyse, registry_json, report, review
from factcheck.article import Article, article_from_text, load_article
from factcheck.errors import ArticleError, FactcheckError, RegistryError
from factcheck.models import Claim, Flag, Mention, Registry, Severity
from factcheck.registry.yaml_io import dump_registry, load_registry

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleError",
    "Claim",
    "FactcheckError",
    "Flag",
    "Mention",
    "Registry",
    "RegistryError",
    "Severity",
    "analyse",
    "article_from_text",
    "dump_registry",
    "load_article",
    "load_registry",
    "registry_json",
    "report",
    "review",
]
