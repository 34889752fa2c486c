"""Claims: every checkable assertion in the article, with its own span, kinds and check-worthiness.

A claim is normally a sentence (the headline too). A sentence joining two assertions with "; " or with
"and" before a new verb ("X met Y in Astana and signed a deal worth $2bn") gives two claims. A quote that
runs over several sentences stays one claim with its attribution.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Iterator

from factcheck.extract import lexicon
from factcheck.extract.checkworthiness import CheckworthinessModel, default_model
from factcheck.models import Claim, ClaimKind, Mention, MentionKind, ReviewStatus
from factcheck.text.segment import Document

CONTEXT_CHARS = 32
_MIN_CLAUSE_WORDS = 4
# "and" followed by a finite verb starts a second assertion with the same subject.
_CLAUSE_SPLIT = re.compile(
    r"(?:;\s+|,?\s+and\s+(?=(?:then\s+|also\s+)?(?:[a-z]+ed|signed|met|said|agreed|announced|won|lost|took|made|gave|"
    r"became|rose|fell|held|sold|bought|built|left|began|will|has|have|had|is|are|was|were|plans|says|adds)\b))"
)
_VERBISH = re.compile(r"\b(?:[a-z]+ed|is|are|was|were|has|have|had|will|would|can|could|met|said|says|\w+s)\b")


def claim_ids(total: int) -> list[str]:
    """Human-friendly ids in article order: C01 … C99, C001 … when there are more."""
    width = max(2, len(str(total)))
    return list(map(f"C{{:0{width}d}}".format, range(1, total + 1)))


def _first_split_candidate(text: str, s: int, e: int) -> int:
    """Where in text[s:e] a _CLAUSE_SPLIT match could start first, or -1 when none can: every match starts at a
    ";", or at the commas and spaces just before an "and" (str.find is much cheaper than the regex scan)."""
    semi = text.find(";", s, e)
    conj = text.find("and", s, e)
    if conj >= 0:
        while conj > s and (text[conj - 1].isspace() or text[conj - 1] == ","):
            conj -= 1
    return conj if semi < 0 else semi if conj < 0 else min(semi, conj)


def _clause_splits(text: str, s: int, e: int) -> Iterator[re.Match[str]]:
    """The matches of ``_CLAUSE_SPLIT.finditer(text, s, e)``, the regex tried only where one can start: at a ";",
    or in the run of spaces and commas just before an "and" (most sentences have an "and", few a split)."""
    pos = s
    while True:
        semi = text.find(";", pos, e)
        conj = text.find("and", pos, e)
        if semi >= 0 and (conj < 0 or semi < conj):
            tries, after = (semi,), semi + 1
        elif conj >= 0:
            start = conj  # a ";" is never in this run: it comes first or after the "and"
            while start > pos and (text[start - 1].isspace() or text[start - 1] == ","):
                start -= 1
            tries, after = range(start, conj), conj + 1
        else:
            return
        for at in tries:
            m = _CLAUSE_SPLIT.match(text, at, e)
            if m:
                yield m
                after = m.end()
                break
        pos = after


def _units(doc: Document, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Claim spans: sentences, merged where a quote (its start and end) crosses them, split at a second
    assertion."""
    text = doc.text
    spans = [(s.start, s.end) for s in doc.sentences]
    # Quotes by start, with the running maximum of their ends, so each test below is a bisection, not a scan.
    qspans = sorted(quotes)
    qstarts = [qs for qs, _ in qspans]
    qreach = list(itertools.accumulate((qe for _, qe in qspans), max))
    # merge sentences a quote runs across (a quote starting before the unit's end and ending after s)
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        i = bisect.bisect_left(qstarts, merged[-1][1]) - 1 if merged else -1
        if i >= 0 and qreach[i] > s:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out = []
    for s, e in merged:
        i = bisect.bisect_left(qstarts, s)
        if i < len(qstarts) and qstarts[i] < e:
            out.append((s, e))
            continue
        # no regex scan of a unit without ";" or "and", nor of its part before the first one
        first = _first_split_candidate(text, s, e)
        if first < 0:
            out.append((s, e))
            continue
        pos = s
        for m in _clause_splits(text, first, e):
            left = text[pos : m.start()]
            right = text[m.end() : e]
            if (
                len(left.split()) >= _MIN_CLAUSE_WORDS
                and len(right.split()) >= _MIN_CLAUSE_WORDS
                and _VERBISH.search(left)
            ):
                out.append((pos, m.start()))
                pos = m.end()
        out.append((pos, e))
    return [(s, e) for s, e in out if _has_text(text, s, e)]


