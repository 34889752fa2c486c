"""The rules' speed shortcuts (sentence pre-checks, shared indexes, bisection) give the plain scans' answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from factcheck import analyse, article_from_text
from factcheck.kb.names import normalise
from factcheck.models import ArticleDate, Mention, MentionKind, Span
from factcheck.rules import attribution_anonymous_source as attribution, hedge, superlative
from factcheck.rules.text_helpers import _RULE_WORDS, SpanIndex, _word_scan, declare_words, sentences_with_words, word_trie
from factcheck.rules.base import CheckContext
from factcheck.rules.near_miss_helpers import one_small_typo
from factcheck.text.segment import Document, Sentence
from factcheck.rules.attribution_unattributed_quote import _outside, _Spans

_WORDS = st.sampled_from(
    "officials OFFICIALS Officials said say sources Source close to a an one senior familiar with according "
    "reports Reports say reportedly people familiar it is understood that comes from draft joint declaration "
    "ſources ı İ K the first only record most largest for time never before Japan's is was . , “ ” he adviser "
    "advisers Observers persons briefed on rumours suggest anonymity who asked not to be named authorized speak "
    "cited in seen by came leaked document believed police staff witnesses".split() + ["\n", "familiar\twith"]
)
_TEXTS = st.lists(_WORDS, max_size=30).map(" ".join)


def _holds_a_word(text: str, words: frozenset[str]) -> bool:
    """In the folded text as the context makes it (when lower-casing changes the length, every sentence is tried)."""
    folded = text.lower()
    if len(folded) != len(text):
        return True
    folded = folded.replace("ı", "i").replace("ſ", "s")
    return any(_word_starts(folded, w, p) for w in words for p in range(len(folded)))


def _word_starts(folded: str, word: str, pos: int) -> bool:
    """Whether ``word`` starts a word at ``pos`` (no letter a-z just before it); a space in it is any white space."""
    pattern = re.compile(r"\s+".join(re.escape(part) for part in word.split(" ")))
    return bool(pattern.match(folded, pos)) and (pos == 0 or not "a" <= folded[pos - 1] <= "z")


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_anonymous_source_words_and_folded_pattern_give_the_plain_matches(text: str) -> None:
    low = text.lower()
    folded = low.replace("ı", "i").replace("ſ", "s") if len(low) == len(text) else None
    matches = [m.span() for m in attribution._ANONYMOUS.finditer(text)]
    for start, end in matches:
        # with the character before the match: a word at the match's start must start a word in the text
        assert _holds_a_word(text[max(0, start - 1):end], _RULE_WORDS[attribution._ANONYMOUS_WORDS]), text[start:end]
    if folded is not None:
        assert [m.span() for m in attribution._ANONYMOUS_FOLDED.finditer(folded)] == matches


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_superlative_and_prediction_words_are_in_every_match(text: str) -> None:
    for m in superlative._PHRASE.finditer(text):
        assert _holds_a_word(text[max(0, m.start() - 1):m.end()], _RULE_WORDS[superlative._PHRASE_WORDS]), m.group(0)
    for m in hedge._PREDICTION.finditer(text):
        assert _holds_a_word(text[max(0, m.start() - 1):m.end()], _RULE_WORDS[hedge._PREDICTION_WORDS]), m.group(0)


_HEDGE_WORDS = json.loads((Path(hedge.__file__).parent / "hedge_words.json").read_text(encoding="utf-8"))
_PREDICTION_TEXTS = st.lists(
    st.sampled_from(
        [f"{aux} {p} to" for aux in ("is", "were") for p in _HEDGE_WORDS["expectation"]]
        + [f"{v} to" for v in _HEDGE_WORDS["intention"]]
        + "is are widely also now to To will Will won't won’t shall not be able go the settle planet William".split()
        + ["\n", "\t"]
    ),
    max_size=10,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_PREDICTION_TEXTS)
def test_prediction_phrases_are_in_every_match(text: str) -> None:
    for m in hedge._PREDICTION.finditer(text):
        assert _holds_a_word(text[max(0, m.start() - 1):m.end()], _RULE_WORDS[hedge._PREDICTION_WORDS]), m.group(0)


_SENTENCE_WORDS = st.sampled_from("plan plans said aide x . y Plans SAID ſaid İ xplan 1plan éaide to will William".split() + ["\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCE_WORDS, max_size=25).map(" ".join), st.lists(st.integers(0, 80), max_size=10))
def test_sentences_with_words_lists_every_sentence_a_search_finds(text: str, cuts: list[int]) -> None:
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    # every third piece is left out: text between sentences (headings, boilerplate)
    spans = [(a, b) for k, (a, b) in enumerate(zip(bounds, bounds[1:])) if b > a and k % 3 != 2]
    key = declare_words("test-words", ("plans to", "aide", "will "))  # a trailing space: white space after it
    try:
        ctx = _context(text, spans)
        listed = list(sentences_with_words(ctx, key))
        # as the rules search a sentence: within the whole text, so \b sees the character before the sentence
        pattern = re.compile(r"\b(?:plans\s+to|aide|will\s)", re.I)
        searched = [i for i, (a, b) in enumerate(spans) if pattern.search(text, a, b)]
        assert set(searched) <= set(listed)
        assert listed == sorted(set(listed))
        if ctx.folded_text() is not None:  # else every sentence is listed
            folded = ctx.folded_text()
            starts_a_word = [i for i, (a, b) in enumerate(spans) if any(_word_starts(folded, w, p) for w in ("plans to", "aide", "will ") for p in range(a, b))]
            assert listed == starts_a_word
    finally:  # the catalogue of words is global: leave it as the rules declared it
        del _RULE_WORDS[key]
        _word_scan.cache_clear()


def _context(text: str, spans: list[tuple[int, int]]) -> CheckContext:
    article = article_from_text(text)
    assert article.text == text
    doc = Document(article=article, sentences=[Sentence(a, b, 0) for a, b in spans])
    return CheckContext(doc=doc, claims=[], mentions=[], article_date=ArticleDate(basis="unknown"))


def test_word_trie_matches_exactly_its_words() -> None:
    words = ["plan", "plans", "planning", "poised", "a", "won’t", "x.y", "plan to"]
    pattern = re.compile(word_trie(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert pattern.fullmatch("plan \n\tto") and not pattern.fullmatch("planto")
    assert not any(pattern.fullmatch(w) for w in ["pla", "plann", "p", "poise", "xzy", "won"])
    assert pattern.match("plansx").group() == "plans"  # the longest word at a position


def test_anonymous_source_found_in_any_letter_case_and_with_unusual_letters(kb) -> None:
    for text, flagged in [
        ("Talks\n\nThe deal is done, OFFICIALS SAID on Monday.", "OFFICIALS SAID"),
        ("Talks\n\nİstanbul talks are done, officials said on Monday.", "officials said"),  # lower() changes length
        ("Talks\n\nThe deal is done, ſources ſaid on Monday.", "ſources ſaid"),  # re.I matches ſ to s
    ]:
        registry = analyse(article_from_text(text), kb=kb, select=["AT03"])
        assert [f.text for c in registry.claims for f in c.flags] == [flagged]


_SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=12).map(
    lambda xs: sorted((a, a + n) for a, n in xs)
)


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.integers(0, 80), st.integers(0, 40))
def test_blanking_quotes_by_bisection_matches_a_scan_of_all_quotes(spans, start, length) -> None:
    text = "abcdefghij" * 9
    end = min(len(text), start + length)
    chars = list(text[start:end])
    for a, b in spans:
        for k in range(max(a, start), min(b, end)):
            chars[k - start] = " "
    assert _outside(text, _Spans(spans), start, end) == "".join(chars)


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.integers(0, 70), st.integers(0, 30), st.booleans())
def test_covered_mentions_by_bisection_match_a_scan(spans, start, length, reverse) -> None:
    mentions = [Mention(kind=MentionKind.PERSON, text="x" * (b - a), span=Span(start=a, end=b)) for a, b in spans]
    if reverse:
        mentions.reverse()  # not in start order: the index must still answer in list order
    span = Span(start=start, end=start + length)
    covered = [m for m in mentions if span.covers(m.span)]
    index = SpanIndex(mentions)
    assert index.first_covered(span) == (covered[0] if covered else None)
    assert index.last_covered(span) == (covered[-1] if covered else None)


_ANONYMOUS_VOCABULARY = json.loads(
    (Path(attribution.__file__).parent / "attribution_anonymous_source_words.json").read_text(encoding="utf-8"))


def _anonymous_phrases() -> list[str]:
    """One phrase for every word of every AT03 vocabulary, built the way the docstring describes them."""
    v = _ANONYMOUS_VOCABULARY
    phrases = [f"{q}{g} {w}" for g in v["groups"] for q in ("", "senior ") for w in ("said", "close to")]
    phrases += [f"{q} {g} {w}" for q in v["qualifiers"] for g in ("officials",) for w in v["group_verbs"]]
    phrases += [f"sources {w}" for w in v["close_to"]] + [f"{p} {w}" for p in v["people"] for w in v["close_to"]]
    phrases += [f"{a} {q} {s} {w}" for a in v["single_determiners"] for q in v["single_qualifiers"]
                for s in v["single_sources"] for w in ("said", "close")]
    phrases += [f"{d} {s} {w}" for d in v["single_determiners"] for s in v["single_sources"]
                for w in v["after_single_source"]]
    phrases += [f"according to {q} {s}" for q in v["according_to_qualifiers"] for s in v["according_to_sources"]]
    phrases += [f"{c} a {a} {d}" for c in v["document_cues"] for a in v["document_adjectives"] for d in v["documents"]]
    phrases += [f"{q} {n} {w}" for q in v["report_qualifiers"] for n in v["report_nouns"] for w in v["report_verbs"]]
    phrases += v["anonymity_phrases"] + [f"it is {w} that" for w in v["it_is"]]
    phrases += [f"who {r}{n} to be {o}" for r in v["request_verbs"] for n in ("", " not") for o in v["request_outcomes"]]
    return phrases


def test_anonymous_source_finds_every_phrase_of_its_vocabulary_and_the_pre_check_sees_it() -> None:
    for phrase in _anonymous_phrases():
        for text in (phrase, phrase.upper(), phrase.capitalize()):
            m = attribution._ANONYMOUS.search(text)
            assert m, text
            assert _holds_a_word(m.group(0), _RULE_WORDS[attribution._ANONYMOUS_WORDS]), text
    # the single source is a noun, not the adjective: "an official statement"
    assert not attribution._ANONYMOUS.search("an official statement")


def _typo_variants(name: str) -> list[str]:
    """The name, and the name with one letter changed, dropped or doubled in each of its words."""
    out = [name]
    words = name.split()
    for j, w in enumerate(words):
        if len(w) > 2:
            for changed in (w[:2] + "x" + w[3:], w[:2] + w[3:], w[:3] + w[2:]):
                out.append(" ".join(words[:j] + [changed] + words[j + 1 :]))
    return out


def test_near_miss_pre_check_changes_no_answer(kb, monkeypatch) -> None:
    from factcheck.rules import near_miss_helpers as en

    orgs = sorted(kb.organisations.values(), key=lambda o: o.id)[::30]
    org_names = [v for o in orgs for v in _typo_variants(o.name)] + ["Institute for Developing Economies"]
    with_check_orgs = [en.organisation_near_miss(kb, n) for n in org_names]
    monkeypatch.setattr(en, "_may_be_near_miss", lambda *a, **k: True)
    kb = type(kb).layered(kb, [])  # a KB object of its own: nothing remembered, computed again without the check
    assert with_check_orgs == [en.organisation_near_miss(kb, n) for n in org_names]
    assert any(with_check_orgs)  # the names exercise the near-miss path, not only misses


def test_person_typos_are_every_kb_name_one_typo_away(kb) -> None:
    # the people EN03 tries against an article, found through the typo index, against a search through every
    # name the KB knows
    from factcheck.rules import near_miss_helpers as en

    people = sorted(kb.people.values(), key=lambda p: p.id)[::2000]
    by_count: dict[int, list[str]] = {}
    for key in sorted(set(kb.person_name_keys())):
        by_count.setdefault(len(key.split()), []).append(key)

    def one_typo(toks: list[str], name: str) -> bool:
        other = normalise(name).split()
        return len(other) == len(toks) and one_small_typo(toks, other)

    hits = 0
    for variant in [v for p in people for v in _typo_variants(p.name)] + ["Hiroshi Sato", "Tony Blairr"]:
        toks = normalise(variant).split()
        got = [(p.id, form) for p, form in en._person_typos(kb, variant)]
        assert len(got) == len(set(got)), variant
        if len(toks) < 2 or kb.people_named(variant):
            assert got == [], variant
            continue
        every = by_count.get(len(toks), [])
        close = process.extract(" ".join(toks), every, scorer=Levenshtein.distance, score_cutoff=2, limit=None)
        expected = {
            (p.id, form)
            for key, _, _ in close
            if one_typo(toks, key)
            for p in kb.people_named(key)
            for form in (p.name, *p.aliases)
            if one_typo(toks, form)
        }
        assert set(got) == expected, variant
        hits += bool(expected)
    assert hits > 10


def test_near_miss_pre_check_is_its_definition(kb) -> None:
    # some KB name of as many words differs by one small typo (or, for organisations, is the same): searched
    # here through every name
    from factcheck.rules import near_miss_helpers as en

    people = sorted(kb.people.values(), key=lambda p: p.id)[::1000]
    orgs = sorted(kb.organisations.values(), key=lambda o: o.id)[::30]
    for kind, names, same_counts in (("person", [p.name for p in people], False), ("org", [o.name for o in orgs], True)):
        index = en._typo_index(kb, kind)
        every = sorted(" ".join(toks) for toks in index[0])  # the KB's token lists
        hits = 0
        for variant in (v for name in names for v in _typo_variants(name)):
            toks = normalise(variant).split()
            toks = en._content(toks) if kind == "org" else toks
            # every KB name within the largest distance one_small_typo allows (the other names differ more)
            close = process.extract(" ".join(toks), every, scorer=Levenshtein.distance, score_cutoff=2, limit=None)
            expected = any(
                len(other) == len(toks) and (one_small_typo(toks, other) or (same_counts and other == toks))
                for other in (name.split() for name, _, _ in close)
            )
            assert en._may_be_near_miss(index, toks, same_counts=same_counts) == expected, (kind, variant)
            hits += expected
        assert hits > 20, kind


_ENUM_WORDS = st.sampled_from(
    "One one Another another is was of them The the First first Firstly second Second third FIFTH sixth comes came "
    "ranked to point . , x".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENUM_WORDS, max_size=20).map(" ".join))
def test_count_mismatch_enumeration_pre_check_never_skips_a_match(text: str) -> None:
    from factcheck.rules import consistency

    folded = text.lower()
    for m in consistency._ENUM.finditer(text):
        assert consistency._may_enumerate(text, folded, m.start(), m.end()), m.group(0)
    expected = any(w in text for w in ("One", "Another")) or any(w in folded for w in consistency._ENUM_ORDINALS)
    assert consistency._may_enumerate(text, folded, 0, len(text)) == expected


def test_parsed_role_is_parse_role_remembered_per_kb(kb) -> None:
    from factcheck.resolve import linking

    for text, qualifier in [("former President", "former"), ("Chancellor", None), ("Japanese Prime Minister", None)]:
        first = linking._parsed_role(kb, text, qualifier)
        assert first == linking.parse_role(kb, text, qualifier)
        assert linking._parsed_role(kb, text, qualifier) is first  # remembered
    assert first.office is not None
    layered = type(kb).layered(kb, [])  # what adding a desk layer makes: a new KB, with nothing remembered
    assert linking._parsed_role(layered, "Japanese Prime Minister", None) is not first


_BEFORE_WORDS = st.sampled_from(
    "president Presidents PRESIDENT prime minister Prime Minister premier king of OF Of the THE The other "
    "mother off, . proof x".split() + ["\n", "\t", "\u00a0"]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_BEFORE_WORDS, max_size=12).map(" ".join),
    st.sampled_from(["", "president of", "Presidents OF the", "prime  minister of\nThe", "king of", "premier the"]),
    st.sampled_from(["", " ", "  ", "\n"]),
)
def test_office_title_before_country_pre_check_never_skips_a_match(text: str, ending: str, gap: str) -> None:
    from factcheck.rules import entity_office_not_in_country as entity_office

    text = text + " " + ending + gap + "Japan"
    start = len(text) - len("Japan")
    plain = entity_office._BEFORE_COUNTRY.search(text, max(0, start - 40), start)
    found = entity_office._before_country(text, start)
    assert (found and found.span()) == (plain and plain.span())


_QUOTE_WORDS = st.sampled_from(["'", "‘", "’", '"', "“", "”", "won't", "Greek", "'run", "again'", "(", "x.", "(‘a"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_QUOTE_WORDS, max_size=10).map(" ".join), st.integers(0, 60))
def test_open_quote_pre_check_changes_no_answer(text: str, pos: int) -> None:
    from factcheck.rules import text_helpers as _text

    pos = min(pos, len(text))
    before = text[:pos]
    # the plain answer, without the pre-check on single marks
    if before.count("“") > before.count("”") or before.count('"') % 2 == 1:
        expected = True
    else:
        opens = [m.start() for m in _text._OPEN_SINGLE.finditer(text[: pos + 1]) if m.start() < pos]
        expected = bool(opens) and not _text._CLOSE_SINGLE.search(before, opens[-1] + 1)
    assert _text.in_open_quote(text, 0, pos) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("What WHICH whether How show who why a new plan the X's they".split()), max_size=8).map(" ".join))
def test_prediction_question_pre_check_changes_no_answer(before: str) -> None:
    text = before + " will go"
    m = hedge._PREDICTION.search(text, len(before))
    assert m is not None
    plain = bool(hedge._QUESTION_BEFORE.search(text[max(0, m.start() - 40) : m.start()]))
    assert hedge._not_prediction(text, 0, m) == plain


def test_anonymous_source_phrase_pre_checks_see_every_spelling() -> None:
    texts = [
        "spoke on condition of anonymity", "who asked not to be named", "who declined to be identified",
        "who did not want to be named", "was not authorised to speak", "not authorized to speak",
        "according to sources", "according to a draft joint declaration", "Reportedly, it was",
    ]
    for text in texts:
        for variant in (text, text.upper(), text.replace(" ", "\n")):
            m = attribution._ANONYMOUS.search(variant)
            if m is None:
                continue  # the pattern spells some with single spaces: no match to miss
            assert _holds_a_word(variant[max(0, m.start() - 1):m.end()], _RULE_WORDS[attribution._ANONYMOUS_WORDS]), variant
        assert attribution._ANONYMOUS.search(text), text
