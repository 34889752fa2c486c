"""Word lists the claim extractor uses to tell kinds of assertion apart. Data, not logic."""

from __future__ import annotations

import re
from pathlib import Path


def word_file(name: str, section: str | None = None) -> frozenset[str]:
    """The words of a word-list file beside this module (``speaker_nouns.txt``, ``surname_first.txt`` …):
    whitespace-separated, a line starting with "#" a comment. ``section``: only the words between the comment line
    "# <section>" and the next comment line ("people" in ``speaker_nouns.txt``)."""
    lines = Path(__file__).with_name(name).read_text(encoding="utf-8").splitlines()
    if section is not None:
        start = lines.index(f"# {section}") + 1
        end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
        lines = lines[start:end]
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def _words(pattern_words: str) -> re.Pattern[str]:
    alternatives = sorted((w.strip() for w in pattern_words.split("|") if w.strip()), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


PREDICTION = _words(
    "will|won't|would|shall|is expected to|are expected to|was expected to|were expected to|is likely to|are likely to|"
    "is set to|are set to|is scheduled to|are scheduled to|scheduled to|is supposed to|are supposed to|"
    "plans to|plan to|planned|aims to|aim to|intends to|is due to|are due to|is going to|are going to|"
    "could|might|may|forecast|forecasts|"
    "predicted|predicts|projected|expects|expect|upcoming|next year|in the coming"
)
SUPERLATIVE = _words(
    "first|largest|biggest|highest|lowest|smallest|most|least|record|record-breaking|only|never before|unprecedented|"
    "historic|best|worst|fastest|slowest|oldest|youngest|longest|shortest|greatest|top|leading|last"
)
COMPARISON = _words(
    "more than|less than|fewer than|compared with|compared to|than|twice|half|double|triple|up from|down from"
)
ATTRIBUTION = _words(
    "said|says|told|according to|reported|reports|stated|announced|claimed|claims|added|noted|explained|"
    "sources|officials said|spokesman|spokeswoman|spokesperson|statement|declaration|document|draft|"
    "report shows|data show"
)
EVENT = _words(
    "met|meet|meets|meeting|summit|conference|convene|convened|held|hold|holds|signed|sign|signs|agreed|agree|agreement|"
    "announced|launched|visited|visit|elected|won|lost|killed|attacked|arrested|resigned|appointed|approved|passed|"
    "voted|discussed|discuss|talks|negotiated|adopted|adopt|accept|accepted|declared|opened|closed|built|invested|"
    "bought|sold|acquired|merged|rose|fell|jumped|dropped|increased|decreased|grew|cut|raised|published|released|"
    "interacting|collaborate|cooperation|declaration|deal|treaty|election|vote|ceremony"
)
OPINION = _words(
    "noteworthy|all things considered|should|ought to|must|i think|we think|i believe|we believe|in my view|"
    "arguably|clearly|obviously|undoubtedly|it seems|hopefully|unfortunately|fortunately|remarkable|"
    "important|beneficial|honest|interesting|exciting|great|wonderful|terrible|shameful|disgraceful|amazing"
)
HEDGE = _words("reportedly|allegedly|apparently|possibly|perhaps|probably|likely|unclear|rumoured|rumored")