def _has_text(text: str, s: int, e: int) -> bool:
    """``text[s:e].strip() != ""``: nearly every unit starts with a non-space, and then no slice is needed."""
    return s < e and (not text[s].isspace() or not text[s:e].isspace())


def _word_byte(code: int) -> int:
    char = chr(code)
    return ord(char.lower()) if code < 128 and (char.isalnum() or char == "_") else ord(" ")


# bytes.translate table: an ASCII letter to its small letter, an ASCII digit or "_" to itself, any other byte
# (every byte of a non-ASCII character too) to a space. For text whose non-ASCII characters are all non-word
# characters, ``text.encode().translate(_WORD_BYTES).split()`` is ``re.findall(r"\w+", text.lower())`` in
# bytes, at a third of the cost.
_WORD_BYTES = bytes(map(_word_byte, range(256)))
_PLAIN_ALTERNATION = re.compile(r"\\b\(\?:([a-z' -]+(?:\|[a-z' -]+)*)\)\\b")
_LETTERS = re.compile(r"[a-z]+")
# A non-ASCII letter or digit: part of a word, and re.I folds some onto ASCII letters ("ſ" matches "s", "\u212a",
# the Kelvin sign, matches "k"). Other non-ASCII characters ("£", "’", "—") are non-word characters that no ASCII
# letter matches, so they leave the words and the regexes' answers as ASCII punctuation would.
_NON_ASCII_WORD_CHAR = re.compile(r"[^\W\x00-\x7f]")

# The word-list features, in the order features_for reports them.
_WORD_LIST_FEATURES = {
    "attribution": lexicon.ATTRIBUTION,
    "event": lexicon.EVENT,
    "superlative": lexicon.SUPERLATIVE,
    "comparison": lexicon.COMPARISON,
    "prediction": lexicon.PREDICTION,
    "opinion": lexicon.OPINION,
    "hedge": lexicon.HEDGE,
}


