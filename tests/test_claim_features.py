"""The claim extractor's word-list shortcut answers as the lexicon's regexes do."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.extract import claims
from factcheck.models import ClaimKind, Mention, ReviewStatus

_CLAIM_WORDS = st.sampled_from(
    "officials said according to data show record-breaking never before compared with more than up from is "
    "expected to were scheduled to won't plans next year in the coming i think we believe it seems ought to all "
    "things considered said Said IN THE COMING reportedly , . ' - _ 3 are due set going Expected-to é "
    "\u212a ſaid İs ıs £5bn ’ “said” — ².".split()  # Kelvin sign, long s and dotted/dotless i fold onto ASCII
)
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "  ", "\n", "-", "'"])


def _regex_answer(text: str) -> int:
    return sum(1 << i for i, p in enumerate(claims._WORD_LISTS.patterns) if p.search(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_CLAIM_WORDS, _SEPARATORS), max_size=12).map(lambda ws: "".join(w + s for w, s in ws)))
def test_word_lists_answer_as_their_patterns(text: str) -> None:
    assert claims._WORD_LISTS.matches(text) == _regex_answer(text), text


@pytest.mark.parametrize(
    "text",
    [
        "It is expected to rain.",  # phrase found through its key word "expected"
        "It is expected  to rain.",  # two spaces: the phrase does not match, the key word alone does not count
        "They are due to meet.",
        "Unexpected to all.",  # key word inside a longer word
        "Sales were up from May.",
        "A record-breaking year",
        "He won't go.",
        "Nothing here at all.",
        "Officials' statement",
        "Il a dit ça, according to him.",  # non-ASCII: the regexes answer
        "ſaid nothing",
        "He ſaid \u2019nothing\u2019 about the £5bn deal.",
        "\u201cThey are due to meet\u201d \u2014 he added",
        "T\u212aINGS considered",
    ],
)
def test_word_lists_cases(text: str) -> None:
    assert claims._WORD_LISTS.matches(text) == _regex_answer(text)


def test_word_lists_reports_each_feature_in_order() -> None:
    feats = claims.features_for("Officials said the summit will probably be the largest, more than ever.", [])
    assert list(feats) == ["attribution", "event", "superlative", "comparison", "prediction", "hedge"]
    assert set(feats.values()) == {1.0}


def test_a_pattern_that_is_not_a_plain_list_is_left_to_its_regex() -> None:
    lists = claims._WordLists([re.compile(r"\b(?:said)\b", re.I), re.compile(r"\d+ (?:per ?cent)")])
    assert lists.regex_only == 0b10
    assert lists.matches("He said 5 percent.") == 0b11
    assert lists.matches("He SAID five percent.") == 0b01
    assert lists.matches("Unsaid 5 per cent") == 0b10


@pytest.mark.parametrize("text, short", [("One two three four", True), ("One two three four five", False), ("  a  b \n", True)])
def test_short_counts_whitespace_separated_words(text: str, short: bool) -> None:
    assert ("short" in claims.features_for(text, [])) is short


def test_non_ascii_non_word_characters_behave_like_ascii_punctuation() -> None:
    """What the shortcut for text whose only non-ASCII characters are non-word characters relies on."""
    ascii_like = re.compile(r"[a-z0-9_' -]", re.I)  # the characters the word-list patterns spell
    for code in range(0x80, 0x110000):
        c = chr(code)
        is_word = re.match(r"\w", c) is not None
        assert (claims._NON_ASCII_WORD_CHAR.match(c) is not None) == is_word, hex(code)
        if is_word:
            continue
        assert not ascii_like.match(c), hex(code)


_MIXED_TEXT = st.text(st.sampled_from("aZ_9 .,'-\n\t£’“”—é\u212aſİ\x0b\x1c"), max_size=30)


@settings(max_examples=400, deadline=None)
@given(_MIXED_TEXT)
def test_word_bytes_split_into_the_lowered_words(text: str) -> None:
    if claims._NON_ASCII_WORD_CHAR.search(text):
        return  # such text goes to the regexes
    words = text.encode("utf-8", "surrogatepass").translate(claims._WORD_BYTES).split()
    assert [w.decode() for w in words] == re.findall(r"\w+", text.lower())


def test_a_lone_surrogate_is_a_separator() -> None:
    assert claims._WORD_LISTS.matches("officials\ud800said") == _regex_answer("officials\ud800said") != 0


def _regex_answer_of(pattern: _CountingPattern, text: str) -> int:
    return int(pattern.search(text) is not None)


class _CountingPattern:
    """A compiled pattern that counts its searches."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.flags, self.searches = pattern.pattern, pattern.flags, 0
        self._compiled = pattern

    def search(self, text: str) -> re.Match[str] | None:
        self.searches += 1
        return self._compiled.search(text)