class _WordLists:
    """``pattern.search(text) is not None`` for each word-list pattern ``\\b(?:w1|w2 …)\\b`` (re.I) at once.

    The answers come from one pass over the text's words, looked up in a table that gives each word bits:
    one per pattern the word is a single-word alternative of (that pattern matches), and one per (phrase, place
    of the word in the phrase). A phrase the pattern finds between word boundaries has each of its words as a
    whole word of the text, so a pattern without a single-word hit can only match through a phrase all of whose
    words occur. Only then is a regex run, and it is that phrase's own ``\\b(?:phrase)\\b`` (same flags): the
    pattern's alternation matches where one of its alternatives does, and a phrase with a word missing cannot,
    so the pattern matches exactly when one of its complete phrases does (a phrase's regex is a few
    instructions a character; the whole alternation, tried at every place of the text, about a hundred
    thousand a search). Same answers as the regexes; a pattern that is not such a plain list is always answered
    by its regex, and so is every pattern on text with a non-ASCII letter or digit.
    """

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns
        self.n = n = len(patterns)
        self.all_patterns = (1 << n) - 1
        self.table: dict[bytes, int] = {}  # a word (as bytes, see _WORD_BYTES) -> its bits
        self.regex_only = 0  # patterns always answered by their regex
        phrases: list[tuple[int, list[str]]] = []  # (pattern index, the phrase's words in order)
        self.phrase_regex: list[re.Pattern[str]] = []  # per phrase, the pattern reduced to that alternative
        for i, pattern in enumerate(patterns):
            plain = _PLAIN_ALTERNATION.fullmatch(pattern.pattern)
            alternatives = plain.group(1).split("|") if plain and pattern.flags & re.I else []
            multi = [a for a in alternatives if not _LETTERS.fullmatch(a)]
            # A phrase must start and end with a letter for its words to be whole words of the text.
            if not alternatives or not all(p[0].isalpha() and p[-1].isalpha() for p in multi):
                self.regex_only |= 1 << i
                continue
            for word in alternatives:
                if word not in multi:
                    self.table[word.encode()] = self.table.get(word.encode(), 0) | 1 << i
            phrases += [(i, _LETTERS.findall(p)) for p in multi]
            self.phrase_regex += [re.compile(rf"\b(?:{p})\b", pattern.flags) for p in multi]
        # Above the pattern bits, one block of len(phrases) bits per place in a phrase: bit j of block k is set
        # for the k-th word of phrase j. A phrase shorter than the longest counts its missing places as present.
        self.phrase_pattern = [i for i, _ in phrases]
        self.places = max((len(words) for _, words in phrases), default=0)
        self.all_phrases = (1 << len(phrases)) - 1
        self.absent_places = 0
        for j, (_, words) in enumerate(phrases):
            for k in range(self.places):
                bit = 1 << (n + k * len(phrases) + j)
                if k < len(words):
                    self.table[words[k].encode()] = self.table.get(words[k].encode(), 0) | bit
                else:
                    self.absent_places |= bit
        self.words = frozenset(self.table)

    def matches(self, text: str) -> int:
        """Bit i set when ``patterns[i]`` finds a match in text."""
        if not text.isascii() and _NON_ASCII_WORD_CHAR.search(text):
            return sum(1 << i for i, pattern in enumerate(self.patterns) if pattern.search(text))
        return self.matches_words(text, text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split())

    def matches_words(self, text: str, words: list[bytes]) -> int:
        """``matches(text)`` for text without a non-ASCII letter or digit, given its words as ``_WORD_BYTES``
        makes them (an article's words can be made once and sliced per claim)."""
        # Only the few words that are in the table are looked at: the set intersection runs in C.
        table = self.table
        bits = 0
        for word in self.words.intersection(words):
            bits |= table[word]
        found = bits & self.all_patterns
        maybe = self.regex_only
        if bits > self.all_patterns:  # some word of a phrase occurs
            complete = self.all_phrases  # the phrases with every word in the text
            places = (bits | self.absent_places) >> self.n
            for _ in range(self.places):
                complete &= places
                places >>= self.all_phrases.bit_length()
            while complete:
                low = complete & -complete
                phrase = low.bit_length() - 1
                bit = 1 << self.phrase_pattern[phrase]
                if not found & bit and self.phrase_regex[phrase].search(text):
                    found |= bit
                complete ^= low
        maybe &= ~found
        while maybe:
            low = maybe & -maybe  # the lowest pattern still in doubt
            if self.patterns[low.bit_length() - 1].search(text):
                found |= low
            maybe ^= low
        return found


_WORD_LISTS = _WordLists(list(_WORD_LIST_FEATURES.values()))
_validate_claim = Claim.__pydantic_validator__.validate_python
# A mention's fields, read once each per article: an attribute of a pydantic model costs about three of a plain
# object's (its class's __getattr__ hook), and "span.start" two of them.
_SPAN = operator.attrgetter("span")
_KIND = operator.attrgetter("kind")
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")

# The claim features, in the order features_for reports them (the score sums them in this order). A claim's
# features are a mask: bit i for _FEATURES[i]. The word-list bits _WORD_LISTS.matches gives are in this order too,
# from bit _WORD_LIST_SHIFT on.
_FEATURES = ("number", "date", "named_entity", "role", "quote", *_WORD_LIST_FEATURES, "short", "question")
HAND_FEATURES = _FEATURES  # the names the check-worthiness model is trained on
_BIT = {name: 1 << i for i, name in enumerate(_FEATURES)}
_WORD_LIST_SHIFT = _FEATURES.index("attribution")
# Not a feature: a quote with a speaker in the claim (it makes the claim an attribution).
_QUOTE_WITH_SPEAKER = 1 << len(_FEATURES)
_KIND_BITS = {
    MentionKind.NUMBER: _BIT["number"],
    MentionKind.DATE: _BIT["date"],
    MentionKind.PERSON: _BIT["named_entity"],
    MentionKind.ORGANISATION: _BIT["named_entity"],
    MentionKind.COUNTRY: _BIT["named_entity"],
    MentionKind.OFFICE: _BIT["role"],
    MentionKind.QUOTE: _BIT["quote"],
}