@pytest.mark.parametrize(
    "text, expected, searches",
    [
        ("Sales were up from May.", 1, 1),  # every word of "up from": the regex decides
        ("Sales were up  from May.", 0, 1),  # ... and says no (two spaces)
        ("Up the hill from here.", 0, 1),  # "up" and "from" both occur, not as "up from": the regex decides
        ("Down we went.", 0, 0),  # "down" without "from": no regex
        ("Fewer said so.", 1, 0),  # a single word of the list: no regex
    ],
)
def test_the_regex_runs_only_when_every_word_of_a_phrase_occurs(text: str, expected: int, searches: int) -> None:
    pattern = _CountingPattern(re.compile(r"\b(?:fewer than|down from|up from|said)\b", re.I))
    lists = claims._WordLists([pattern])  # type: ignore[list-item]
    lists.phrase_regex = [_CountingPattern(p) for p in lists.phrase_regex]  # type: ignore[misc]
    assert lists.matches(text) == expected == _regex_answer_of(pattern, text)
    # the phrase whose words all occur is searched alone, never the whole alternation
    assert sum(p.searches for p in lists.phrase_regex) == searches
    assert pattern.searches == 1  # the one search above, for the expected answer


def test_claim_scores_are_the_rounded_score_of_their_text_and_features() -> None:
    from factcheck.article import article_from_text
    from factcheck.extract.checkworthiness import default_model
    from factcheck.pipeline import extract

    text = (
        "Leaders meet in Astana\n\nThe prime minister met the president on Tuesday and signed a $2bn deal. "
        "Officials said the summit would probably be the largest yet. Is that right? Great news, we think.\n"
    )
    claims_ = extract(article_from_text(text)).claims
    assert len(claims_) >= 4
    for claim in claims_:
        feats = claim.checkworthiness.features
        assert set(feats.values()) <= {1.0}
        assert claim.checkworthiness.score == round(default_model().score(claim.text, feats).score, 2)


_CLAUSE_TEXTS = st.lists(
    st.sampled_from(["and", "signed", "he", "met", ";", ",", " ", "  ", "\n", "\u2003", "England", "also", "talked", "x"]),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_CLAUSE_TEXTS, st.integers(0, 6), st.integers(0, 6))
@example("he,\nand met him", 0, 0)
@example("he met England,\u2003and met", 0, 0)
@example("x; signed and  signed", 1, 0)
@example("and met him", 0, 0)
def test_clause_splits_start_no_earlier_than_the_first_candidate(text: str, cut_start: int, cut_end: int) -> None:
    s, e = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    first = claims._first_split_candidate(text, s, e)
    everywhere = [m.span() for m in claims._CLAUSE_SPLIT.finditer(text, s, e)]
    if first < 0:
        assert everywhere == []
    else:
        assert s <= first and [m.span() for m in claims._CLAUSE_SPLIT.finditer(text, first, e)] == everywhere


@settings(max_examples=400, deadline=None)
@given(_MIXED_TEXT, st.integers(0, 30), st.integers(0, 30))
def test_a_claims_words_sliced_from_the_articles_answer_as_the_regexes(text: str, start: int, length: int) -> None:
    """extract_claims makes the article's words once ("?" per non-ASCII character keeps offsets) and slices them."""
    if claims._NON_ASCII_WORD_CHAR.search(text):
        return  # such articles go to the regexes claim by claim
    s, e = min(start, len(text)), min(start + length, len(text))
    words = text.encode("ascii", "replace").translate(claims._WORD_BYTES)[s:e].split()
    assert claims._WORD_LISTS.matches_words(text[s:e], words) == _regex_answer(text[s:e])


def _mention(kind: str, text: str, start: int, **fields: object) -> Mention:
    return Mention(kind=kind, text=text, span={"start": start, "end": start + len(text)}, **fields)