def _mention_masks(mentions: list[Mention], kinds: list[MentionKind]) -> list[int]:
    """The feature bits each mention gives the claim it is in (a claim's are the union of its mentions'), given
    their kinds (only a person's role and a quote's speaker are read besides)."""
    masks = list(map(_KIND_BITS.__getitem__, kinds))
    for i, kind in enumerate(kinds):
        if kind is MentionKind.PERSON and mentions[i].role is not None:
            masks[i] |= _BIT["role"]
        elif kind is MentionKind.QUOTE and mentions[i].speaker:
            masks[i] |= _QUOTE_WITH_SPEAKER
    return masks


def _text_mask(text: str, word_lists: int) -> int:
    """The feature bits of the claim's text, given the word lists it matches (``_WORD_LISTS.matches``)."""
    bits = word_lists << _WORD_LIST_SHIFT
    if len(text.split(maxsplit=4)) < 5:  # fewer than five words; the split stops after the fifth
        bits |= _BIT["short"]
    if text.rstrip().endswith("?"):
        bits |= _BIT["question"]
    return bits


def _features(mask: int) -> dict[str, float]:
    return {name: 1.0 for i, name in enumerate(_FEATURES) if mask >> i & 1}


def features_for(text: str, mentions: list[Mention]) -> dict[str, float]:
    """The claim's features that are on (value 1.0), in a fixed order (the score sums them in this order)."""
    mention_bits = functools.reduce(operator.or_, _mention_masks(mentions, list(map(_KIND, mentions))), 0)
    return _features(mention_bits | _text_mask(text, _WORD_LISTS.matches(text)))


def _kinds(features: dict[str, float], quote_with_speaker: bool) -> list[ClaimKind]:
    kinds = []
    if features.get("event"):
        kinds.append(ClaimKind.EVENT)
    if features.get("role"):
        kinds.append(ClaimKind.ROLE)
    if features.get("quote"):
        kinds.append(ClaimKind.QUOTE)
    if features.get("attribution") or quote_with_speaker:
        kinds.append(ClaimKind.ATTRIBUTION)
    if features.get("number"):
        kinds.append(ClaimKind.QUANTITY)
    if features.get("date"):
        kinds.append(ClaimKind.DATE)
    if features.get("prediction"):
        kinds.append(ClaimKind.PREDICTION)
    if features.get("superlative") or features.get("comparison"):
        kinds.append(ClaimKind.COMPARISON)
    return kinds


def kinds_for(features: dict[str, float], mentions: list[Mention]) -> list[ClaimKind]:
    return _kinds(features, any(m.kind is MentionKind.QUOTE and m.speaker for m in mentions))


@functools.cache  # one entry per feature mask that occurs: few do
def _mask_fields(mask: int) -> tuple[dict[str, float], list[ClaimKind]]:
    """A claim's features and kinds, for its mask (features and ``_QUOTE_WITH_SPEAKER``): each is computed once.
    The same dict and list are given to every such claim: Claim validates them into objects of its own."""
    features = _features(mask)
    return features, _kinds(features, bool(mask & _QUOTE_WITH_SPEAKER))


# No real claim holds this many mentions: a claim with more (a page of numbers or dates with no full stop) lists
# only its first MAX_MENTIONS_PER_CLAIM, so its registry entry stays bounded; rule CL02 says so. Its kinds and
# check-worthiness still count every mention, and the rules see them all.
MAX_MENTIONS_PER_CLAIM = 500


def extract_claims(
    doc: Document, mentions: list[Mention], *, model: CheckworthinessModel | None = None, threshold: float | None = None
) -> list[Claim]:
    """Claims in article order, each with the mentions inside it, kinds and check-worthiness (``model``, default
    the shipped one; a claim scoring below ``threshold``, default the model's, is ``not-checkworthy``)."""
    model = model or default_model()
    threshold = model.threshold if threshold is None else threshold
    checkworthy, not_checkworthy = ReviewStatus.UNREVIEWED, ReviewStatus.NOT_CHECKWORTHY
    text = doc.text
    spans = list(map(_SPAN, mentions))
    starts = list(map(_START, spans))
    if all(map(operator.le, starts, itertools.islice(starts, 1, None))):
        ordered = mentions  # find_mentions gives them in order already (the sort below is stable: same list)
    else:
        order = sorted(range(len(mentions)), key=starts.__getitem__)
        ordered, spans, starts = [mentions[i] for i in order], [spans[i] for i in order], [starts[i] for i in order]
    ends = list(map(_END, spans))
    kinds = list(map(_KIND, ordered))
    quote = MentionKind.QUOTE
    units = _units(doc, [(start, end) for start, end, kind in zip(starts, ends, kinds) if kind is quote])
    claims = []
    masks = _mention_masks(ordered, kinds)
    # The article's words once: "?" for each non-ASCII character keeps offsets, so a claim's words are a slice's.
    # Text with a non-ASCII letter or digit goes to the regexes claim by claim (_WordLists.matches).
    plain = text.isascii() or not _NON_ASCII_WORD_CHAR.search(text)
    word_bytes = text.encode("ascii", "replace").translate(_WORD_BYTES) if plain else b""
    found = []  # (id, start, end, text, mentions inside, features, kinds) per unit; scored together below
    for claim_id, (s, e) in zip(claim_ids(len(units)), units):
        # the mentions starting in the claim, kept when they also end in it (nearly always all of them)
        lo = bisect.bisect_left(starts, s)
        hi = bisect.bisect_left(starts, e, lo)
        if lo == hi or max(ends[lo:hi]) <= e:
            inside = ordered[lo:hi]
            mention_bits = functools.reduce(operator.or_, masks[lo:hi], 0)
        else:
            kept = [i for i in range(lo, hi) if ends[i] <= e]
            inside = [ordered[i] for i in kept]
            mention_bits = functools.reduce(operator.or_, [masks[i] for i in kept], 0)
        claim_text = text[s:e]
        word_lists = (
            _WORD_LISTS.matches_words(claim_text, word_bytes[s:e].split()) if plain else _WORD_LISTS.matches(claim_text)
        )
        features, kinds = _mask_fields(mention_bits | _text_mask(claim_text, word_lists))
        found.append((claim_id, s, e, claim_text, inside, features, kinds))
    # One call for the article's claims: a sentence encoder embeds them in batches.
    scores = model.score_many([f[3] for f in found], [f[5] for f in found])
    for (claim_id, s, e, claim_text, inside, features, kinds), scored in zip(found, scores):
        value = round(scored.score, 2)
        # Nested models given as dicts: pydantic builds them in the one validation call (same objects). The
        # model's validator is called directly with the dict: the same validation as Claim(**fields), without
        # BaseModel.__init__'s Python frame (about 0.35 of the 4.7 µs a claim takes).
        claims.append(
            _validate_claim(
                {
                    "id": claim_id,
                    "text": claim_text,
                    "span": {"start": s, "end": e},
                    "context": {"prefix": text[max(0, s - CONTEXT_CHARS) : s], "suffix": text[e : e + CONTEXT_CHARS]},
                    "kinds": kinds,
                    "checkworthiness": {"score": value, "features": features, "terms": scored.terms},
                    "mentions": inside if len(inside) <= MAX_MENTIONS_PER_CLAIM else inside[:MAX_MENTIONS_PER_CLAIM],
                    "review": {"status": checkworthy if value >= threshold else not_checkworthy},
                }
            )
        )
    return claims