def test_mention_features_and_kinds() -> None:
    quote = _mention("quote", "we will win", 10)
    said = {"text": "Ann", "span": {"start": 0, "end": 3}}
    cases = [
        ([], {}, []),
        ([_mention("person", "Ann", 0)], {"named_entity": 1.0}, []),
        ([_mention("person", "Ann", 0, role=said)], {"named_entity": 1.0, "role": 1.0}, [ClaimKind.ROLE]),
        ([_mention("office", "mayor", 0)], {"role": 1.0}, [ClaimKind.ROLE]),
        ([_mention("number", "5", 0), _mention("date", "May", 2)], {"number": 1.0, "date": 1.0}, [ClaimKind.QUANTITY, ClaimKind.DATE]),
        ([quote], {"quote": 1.0}, [ClaimKind.QUOTE]),
        ([_mention("quote", "we will win", 10, speaker=said)], {"quote": 1.0}, [ClaimKind.QUOTE, ClaimKind.ATTRIBUTION]),
    ]
    for mentions, features, kinds in cases:
        feats = claims.features_for("x y z w v u", mentions)
        assert feats == features
        assert claims.kinds_for(feats, mentions) == kinds


def _doc(text: str):
    from factcheck.article import article_from_text
    from factcheck.text.segment import segment

    return segment(article_from_text(text))


def test_a_mention_running_past_its_claims_end_is_left_out() -> None:
    doc = _doc("Headline here\n\nThe Acme Group met in Paris on Monday. Group officials said nothing more.\n")
    start = doc.text.index("Paris")
    across = _mention("organisation", doc.text[start : doc.text.index("Group officials") + 5], start)
    inside = _mention("country", "Paris", start)
    monday = _mention("date", "Monday", doc.text.index("Monday"))
    found = claims.extract_claims(doc, [across, inside, monday])
    first = next(c for c in found if "Paris" in c.text)
    assert first.mentions == [inside, monday]
    assert list(first.checkworthiness.features)[:2] == ["date", "named_entity"]


def test_mentions_out_of_order_give_the_claims_of_the_ordered_list() -> None:
    text = 'Headline here\n\nAnn Lee met Bo Chan in Paris on Monday. "We will win," she said. "And soon."\n'
    doc = _doc(text)
    at = text.index
    said = {"text": "Ann Lee", "span": {"start": at("Ann Lee"), "end": at("Ann Lee") + 7}}
    ordered = [
        _mention("person", "Ann Lee", at("Ann Lee"), role=said),
        _mention("organisation", "Ann", at("Ann Lee")),  # same start: the stable order keeps it second
        _mention("person", "Bo Chan", at("Bo Chan")),
        _mention("country", "Paris", at("Paris")),
        _mention("date", "Monday", at("Monday")),
        _mention("quote", text[at('"We') : at("soon.") + 6], at('"We'), speaker=said),  # across two sentences
    ]
    shuffled = [ordered[i] for i in (5, 3, 0, 4, 1, 2)]
    expected = claims.extract_claims(doc, ordered)
    assert claims.extract_claims(doc, shuffled) == expected
    assert [c.mentions for c in expected][-2:] == [ordered[:5], ordered[5:]]
    assert ClaimKind.ATTRIBUTION in expected[-1].kinds and ClaimKind.ROLE in expected[-2].kinds


def test_claims_with_the_same_features_share_no_objects() -> None:
    doc = _doc("Headline here\n\nOfficials said the plan works. Officials said the plan fails.\n")
    first, second = claims.extract_claims(doc, [])[-2:]
    assert first.checkworthiness.features == second.checkworthiness.features
    assert first.checkworthiness.features is not second.checkworthiness.features
    assert first.kinds is not second.kinds and first.review is not second.review
    first.review.status = ReviewStatus.ACCURATE
    first.kinds.append(ClaimKind.DATE)
    assert second.review.status is not ReviewStatus.ACCURATE and ClaimKind.DATE not in second.kinds


def test_claim_ids_are_numbered_in_order_with_a_common_width() -> None:
    assert claims.claim_ids(3) == ["C01", "C02", "C03"]
    assert claims.claim_ids(100)[::99] == ["C001", "C100"]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("a \n\t\u2003\u00a0x."), max_size=8), st.integers(0, 8), st.integers(0, 8))
def test_has_text_is_a_non_empty_strip(text: str, s: int, e: int) -> None:
    s, e = min(s, len(text)), min(e, len(text))  # offsets into the text, as units are
    assert claims._has_text(text, s, e) == bool(text[s:e].strip())


@settings(max_examples=800, deadline=None)
@given(_CLAUSE_TEXTS, st.integers(0, 6), st.integers(0, 6))
@example("he,\nand met him", 0, 0)
@example("x; signed and  signed", 0, 0)
@example("a , and met; and signed ;  and met", 0, 0)
def test_clause_splits_are_the_regex_matches(text: str, cut_start: int, cut_end: int) -> None:
    s, e = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    found = [m.span() for m in claims._clause_splits(text, s, e)]
    assert found == [m.span() for m in claims._CLAUSE_SPLIT.finditer(text, s, e)]
