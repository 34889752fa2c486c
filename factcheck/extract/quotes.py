"""Direct quotes and who they are attributed to.

A direct quote is text between paired quotation marks that reads as speech (several words); a quoted
word or two ("so-called 'reforms'") is a scare quote and is left alone. The speaker is the subject of the
attribution next to the quote, found in this order:

* a clause ending in a colon right before the quote: 'Kato told reporters: “…”';
* for a quote inside a sentence ('Kato said the plan was “…”'): "according to X", the possessor of a speech noun
  right before it ('her remark that “…”', 'in the Herald's words, “…”'), the subject of a clause of its own after
  the last speech verb ('…, and the crowd took up the chant “…”'), the subject of the last speech verb before it
  in the sentence (a participle after an "as"/"while" clause goes with that clause's subject, 'Clinton asks as a
  maintenance guy walks in, saying “…”'; a document or message in a relative clause, 'Trump released a video that
  said, “…”', is its author's), or else the subject of the sentence ('The agency declined to detail the investigation's
  “specific focus, scope or potential targets”');
* after the quote: '…,” said Hiroshi Kato', '…,” Kato said', '…,” the White House said', '…,” said Kato,
  a spokesman', '…,” he said' (a pronoun, resolved later to the person named last);
* before the quote in its sentence or paragraph: 'Kato said, “…”';
* a quote with no attribution of its own continues the attributed quote before it in its paragraph, or,
  when it opens its paragraph, the speaker of the paragraph before: its colon, its closing quote, or its
  last sentence ('Kato said on Friday.').

Speakers are persons, organisations, documents and nominal phrases ("a spokesman", "the campaign"), as
written; ``via`` says which of the rules above found the speaker. Where the evidence is weak the quote gets no
speaker (an unresolved speaker is better than a wrong one): a passive speech verb ('Trump was asked, “…”'), another
clause with its own subject between a sentence's subject and its quote ('…, with Trump tweeting “…”'), a speech
verb in an aside between dashes, a quote inside a sentence whose attribution was not parsed (nothing is carried
over to it), a clause of its own after an embedded quote ('… said he “…,” and he said he hoped …' is not taken as
an attribution after it), and a phrase that names no one (a generic "You", a name cut short). Nor is the next
sentence an attribution when it reports something of its own ('“….” Shearer said he was unsure …': the quote
carries on the speaker before it) or says that someone did not speak ('The two firms did not say …'); a name for
something ('what is known as the “…” rule', '… or “…” as the upper reaches are known') and a question or condition
('Should it become …') have no speaker; a speech verb after a sentence end ('… “…” set in 2002. The US says …') is no
attribution of the quote before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.extract.lexicon import word_file
from factcheck.text.sentences import split_sentences

# Speech and reporting verbs, finite forms (the subject comes before them or after them in inversion).
_VERB_STEMS = (
    "say|tell|add|state|explain|note|argue|ask|warn|write|insist|claim|declare|continue|recall|acknowledge|"
    "announce|remark|reply|tweet|post|observe|stress|emphasise|emphasize|suggest|predict|joke|concede|conclude|"
    "respond|exclaim|counter|quip|caution|complain|lament|admit|boast|brag|vow|promise|urge|describe|report|"
    "testify|recount|muse|scoff|snap|retort|shout|yell|whisper|wonder|thunder|demand|charge|allege|contend|"
    "maintain|assert|agree|confirm|deny|proclaim|speculate|opine|echo|mock|tease|plead|pledge|reason|"
    "comment|boom|cry|sigh|laugh|read|put|call|dub|label|brand|accuse|criticise|criticize|praise|"
    "blast|slam|tout|hail|dismiss|question|challenge|recommend|advise|inform|assure|caution|reiterate|"
    "repeat|mention|chant|sing|text|email|e-mail|interject|interrupt|answer|bark|growl|gush|fume|rant|sneer|press|"
    "remember|exhort|surmise"
)
_IRREGULAR = "admitted|quipped|said|says|say|told|tells|wrote|writes|written|read|reads|put|puts|sang|sings"
# Verbs that report speech only with their particle.
_PHRASAL = (
    "went on|goes on|shot back|shoots back|fired back|fires back|hit back|hits back|chimed in|chimes in|"
    "pointed out|points out|summed up|sums up|weighed in|weighs in|spoke up|speaks up|cut in|cuts in|broke in|breaks in"
)


def _finite_forms() -> str:
    forms = set(_IRREGULAR.split("|"))
    for stem in _VERB_STEMS.split("|"):
        if stem.endswith("e"):
            forms.update({stem + "d", stem + "s"})
        elif stem.endswith("y") and stem[-2] not in "aeiou":
            forms.update({stem[:-1] + "ied", stem[:-1] + "ies"})
        elif stem.endswith(("sh", "ch", "x", "s")):
            forms.update({stem + "ed", stem + "es"})
        else:
            double = stem + stem[-1] if re.fullmatch(r".*[^aeiou][aeiou][bdgmnpt]", stem) and len(stem) <= 4 else stem
            forms.update({double + "ed", stem + "s", stem + "ed"})
    forms -= {"readed", "puted", "putted", "singed", "sayed", "telled", "writed"}
    forms.update(_PHRASAL.split("|"))
    return "|".join(sorted(forms, key=len, reverse=True))


def _trie_pattern(words: list[str]) -> str:
    """A regex source matching exactly `words`, nested by shared prefixes ("s(?:a(?:id|ys)|...)"): the engine then
    tries a handful of branches at each position instead of every word in turn. Branch order does not change what
    the patterns below match, as no speech verb form is another one followed by a space or hyphen (a test checks)."""
    children: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    branches = [re.escape(first) + _trie_pattern(rests) for first, rests in children.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body


SPEECH_VERBS = _finite_forms()
_VERB = rf"(?:{_trie_pattern(SPEECH_VERBS.split('|'))})"
_VERB_RE = re.compile(rf"\b{_VERB}\b")
# Present participles of the speech verbs ("writing", "saying", "snapping"), stems as listed (a final "e" dropped).
_PARTICIPLE_RE = re.compile(
    rf"\b(?:{'|'.join(sorted({v.removesuffix('e') for v in _VERB_STEMS.split('|')}, key=len, reverse=True))})"
    r"\w?ing\b"
)
# Curly pairs; a curly mark closed by a straight one (or the reverse), as mixed copy has; straight pairs.
# Each inner run is greedy: it cannot hold its closing mark, so it ends where a lazy run would, without the
# engine trying the closing mark after every character.
# A curly pair holds no straight mark: in mixed copy ('“…," said X. "…”') the straight marks close and open quotes,
# and a curly pair across them would swallow the attribution.
_QUOTE = re.compile(r"“([^“”\"]{1,3000})”|“([^“”\"\n]{1,3000})\"|\"([^\"“”\n]{1,3000})”|\"([^\"\n]{1,3000})\"")
_MIN_WORDS = 4

_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you"}
PERSON_PRONOUNS = {"he", "she", "his", "her"}  # resolved to a person named before ("his remark that “…”")
_DETERMINERS = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "one", "another", "this", "that", "these",
    "those", "some", "many", "several", "other", "two", "three", "four", "both", "each", "most", "few", "all",
}  # fmt: skip
_CONNECTORS = {"of", "for", "the", "at", "and", "de", "von", "van", "bin", "al", "del", "la", "le", "on", "&"}
_SKIP_BEFORE_VERB = {
    "has", "have", "had", "was", "is", "were", "are", "would", "will", "did", "does", "do", "also", "then", "later",
    "once", "again", "not", "never", "previously", "recently", "repeatedly", "often", "just", "even", "still",
    "already", "first", "may", "might", "could", "should", "can", "reportedly", "further", "soon", "simply", "now",
    "long", "ever", "been", "being",
}  # fmt: skip
_NOT_SPEAKERS = {
    "when", "while", "as", "and", "but", "so", "if", "because", "after", "before", "then", "that", "which", "what",
    "who", "where", "there", "here", "this", "it's", "or", "nor", "yet", "since", "until", "though", "although",
    "in", "on", "at", "to", "by", "with", "from", "for", "of", "about", "than", "also", "not", "is", "was",
}  # fmt: skip
_INTRO_WORDS = {
    "and", "but", "so", "yet", "still", "meanwhile", "however", "instead", "indeed", "later", "then", "now",
    "also", "moreover", "finally", "first", "second", "earlier", "separately", "similarly", "likewise", "thus",
    "ultimately", "asked", "again", "today", "yesterday", "here", "there", "too", "plus", "or", "perhaps", "maybe",
}  # fmt: skip
_SUBORDINATE_OPENERS = {
    "in", "on", "at", "after", "before", "during", "with", "without", "when", "while", "as", "if", "since",
    "although", "though", "because", "despite", "for", "from", "by", "under", "over", "to", "unlike", "like",
    "speaking", "addressing", "asked", "writing", "responding", "appearing", "following", "amid", "among",
    "given", "once", "upon", "until", "within", "whether", "even", "across", "outside", "inside", "through",
    "throughout", "according", "last", "this", "next", "earlier", "later", "back",
}  # fmt: skip
_POSSESSIVES = {"his", "her", "their", "its", "my", "our", "your", "the", "a", "an", "this", "these", "those"}
_OBJECT_PREPOSITIONS = {
    "to",
    "by",
    "with",
    "from",
    "for",
    "at",
    "about",
    "against",
    "toward",
    "towards",
    "into",
    "than",
}
_IRREGULAR_PAST = {
    "sent", "made", "took", "gave", "got", "came", "went", "put", "kept", "held", "told", "said", "wrote", "led",
    "left", "met", "ran", "saw", "set", "won", "lost", "paid", "brought", "bought", "thought", "found", "spent",
    "stood", "began", "became", "felt", "heard", "hit", "knew", "meant", "read", "rose", "sat", "spoke", "struck",
    "threw", "drew", "fought", "sought", "taught", "chose", "broke", "shook", "let", "cut", "ate", "grew", "flew",
}  # fmt: skip
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight",
    "night", "morning", "afternoon", "evening", "week", "month", "year", "weekend",
}  # fmt: skip
_TOKEN = re.compile(r"\([^()\n]{0,40}\)|[\w’'.&-]+|[^\w\s]")


@dataclass(frozen=True)
class QuoteMention:
    start: int  # the quote including its quotation marks
    end: int
    text: str
    speaker: tuple[int, int, str] | None  # the attribution phrase as written ("Executive Director … Hiroshi Kato")
    pronoun: bool = False  # the speaker is "he" or "she", to be resolved to the last person named
    # how the speaker was found: colon, verb, according-to, possessive, subject, after, before, continued, previous,
    # next
    via: str = ""


def find_quotes(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    look_back: bool = True,
    sentences: list[tuple[int, int]] | None = None,
    read: str | None = None,
) -> list[QuoteMention]:
    """Direct quotes inside text[start:end] (normally a paragraph) with the speaker phrase next to them.

    ``sentences`` are the sentence spans of text[start:end] when the caller has them (found here otherwise).
    ``read`` is ``straight_marks(text)`` when the caller has it: one going over an article paragraph by paragraph
    reads the article once, not once per paragraph.
    """
    end = len(text) if end is None else end
    written = text
    # NYT copy's two-apostrophe marks (''…'') read as straight ones
    text = straight_marks(text) if read is None else read
    out: list[QuoteMention] = []
    last: tuple[tuple[int, int, str], str] | None = None  # the last speaker found, short quotes included
    last_quote = (-1, -1)  # the span of the last quote mention
    spans = [
        (m.start(), m.end(), next(g for g in m.groups() if g is not None)) for m in _QUOTE.finditer(text, start, end)
    ]
    # A quote running on into the next paragraph (British style): its paragraph has an opening mark and no closing
    # one, and the next paragraph opens with a quotation mark. The mention runs to its paragraph's end.
    running = _running_quote(text, spans[-1][1] if spans else start, end)
    if running is not None:
        spans.append((running, end, text[running + 1 : end]))
    for q_start, q_end, inner in spans:
        if len(inner.split()) < _MIN_WORDS:
            # A scare quote or a short quip: not a quote mention, but '“Meh,” wrote X. “…”' carries X on.
            if inner.rstrip().endswith((",", "?", "!")):
                last = _speaker_after(text, q_end, end) or last
            continue
        if sentences is None:
            sentences = split_sentences(text, start, end)
        sent_start, sent_end = _sentence_at(sentences, q_start, start, end)
        prefix = text[sent_start:q_start]
        embedded = bool(prefix.strip(" \t([—–-"))
        # Each way of finding the speaker in turn; a phrase that names no one ("Duterte's latest", "the past",
        # "The referendum") is passed over for the next.
        # A prefix of plain text, not another quote and its attribution, nor the end of a sentence the splitter
        # did not close (run-on British copy).
        plain_prefix = embedded and not _QUOTE_MARKS.search(prefix) and not _SENTENCE_END.search(prefix)
        found = _named(_speaker_before_colon(text, start, q_start, sent_start))
        if (
            found is None
            and plain_prefix
            and prefix.rstrip().endswith(",")
            and _VERB_AT_END.search(text, max(sent_start, q_start - 200), q_start)
        ):
            # 'Clinton responds to Mills with, “…?” Mills then writes back': the attribution before it, in its sentence
            found = _named(_speaker_in_sentence(text, sent_start, q_start, sent_end, q_end))
        if (
            found is None
            and _open_ended(text, inner, q_end, end)
            and not (plain_prefix and _new_clause_after(text, q_end, end))
        ):
            found = _named(_speaker_after(text, q_end, end))  # '… “…,” said X': the attribution right after wins
        if found is None and embedded:
            found = _named(_speaker_in_sentence(text, sent_start, q_start, sent_end, q_end))
        if found is None and _ACCORDING_AFTER.match(text, q_end, end):
            # '“…” according to Judicial Watch.': the source the sentence names right after the quote
            sp = _according_to(text, q_end, _sentence_at(sentences, q_end, start, end)[1], last=False)
            found = _named((sp, "according-to") if sp else None)
        # A quote that ends the sentence it is inside ('… and for “….” Her campaign manager, Robby Mook, suggested'):
        # what follows is the next sentence's subject, not this quote's speaker.
        # (Nor one followed by the period: '… calling it a “significant threat” or “…”. But PwC's chief said'.)
        if found is None and not (
            (plain_prefix and inner.rstrip(" ’'\"").endswith(".")) or (embedded and _PERIOD_AFTER.match(text, q_end))
        ):
            found = _named(_speaker_after(text, q_end, end))
        if found is None:
            found = _named(_speaker_at_sentence_end(text, q_end, sent_end))
        if found is None:
            found = _named(_speaker_before(text, start, q_start))
        # A speaker carried over from before (the quote before, the sentence or paragraph before) only for a quote
        # that is its own sentence: words after it in its sentence ('“…” Trump barked', '“…” an angry Hollande')
        # are an attribution this reader did not parse, and the earlier speaker is then usually someone else.
        # It must also open its sentence: a quote inside a sentence whose attribution was not parsed ('This
        # prompted the tabloid to do a cover saying “…”', 'Ending “…”') is someone's the reader did not find.
        # (A prefix that is itself a quote and its attribution, '“…,” says Reddy, “…”', or that ends a sentence the
        # splitter did not close, as in run-on British copy, is no such sentence.)
        # (Nor does a quote the sentence goes on after in lower case: '“…?” before discussing specifics, he said.')
        alone = (
            not plain_prefix and not text[q_end:sent_end].strip(_AFTER_ALONE) and not _GOES_ON.match(text, q_end, end)
        )
        if (
            found is None
            and alone
            and sent_start == q_start
            and sent_start > start
            and _ENDS_COLON.search(text, start, q_start)
        ):
            # 'Frank quotes former Carter adviser Alfred Kahn:' as a sentence of its own: that clause introduces the
            # quote; when it names no speaker, nothing is carried over from before it.
            found = _named(_speaker_before_colon(text, start, q_start, _sentence_before(sentences, sent_start)))
            alone = False
        if found is None and look_back and not text[start:q_start].strip() and not text[q_end:end].strip(_AFTER_ALONE):
            found = _named(_dash_line_after(text, end))  # '“…”' then a line '- Bernie Sanders.'
        # A sentence with a speech verb and no quote between the last quote and this one names a newer speaker
        # ('“…,” I said. … and the judge interrupted me. “…”'): it is read before the last quote's speaker.
        if found is None and sent_start > start and alone:
            found = _named(_speaker_of_sentence_before(text, sentences, sent_start, last_quote))
        if found is None and last is not None and alone:
            found = (last[0], "continued")
        if found is None and look_back and not text[start:q_start].strip() and alone:
            found = _named(_speaker_of_previous_paragraph(text, start))
        if found is not None and found[1] in _CARRIED and _names_speaker(inner, found[0][2]):
            found = None  # '“One of the shortcomings of Byler’s piece …”' is not Byler's, whoever spoke before
        if found is None and q_start == running:
            found = _named(_speaker_of_next_paragraph(text, end))  # the running quote's attribution comes after it
        speaker, via = found if found else (None, "")
        last_quote = (q_start, q_end)
        if found:
            last = found
        pronoun = speaker is not None and speaker[2].lower() in PERSON_PRONOUNS
        if text is not written:
            q_start -= written.startswith("''", q_start - 1)
            q_end += written.startswith("''", q_end - 1)
        out.append(QuoteMention(q_start, q_end, written[q_start:q_end], speaker, pronoun, via))
    return out


def straight_marks(text: str) -> str:
    """text with each two-apostrophe quotation mark (''…'', as NYT copy writes both marks) turned into a straight
    mark and a space, so that offsets stay: an opening one (after a space, a bracket or a dash, before a word)
    becomes ' "', a closing one '" '. Of three apostrophes, the one next to the inner quote is a single mark
    ("… 'now.'''"). Text with no two-apostrophe mark is returned as it is."""
    if "''" not in text:
        return text
    return _TWO_APOSTROPHES.sub(_straight_mark, text)


_TWO_APOSTROPHES = re.compile(r"'''?")  # a literal: the engine skips from one apostrophe pair to the next
_OPENS_AFTER = frozenset("([—–-")  # and a space


def _straight_mark(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    before = text[start - 1] if start else " "
    opening = (before.isspace() or before in _OPENS_AFTER) and end < len(text) and not text[end].isspace()
    if end - start == 3:
        return " \"'" if opening else "'\" "
    return ' "' if opening else '" '


_OPEN_MARKS = '“"'
_CARRIED = frozenset({"continued", "previous"})


def _names_speaker(inner: str, speaker: str) -> bool:
    """Whether a quote's words name its speaker-to-be in the third person (the speaker's last capitalised word,
    as in "Byler’s piece"): a speaker carried over from before is then someone else's."""
    names = [w for w in _CAP_WORD.findall(speaker) if len(w) > 2]
    return bool(names) and names[-1] in inner and names[-1] in _WORD.findall(inner)


_CAP_WORD = re.compile(r"[A-Z][\w-]+")
_WORD = re.compile(r"[\w-]+")
_ENDS_COLON = re.compile(r":\s*$")


def _sentence_before(sentences: list[tuple[int, int]], sent_start: int) -> int:
    """Where the sentence before the one starting at sent_start starts (sent_start when there is none)."""
    return next((s for s, e in reversed(sentences) if e <= sent_start), sent_start)


_QUOTE_MARKS = re.compile(r"[“”\"]")
_SENTENCE_END = re.compile(r"[.!?…:][’'”\"]?\s*$")


def _named(found):
    """A found (speaker, via) when its phrase can name who spoke (``is_speaker_phrase``), else None."""
    return found if found is not None and is_speaker_phrase(found[0][2]) else None


_PERIOD_AFTER = re.compile(r"[’'\"]?\.")
_AFTER_ALONE = " \t\xa0\n.,;:!?”’'\")]…-—"
_GOES_ON = re.compile(r"[ \t\xa0]*,?[ \t\xa0]*[a-z]")


def _speaker_of_next_paragraph(text: str, end: int):
    """The speaker of the first quote of the paragraph after text[:end] (the rest of a running quote)."""
    start = end
    while start < len(text) and text[start].isspace():
        start += 1
    stop = text.find("\n", start)
    stop = len(text) if stop == -1 else stop
    quotes = find_quotes(text, start, stop, look_back=False, read=text)  # text is already as read
    if quotes and quotes[0].start == start and quotes[0].speaker is not None:
        return quotes[0].speaker, "next"
    return None


_DASH_LINE = re.compile(r"\s*[-–—]+[ \t\xa0]*(?=[A-Z])")


def _dash_line_after(text: str, end: int):
    """The source line under a quote that is a paragraph of its own, as fact-checks and quote round-ups set it:
    '- Bernie Sanders.', '—President Obama, tweeting after the speech.': the name after the dash."""
    m = _DASH_LINE.match(text, end)
    if m is None or text.count("\n", end, m.end()) < 1:
        return None
    stop = text.find("\n", m.end())
    stop = len(text) if stop == -1 else stop
    if stop - m.end() > 200:
        return None
    sp = _noun_phrase_after(text, m.end(), stop)
    return (sp, "next") if sp else None


def _running_quote(text: str, start: int, end: int) -> int | None:
    """Where a quote that runs on into the next paragraph opens in text[start:end] (after the last paired quote):
    an opening mark with no closing mark after it, when the next paragraph begins with a quotation mark."""
    curly = text.rfind("“", start, end)
    straight = text.find('"', start, end)
    if curly != -1 and text.find("”", curly, end) == -1 and text.find('"', curly, end) == -1:
        at = curly
    elif curly == -1 and straight != -1 and text.count('"', start, end) == 1:
        at = straight
    else:
        return None
    if at > start and not (text[at - 1].isspace() or text[at - 1] in ":(—–-"):
        return None  # an inch mark or an apostrophe-like use, not an opening quote
    rest = text[end : end + 8].lstrip()
    return at if rest[:1] in _OPEN_MARKS else None


# Words that head a phrase naming no speaker: times ("the past", "A March 2"), and an adjective standing for a
# noun ("Duterte's latest").
_NOT_SPEAKER_HEADS = frozenset(
    """past future present latest last next first same rest time times moment moments day days week weeks month
    months year years morning afternoon evening night weekend today yesterday tomorrow tonight era decade century
    end beginning start the a an new recent old primary election sentence""".split()
)
# One-word "speakers" that are a participle or adverb opening the sentence ("Written by …", "Led by …", "how").
_NOT_SPEAKER_WORDS = frozenset("written led asked name signs how hours said".split())
_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec".split()
)


def is_speaker_phrase(phrase: str) -> bool:
    """Whether an attribution phrase can name who spoke (a person, an organisation, a document, "a spokesman"):
    not a time or date ("the past", "A March 2"), an adjective after a possessive ("Duterte's latest"), a number
    ("Thirteen", "Section 1001"), nor a phrase headed by a common noun that names no one ("Each election cycle",
    "The referendum", "His face"; the heads that can are in ``speaker_nouns.txt``)."""
    written = [w.strip(".,;:()") for w in phrase.split()]
    written = [w for w in written if w]
    words = [w.lower() for w in written]
    if not words:
        return False
    if words[-1] in _NOT_SPEAKER_HEADS and (not written[-1][:1].isupper() or len(words) == 1):
        return False  # "the past", "The" (a phrase cut short), not "The New York Times"
    if words[-1] in _WEEKDAYS:
        return False  # "His fact-check Wednesday"
    if len(words) == 1 and (words[0] in _NOT_SPEAKER_WORDS or (words[0].endswith("ly") and phrase[:1].islower())):
        return False
    if any(w in _MONTH_NAMES and i + 1 < len(words) and words[i + 1][:1].isdigit() for i, w in enumerate(words)):
        return False
    return _head_names_someone(written, words)


def _head_names_someone(written: list[str], words: list[str]) -> bool:
    """The head test of ``is_speaker_phrase``: the phrase up to its first preposition (and a reflexive, "the
    candidate herself") must hold a pronoun, a name (capitalised after the phrase's first word, or the first word
    when nothing lower-case follows it), a number after a determiner ("the two") or a listed speaker noun ("a
    source familiar with …")."""
    if words[0] in _PRONOUNS_ALL and not (len(words) > 1 and words[0] in _POSSESSIVES):
        return True  # "he", "their" ("their chants of …"); "his face" goes on to its head
    if words[0] in _OBJECT_PREPOSITIONS | {"between", "in", "on", "of"}:
        return False
    if words[0] in _QUANTITIES and len(words) == 1:
        return True  # "another", "several"
    if words[0] in _QUANTITIES and words[1] == "of":
        # "one of his aides", "Hundreds of demonstrators": what follows "of" must name people ("one of the biggest")
        return len(words) > 2 and _head_names_someone(written[2:], words[2:])
    if all(w in _NUMBER_WORDS or w[:1].isdigit() for w in words):
        return False  # "Thirteen", "Eight": the start of "Thirteen years earlier"
    cut = next((i for i, w in enumerate(words) if i > 0 and w in _HEAD_PREPOSITIONS), len(words))
    k = cut - 1
    while k > 0 and words[k] in _REFLEXIVES:
        k -= 1
    head, shown = words[k], written[k]
    if re.fullmatch(r"[\d:.,-]+", shown):
        return k > 0 and written[k - 1][:1].isupper() and written[k - 1].lower() not in _NOT_NUMBERED  # "Article 33"
    if shown[:1].isupper() and (k > 0 or all(not w[:1].islower() or w.lower() in _REFLEXIVES for w in written[1:])):
        return True  # a name: "the White House", "Sen. Warren", "Reuters", "Pew Research"
    if head.endswith(("’s", "'s")) or (k > 0 and head in _NUMBER_WORDS):
        return True  # "Bloomberg's" cut short; "the two"
    return any(_is_speaker_noun(w) for w in words[: k + 1]) or _AGENT_NOUN.search(head) is not None


def _is_speaker_noun(word: str) -> bool:
    nouns = _speaker_nouns()
    if word in nouns:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("men", "man")):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in nouns:
            return True
    return False


@lru_cache(maxsize=1)
def _speaker_nouns() -> frozenset[str]:
    from factcheck.extract.entities import ORG_HEADS, TITLE_WORDS

    return word_file("speaker_nouns.txt") | TITLE_WORDS | ORG_HEADS


# Nouns for people by what they do ("narrator", "commenter", "confidant", "neurosurgeon", "radioman") and ages
# ("the 46-year-old"): the open-ended part of the speaker nouns.
_AGENT_NOUN = re.compile(r"(?:[a-z]{2}(?:er|or|ist|ant|ian|eon|ee|man|woman|men|women)s?|-old|-olds)$")
_QUANTITIES = frozenset(
    "one another another's each several some many most all both none dozens hundreds thousands millions".split()
)
_NOT_NUMBERED = frozenset("section page chapter paragraph room route highway interstate".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_PRONOUNS_ALL = frozenset("he she they it i we you who which his her their".split())
_REFLEXIVES = frozenset("himself herself itself themselves myself ourselves yourself".split())
_HEAD_PREPOSITIONS = frozenset("of for from at with in on to by about".split())
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand""".split()
)


def _sentence_at(sentences: list[tuple[int, int]], pos: int, start: int, end: int) -> tuple[int, int]:
    best = (start, end)
    for s, e in sentences:
        if s <= pos:
            best = (s, e)
        else:
            break
    return best


def _open_ended(text: str, inner: str, pos: int, limit: int) -> bool:
    """Whether the quote ends its clause with a comma, '?', '!' or dash, as quotes with an attribution after do."""
    return inner.rstrip(" ’'\"").endswith((",", "?", "!", "—", "-", "…")) or text[pos : pos + 1] == ","


def _speaker_at_sentence_end(text: str, pos: int, sent_end: int):
    """'“…” because she would lose, he said.': an attribution closing the quote's sentence."""
    m = _CLOSING_ATTRIBUTION.search(text, pos, sent_end)
    if m:
        sp = _noun_phrase_before(text, m.start(), m.start("verb"))
        if sp:
            return sp, "after"
    m = _CLOSING_INVERTED.search(text, pos, sent_end)
    if m:
        sp = _noun_phrase_after(text, m.end(), sent_end)
        if sp:
            return sp, "after"
    return None


# A clause with a speaker of its own closing a sentence: ', and her husband cut in.'
_JOINED_SPEAKER = re.compile(
    rf",\s+(?:and|but|before|then)\s+(?P<np>(?:[^\s,.!?“”\"]+\s+){{1,5}}?)(?P<verb>{_VERB})[^,.!?“”\"]{{0,20}}[.!?]?\s*$"
)


def _speaker_of_sentence_before(
    text: str, sentences: list[tuple[int, int]], sent_start: int, last_quote: tuple[int, int] = (-1, -1)
):
    """'Khan says she got a call from her niece. “She called me …”': the speaker of the sentence before, when it
    has a speech verb and no quote of its own (``last_quote``: the last quote found before, known to be one)."""
    s, e = next(((s, e) for s, e in reversed(sentences) if e <= sent_start), (-1, -1))
    if s == -1:
        return None
    if s <= last_quote[0] < last_quote[1] <= e or any(
        len(m.group(m.lastindex).split()) >= _MIN_WORDS for m in _QUOTE.finditer(text, s, e)
    ):
        # (A sentence whose only quotes are a word or two, 'Doherty said gamers were “ravenous” for …', is read as
        # one without quotes: its subject is a newer speaker.)
        # '“…,” Ebeling said, and her husband cut in. “…”': a second speaker joined after the last quote's attribution
        close = max(text.rfind("”", s, e), text.rfind('"', s, e))
        joined = _JOINED_SPEAKER.search(text, close + 1, e) if close != -1 else None
        if joined:
            sp = _noun_phrase_before(text, joined.start("np"), joined.start("verb"))
            if sp:
                return sp, "previous"
        return None
    for short in _QUOTE.finditer(text, s, e):
        # 'Her friends have mocked his campaign, calling him “a buffoon,” Susan said.': the short quote's attribution
        if short.group(short.lastindex).rstrip().endswith((",", "?", "!")):
            after = _speaker_after(text, short.end(), e)
            if after:
                return after[0], "previous"
    verb = _VERB_RE.search(text, s, e)  # the main clause's verb comes first: 'Khan says she was called …'
    if verb and not _NEGATED.search(text, s, verb.start()):
        sp = _noun_phrase_before(text, s, verb.start())
        if sp and sp[2].lower() in _FIRST_SECOND_PERSON and last_quote[0] < verb.start() < last_quote[1]:
            return None  # the last quote's own words: '“… He was very polite. I said ‘yes’,” said Poll.'
        if sp:
            return sp, "previous"
    return None


_FIRST_SECOND_PERSON = frozenset({"i", "we", "you"})


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(t.start(), t.end(), t.group(0)) for t in _TOKEN.finditer(text, lo, hi)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _cap_before_connectors(toks: list[tuple[int, int, str]], j: int) -> bool:
    """Whether the connector run at toks[j] ("of the") follows a capitalised word ("Institute of the …")."""
    while j >= 0 and toks[j][2].lower() in _CONNECTORS:
        j -= 1
    return j >= 0 and _is_cap(toks[j][2])


def _speaker(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    """The span text[s:e] trimmed of edge punctuation and edge function words; None if nothing is left."""
    while s < e and text[e - 1] in " .,;:’'”\"":
        if text[e - 1] == "." and re.search(r"\b(?:[A-Z]|Jr|Sr|Inc|Co|Corp|Ltd|St)\.$", text[s:e]):
            break
        e -= 1
    while s < e and text[s] in ' “"(':
        s += 1
    words = text[s:e].split()
    while len(words) > 1 and words[-1].lower() in _CONNECTORS:
        e = s + text[s:e].rstrip().rfind(" ")
        words = text[s:e].split()
    if not words or words[0].lower() in _NOT_SPEAKERS | _INTRO_WORDS or words[0] in _CONNECTORS - {"the"}:
        return None
    if len(words) > 2 and text[s:e].isupper():
        return None  # a heading in capitals, not a speaker
    return s, e, text[s:e]


def _noun_phrase_before(text: str, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The noun phrase ending right before pos (the subject of a verb at pos): a pronoun, a name ("Rep. Earl
    Blumenauer (D-Ore.)", "the White House"), a nominal ("a campaign spokesman", "the memo"), skipping adverbs,
    auxiliaries and an appositive ("Kato, a spokesman for the ministry, said") or relative clause."""
    toks = _tokens(text, lo, pos)
    i = len(toks) - 1
    # Auxiliaries and adverbs as written in lower case: "Will claims", "Theresa May said" are names.
    while i >= 0 and (toks[i][2] in _SKIP_BEFORE_VERB or (toks[i][2].endswith("ly") and toks[i][2].islower())):
        i -= 1
    # A time phrase between subject and verb: 'Sanders on Saturday criticized', 'Kato last week said'.
    while i >= 1 and toks[i][2].lower() in _TIME_WORDS:
        i -= 1
        if toks[i][2].lower() in ("on", "last", "this", "early", "late", "earlier", "later"):
            i -= 1
    if (
        i >= 0
        and toks[i][2] in (",", "—", "–")
        or (i >= 1 and toks[i][2].lower() in ("who", "which") and toks[i - 1][2] == ",")
    ):
        # Appositive or relative clause: go back to the comma (or dash) that opens it; when the clause starts
        # with a name and a comma ('Clinton, during a town hall in Columbus, Ohio, said'), that name.
        close = toks[i][2] if toks[i][2] in ("—", "–") else ","
        j = i - 1
        while j >= 0 and toks[j][2] != close and not (close == "," and toks[j][2] in (".", ";", ":")):
            j -= 1
        if j < 1 or toks[j][2] != close:
            return None
        lead = 0
        while lead < j and (_is_cap(toks[lead][2]) or toks[lead][2].startswith("(")):
            lead += 1
        if (
            0 < lead < j
            and toks[lead][2] == ","
            and toks[0][2].lower() not in _NOT_SPEAKERS | _INTRO_WORDS | _SUBORDINATE_OPENERS
        ):
            return _speaker(text, toks[0][0], toks[lead - 1][1])
        named = toks[j + 1 : i]
        if close == "," and 2 <= len(named) <= 5 and toks[j - 1][2].islower() and all(_is_cap(t[2]) for t in named):
            # 'a lawyer for the victims, Eduardo Contreras, told': the name the appositive gives
            return _speaker(text, named[0][0], named[-1][1])
        i = j - 1
    if i < 0:
        return None
    word = toks[i][2]
    contracted = _CONTRACTED_PRONOUN.fullmatch(word)
    if contracted:  # "he's said", "they've argued": the pronoun without its auxiliary
        return toks[i][0], toks[i][0] + contracted.end(1), contracted.group(1)
    if i == len(toks) - 1 and (word.endswith(("’s", "'s", "s’", "s'")) or word.lower() in _POSSESSIVES):
        return None  # 'Trump's remarks', 'his comments': the "verb" is a noun
    relative = i >= 1 and word.lower() in ("who", "which", "that") and re.fullmatch(r"[\w’'.-]+", toks[i - 1][2])
    if relative:
        i -= 1  # 'a post from Rikkie Wells who tweeted'
        word = toks[i][2]
    if word.lower() in _PRONOUNS:
        return toks[i][0], toks[i][1], word
    first = i
    if _is_cap(word) or word.startswith("("):
        # A name: capitalised words, parentheticals, and connectors between capitalised words.
        j = i
        while j >= 0:
            w = toks[j][2]
            if _is_cap(w) or (w.startswith("(") and j < i + 1):
                first = j
            elif w.lower() in _CONNECTORS and _cap_before_connectors(toks, j):
                pass
            else:
                break
            j -= 1
        # Lowercase title words before a name ("political scientist Christopher Wlezien") stay outside, and so does
        # a time after a preposition ("On Wednesday Irish Transport Minister Martin Cullen said").
        while first <= i and (
            toks[first][2].lower() in _NOT_SPEAKERS | _INTRO_WORDS
            or (
                first > 0
                and toks[first - 1][2].lower() in ("on", "in", "at", "last", "this", "next")
                and toks[first][2].lower() in _TIME_WORDS | _MONTH_NAMES
            )
        ):
            first += 1
        if first > i:
            return None
        if first > 0 and toks[first - 1][2].lower() in _OBJECT_PREPOSITIONS | {"of", "in", "on"} and not relative:
            head = _head_before_preposition(toks, first - 1)
            if head is None:
                return None  # 'a source speaking to Fox News said': the name is an object
            first = head  # 'a spokesperson from Icstis told'
        return _speaker(text, toks[first][0], toks[i][1])
    if not re.fullmatch(r"[a-z][\w’'-]*", word) or word in _NOT_SPEAKERS:
        return None
    # A nominal: back to a determiner or a possessive name, at most eight words.
    j = i
    while j >= 0 and i - j < 8:
        w = toks[j][2]
        if w.lower() in _DETERMINERS or w.endswith(("’s", "'s")):
            first = j
            while first > 0 and _is_cap(toks[first - 1][2]) and w.endswith(("’s", "'s")):
                first -= 1
            if first > 0 and toks[first - 1][2].lower() in _OBJECT_PREPOSITIONS | {"of", "in", "on"}:
                head = _head_before_preposition(toks, first - 1)  # 'a spokeswoman for the watchdog'
                first = first if head is None else head  # (0, the text's first word, is a head too)
            return _speaker(text, toks[first][0], toks[i][1])
        if not re.fullmatch(r"[\w’'-]+", w) or (w.lower() in _NOT_SPEAKERS and w.lower() != "and"):
            break
        first = j
        j -= 1
    # Bare plural nominal at a clause start ("officials said", "Republican leaders say").
    if first < len(toks) and (
        first == 0
        or toks[first - 1][2] in (",", ";", "—", "–", "“", '"')
        or toks[first - 1][2].lower() in ("and", "but", "that")
    ):
        if (toks[i][2].endswith("s") or toks[i][2] in _IRREGULAR_PLURALS) and not any(
            t[2].lower() in _PRONOUNS for t in toks[first : i + 1]
        ):
            # not 'They passed out water bottles that said': a clause of its own, not a noun phrase
            return _speaker(text, toks[first][0], toks[i][1])
    return None


_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police"})
_CONTRACTED_PRONOUN = re.compile(r"(he|she|they|it|I|we|you|He|She|They|It|We|You)[’'](?:s|d|ve|ll|re)")


def _head_before_preposition(toks: list[tuple[int, int, str]], prep: int) -> int | None:
    """Where the nominal before toks[prep] starts ('a spokesperson' in 'a spokesperson from Icstis'): a determiner
    at most four lowercase words back, or None."""
    for j in range(prep - 1, max(-1, prep - 5), -1):
        w = toks[j][2]
        if w.lower() in _DETERMINERS and w.lower() not in ("that", "this", "these", "those", "all"):
            return j
        if j < prep - 1 and w.endswith(("’s", "'s")) and _is_cap(w):
            return j  # "United's statement to the stock exchange"
        if (
            not re.fullmatch(r"[a-z][\w’'-]*", w)
            or w in _NOT_SPEAKERS
            or w in _SKIP_BEFORE_VERB
            or w.endswith(("ing", "ed"))
        ):
            return None  # 'speaking to Fox News': a participle phrase, its object is no speaker
    return None


def _noun_phrase_after(text: str, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The noun phrase starting at pos (the subject of an inverted '…,” said X'): 'Hiroshi Kato', 'the White
    House', 'a spokesman for the campaign' — up to an appositive comma, a verb-like word, or the sentence end."""
    toks = _tokens(text, pos, min(limit, pos + 160))
    if not toks:
        return None
    if toks[0][2].lower() in _PRONOUNS:
        return toks[0][0], toks[0][1], toks[0][2]
    last = None
    for k, (_s, _e, w) in enumerate(toks):
        if (
            k >= 10
            or w in (",", ";", ":", "—", "–", "“", "”", '"', "?", "!")
            or (
                w.endswith(".")
                and last is not None
                and not re.fullmatch(r"(?:[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|U\.S|D\.C)\.", w)
            )
        ):
            if w.endswith(".") and w not in (".",) and last is not None:
                last = k
            break
        if k > 0 and (
            w.lower()
            in ("who", "which", "that", "in", "on", "at", "after", "before", "during", "to", "as", "when", "while")
            or (w.lower() in _SKIP_BEFORE_VERB and k > 0)
        ):
            break
        last = k
    if last is None:
        return None
    return _speaker(text, toks[0][0], toks[last][1])


_LEAD = re.compile(r"[ \t\xa0]*,?[ \t\xa0]*(?:—[ \t\xa0]*)?")
_INVERTED = re.compile(rf"(?:{_VERB})\s+")
# A character of an appositive between commas: not a sentence's end ("… a conviction. His wife Sharon, …"), which
# the period of a title ("Mrs. Obama's chief of staff", "Sen. Warren's aide") is not.
_APPOSITIVE_CHAR = r"(?:(?!(?!(?<=\bM)rs\.|(?<=\b[SG])en\.|(?<=\bR)ep\.|(?<=\bG)ov\.)[a-z]{2}[.!?]\s+[A-Z])[^,“”\"])"
# Subject then verb: at most twelve words (a parenthetical or an appositive allowed) before the verb.
_SUBJECT_VERB = re.compile(
    rf"(?:[^\s,!?“”\"]+(?:\s+|(?=,))){{1,12}}?(?:,{_APPOSITIVE_CHAR}{{1,90}}(?:,{_APPOSITIVE_CHAR}{{1,60}}){{0,3}},\s+)?(?:(?:\w+ly|has|had|also|then|later|once)\s+)?({_VERB})\b"
)
_OPEN_END = re.compile(r"[,?!—][’']?[”\"]")
_CLOSING_INVERTED = re.compile(rf",\s+(?:{_VERB})\s+(?=[^.!?“”\"]{{2,120}}(?:[.!?]\s*)?$)")
_CLOSING_ATTRIBUTION = re.compile(rf",\s+(?:[^\s,.!?“”\"]+\s+){{1,6}}?(?P<verb>{_VERB})\b[^,.!?“”\"]{{0,40}}[.!?]?\s*$")
# An attribution closing the sentence right after an open-ended quote ('“…,” From said.'), whether or not its
# subject could be read.
_UNPARSED_AFTER = re.compile(rf"[,\s]+(?:[^\s,.!?“”\"]+\s+){{1,6}}?(?:{_VERB})\b[^,.!?“”\"]{{0,40}}[.!?]?\s*$")
_VERB_AT_END = re.compile(rf"\b({_VERB})(?:\s+\w+){{0,3}}\s*[,:]?\s*$")


# What follows a quote inside a sentence when it is not the quote's attribution but a clause of its own: 'Durbin said
# he “…,” and he said he hoped …', 'Weiner admitted that they had “…,” he claimed they had never met', '… that “…,” and
# he vowed to …': a coordinating "and"/"but", or a speech verb followed by a clause or an infinitive of its own.
_NEW_CLAUSE = re.compile(
    rf"[ \t\xa0]*,?[ \t\xa0]*(?:(?:and|but)\s|(?:(?!(?:{_VERB})\b)[^\s,.!?“”\"—–-][^\s,.!?“”\"]*\s+){{1,4}}?"
    rf"(?:{_VERB})\s+(?:that|to|he|she|they|it|we|I|there)\b)"
)


def _new_clause_after(text: str, pos: int, limit: int) -> bool:
    """Whether the words after a quote that sits inside a sentence open a clause of their own (``_NEW_CLAUSE``)."""
    return _NEW_CLAUSE.match(text, pos, limit) is not None


# 'However, one dealer, who asked not to be named, told Reuters': an opening word (``_INTRO_WORDS``) and its comma
# begin a sentence of its own, not an attribution.
_OPENS_CLAUSE = re.compile(r"([A-Z][a-z]+),")


def _speaker_after(text: str, pos: int, limit: int):
    """'…,” said Kato' / '…,” Kato said' / '…,” the ministry said in a statement' / '…,” he said'."""
    m = _LEAD.match(text, pos, limit)
    at = m.end()
    window_end = min(limit, at + 200)
    inv = _INVERTED.match(text, at, window_end)
    if inv:
        sp = _noun_phrase_after(text, inv.end(), window_end)
        if sp and not _introduces_next(text, sp[1], window_end):
            return sp, "after"
    v = _SUBJECT_VERB.match(text, at, window_end)
    opener = _OPENS_CLAUSE.match(text, at, window_end) if v else None
    intro = opener is not None and opener.group(1).lower() in _INTRO_WORDS
    if (
        v
        and not intro
        and not _introduces_next(text, v.end(1), window_end)
        and not _NEGATED.search(text, at, v.start(1))
        and not _crosses_sentence_end(text, at, v.start(1))
        and not (
            text[pos - 2 : pos - 1] in (".", "!", "?")
            and (
                _OBJECT_THEN_CLAUSE.match(text, v.end(1), window_end)
                if _OBJECT_FIRST.match(v.group(1))
                else _REPORTED_CLAUSE.match(text, v.end(1), window_end)
            )
        )
    ):
        sp = _noun_phrase_before(text, at, v.start(1))
        if sp:
            return sp, "after"
    return None


def _crosses_sentence_end(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a sentence end ('“…” set in 2002. The US says …': the verb is the next sentence's),
    not a title's or initial's period ("Lt. Col. Kato", "Acme Inc. chief")."""
    if "." not in text[lo:hi] and "!" not in text[lo:hi] and "?" not in text[lo:hi]:
        return False
    for m in _PERIOD_BREAK.finditer(text, lo, hi):
        if m.group(1).lower() not in _ABBREVIATIONS:
            return True
    return False


_PERIOD_BREAK = re.compile(r"\b(\w*[a-z0-9])[.!?](?=[’'”\")]?\s+[A-Z])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr sen rep gov gen lt col capt cpt sgt maj adm cmdr supt prof rev inc corp co ltd bros no "
    "vs ft mt ave blvd dept univ est jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


# A speech verb followed by a reported clause of its own ('… said the deal provided …', '… said that …'): after a
# quote that closes its sentence, the next sentence's report, not the quote's attribution.
_REPORTED_CLAUSE = re.compile(r"\s+(?:the|a|an|that|he|she|they|it|we|I|there|his|her|their|its)\s")
# Speech verbs whose object comes first ('Todd asked the real estate mogul.', 'she told the crowd'): no clause there.
_OBJECT_FIRST = re.compile(
    r"(?:ask|tell|told|inform|assur|urg|warn|advis|remind|promis|answer|challeng|press|accus|prais|question|thank|"
    r"call|criticis|criticiz|blast|slam|mock|teas|interrupt|dub|label|brand|hail|dismiss)"
)
# Their object, then a reported clause: '… told World Business Report that …', '… asked him whether …'.
_OBJECT_THEN_CLAUSE = re.compile(r"\s+(?:[^\s.,;:!?“”\"]+\s+){1,5}?(?:that|how|why|whether|if)\s")
# A negated speech verb ('The two firms did not say if …', 'Trump did not respond to a request for comment') reports
# that someone did not speak: no attribution.
_NEGATED = re.compile(r"(?:\bnot|n[’']t|\bnever|\b(?:declined|refused)\s+to)\s+(?:\w+ly\s+)?$")


def _introduces_next(text: str, pos: int, limit: int) -> bool:
    """Whether the attribution whose verb (or inverted subject) ends at pos runs, with no clause of its own
    between, into a colon and another quote: '“We are not terrorists.” Mr. Zahed said: “The attack …”' introduces
    the next quote (Zahed is not the speaker of the one before). Not '“…,” Cruz said, adding: “…”' nor '“…” Trump
    said before adding: “…”', which attribute both."""
    m = _COLON_NEXT.match(text, pos, limit)
    if m is None:
        return False
    gap = m.group(1)
    return not (_VERB_RE.search(gap) or _PARTICIPLE_RE.search(gap) or _LINKS.search(gap))


_COLON_NEXT = re.compile(r"([^.!?:,;“”\"\n]{0,60}):\s*[“\"]")
_LINKS = re.compile(r"\b(?:as|before|after|when|while|then|and|but|who|which|that)\b")


def _subject_of_last_verb(text: str, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The subject of the last speech verb in text[lo:pos] that has one (up to three verbs back; a "verb" that
    is a noun, as in "his comments", has none). A participle after a clause of "as"/"while"/"when" with a subject
    that names someone goes with that clause ('Clinton asks as a maintenance guy walks in, saying “…”')."""
    for n, verb in enumerate(list(_VERB_RE.finditer(text, lo, pos))[-3:][::-1]):
        if verb.group() in ("put", "puts") and not text.startswith(" it", verb.end()):
            return None  # 'legislation put in place', 'the question put to them': "put" reports speech only as "put it"
        if n == 0 and "ing" in text[verb.end() : pos]:
            clause = max(_CLAUSE_THEN_PARTICIPLE.finditer(text, verb.end(), pos), key=lambda m: m.start(), default=None)
            if clause is not None and _names_person(clause.group("subject")):
                return _speaker(text, clause.start("subject"), clause.end("subject"))
        if _in_aside(text, lo, verb, pos):
            return None
        if _PASSIVE.search(text, max(lo, verb.start() - 30), verb.start()):
            # 'Trump was asked, “…”': the subject is who was spoken to; the speaker is the agent after "by", if any.
            by = _BY_AGENT.match(text, verb.end(), pos)
            if by is None and _AS_AFTER.match(text, verb.end(), pos):
                continue  # 'Brown said the meeting would be remembered as “…”': no one spoke here; the verb before
            return _noun_phrase_after(text, by.end(), pos) if by else None
        sp = _noun_phrase_before(text, lo, verb.start()) or _inverted_aside(text, lo, verb, pos)
        if sp and sp[2][:1].islower() and _THING_RELATIVE_BEFORE.search(text, sp[1], verb.start()):
            sp = _author_of_object(text, lo, sp) or sp
        if sp:
            return sp
    return None


def _author_of_object(text: str, lo: int, thing: tuple[int, int, str]) -> tuple[int, int, str] | None:
    """The subject of the clause whose object is ``thing``, a document or message with a relative speech verb:
    'Trump released a marketing video that said, “…”', 'Henry added the caption which reads, “…”', 'The council
    voted for the resolution which said …': its author, when the subject names someone."""
    verb = _FINITE_BEFORE_OBJECT.search(text, max(lo, thing[0] - 40), thing[0])
    if verb is None:
        return None
    sp = _noun_phrase_before(text, lo, verb.start())
    return sp if sp and _names_person(sp[2]) else None


# "that" or "which" (not "who": a thing's) right before a speech verb: 'a video that said', 'the caption which reads'.
_THING_RELATIVE_BEFORE = re.compile(r"\b(?:that|which)\s+(?:(?:\w+ly|also|has|have|had)\s+)?$")
# A finite verb other than a copula or auxiliary (and a preposition) right before an object: 'released ', 'voted 6-1
# for ' (not 'was ', whose complement is no object: 'he was a loudmouth who wrote').
_FINITE_BEFORE_OBJECT = re.compile(
    rf"\b(?!(?:is|was|has|does|as|this|its|his|us)\b)(?:[a-z]+(?:ed|s)|{'|'.join(sorted(_IRREGULAR_PAST))})\s+(?:[\d-]+\s+)?(?:(?:for|on|to|in|with|against)\s+)?$"
)


def _names_person(phrase: str) -> bool:
    """Whether a short subject phrase names someone: a personal pronoun, a capitalised name, or a lower-case phrase
    headed by a noun of ``speaker_nouns.txt`` ("a maintenance guy", not "the economy")."""
    head = phrase.split()[-1]
    if head[:1].isupper() or head in ("he", "she", "they", "we"):
        return is_speaker_phrase(phrase)
    return head in _listed_speaker_nouns() or head.removesuffix("s") in _listed_speaker_nouns()


@lru_cache(maxsize=1)
def _listed_speaker_nouns() -> frozenset[str]:
    return word_file("speaker_nouns.txt")


# A subordinate clause with a subject and a finite verb, then a speech participle: '… as a maintenance guy walks in
# front of her, saying he's “…”', '… even as he defended Melania Trump, saying, “…”'.
_CLAUSE_THEN_PARTICIPLE = re.compile(
    r"\b(?:as|while|whilst|when)\s+(?P<subject>he|she|they|I|we|(?:an?|the)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?|"
    r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s+"
    rf"(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|s)|{'|'.join(sorted(_IRREGULAR_PAST))})\b[^.;:!?“”\"]*?,\s+"
    rf"(?:{_PARTICIPLE_RE.pattern[2:-2]})\b[^.;:!?“”\"]*$"
)


def _inverted_aside(text: str, lo: int, verb: re.Match[str], pos: int) -> tuple[int, int, str] | None:
    """The speaker of an inverted attribution between commas before the quote: 'The ministers' comments, said
    Junya Tanase of JPMorgan, were “…”' (Tanase, not the sentence's subject)."""
    if not text[lo : verb.start()].rstrip().endswith(","):
        return None
    sp = _noun_phrase_after(text, verb.end(), pos)
    if sp is None or not (_is_cap(sp[2]) or sp[2].split()[0] in ("the", "a", "an")) or not is_speaker_phrase(sp[2]):
        return None  # 'Grieve, interrupted me in mid-sentence to announce, “…”': an object, not an inverted subject
    close = _ASIDE_CLOSE.match(text, sp[1], pos)
    return sp if close is not None else None


# The rest of an inverted aside after its speaker: a short tail ("in Tokyo", "on Friday") and the closing comma; not
# a list going on ('He hosts a talk show, writes a weekly column and, since 2013, leads “…”').
_ASIDE_CLOSE = re.compile(r"(?:(?!\b(?:and|or|but)\b)[^,.;:!?“”\"]){0,40},")


def _in_aside(text: str, lo: int, verb: re.Match[str], pos: int) -> bool:
    """Whether the speech verb stands in an aside between dashes that closes before pos ('which — as Jonathan Chait
    noted — promises to “…”'): not the quote's attribution."""
    return text.count("—", lo, verb.start()) % 2 == 1 and text.find("—", verb.end(), pos) != -1


_PASSIVE = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_AGENT = re.compile(r"\s+by\s+")
_AS_AFTER = re.compile(r"\s+as\b")


def _speaker_in_sentence(text: str, sent_start: int, pos: int, sent_end: int, q_end: int | None = None):
    """A quote inside a sentence: the subject of the last speech verb before it, 'according to X', an
    attribution after it in the sentence ('… “…” just as Clinton did, Rendell added.', '… “…” according to
    the report'), or the sentence's subject."""
    prefix_start = max(sent_start, pos - 400)
    sp = _according_to(text, prefix_start, pos, last=True)  # the last "according to" before the quote
    if sp:
        return sp, "according-to"
    sp = _possessor_of_speech_noun(text, prefix_start, pos)
    if sp:
        return sp, "possessive"
    sp = _subject_after_other_quote(text, prefix_start, pos)
    if sp:
        return sp, "subject"
    # The last speech verb's subject; a participle after it ('Kato added, saying “…”') shares that subject.
    sp = _subject_of_last_verb(text, prefix_start, pos)
    if sp:
        return sp, "verb"
    # An attribution later in the sentence: 'Guns are “a crisis” and “a plague,” Dean said.'
    for closing in _OPEN_END.finditer(text, pos, sent_end):
        found = _speaker_after(text, closing.end(), sent_end)
        if found:
            return found
    if q_end is not None:
        sp = _according_to(text, q_end, sent_end, last=False)
        if sp:
            return sp, "according-to"
        found = _speaker_at_sentence_end(text, q_end, sent_end)
        if found:
            return found
        if _UNPARSED_AFTER.match(text, q_end, sent_end) and _open_ended(
            text, text[pos + 1 : q_end - 1], q_end, sent_end
        ):
            return None  # '… saw the Democrats as “…,” From said.': an attribution after it, its subject not parsed
    verbs = list(_VERB_RE.finditer(text, prefix_start, pos))
    last_verb = verbs[-1] if verbs else None
    if last_verb is not None and _PASSIVE.search(text, max(prefix_start, last_verb.start() - 30), last_verb.start()):
        return None  # 'Trump was asked, “…”': the subject was spoken to
    if last_verb is not None and _in_aside(text, prefix_start, last_verb, pos):
        return None  # the clause the quote is in has no attribution of its own
    if last_verb is not None and _RELATIVE_BEFORE.search(
        text, max(prefix_start, last_verb.start() - 30), last_verb.start()
    ):
        return None  # 'They passed out water bottles that said, “…”': the relative clause's subject, not read, speaks
    with_clause = max(_WITH_PARTICIPLE.finditer(text, prefix_start, pos), key=lambda m: m.start(), default=None)
    if with_clause is not None and not _VERB_RE.search(text, with_clause.end(), pos):
        # '…, with Donald Trump tweeting that it was a “disaster” and asking, “…”': the participle's subject speaks
        sp = _noun_phrase_before(text, with_clause.start("np"), with_clause.start("participle"))
        return (sp, "verb") if sp else None
    if _NAMING_BEFORE.search(text, max(prefix_start, pos - 40), pos) or (
        q_end is not None and _NAMING_AFTER.match(text, q_end, sent_end)
    ):
        # 'in what is known as the “…” rule', '… or “…” as the upper reaches of the river are known': a name for
        # something, which no one is quoted saying
        return None
    if q_end is not None and _VERB_AFTER_NAME.match(text, q_end, sent_end):
        return None  # 'the FAO report on the “…” said': a title inside another attribution's subject
    sp = _sentence_subject(text, sent_start, pos)
    copula = _COPULA_BEFORE.search(text, sp[1], pos) if sp else None
    if copula and all(w in _SKIP_BEFORE_VERB or w.endswith("ly") for w in text[sp[1] : copula.start()].split()):
        return None  # 'India is a “…”', 'It is being billed as “…”': the subject's own copula; words about it
    if sp and sp[2].endswith(("’s", "'s", "s’", "s'")) and not text[sp[1] : pos].strip():
        return None  # 'Lycos Europe's “make love not spam” campaign': the quote names a thing the subject owns
    if sp and sp[2].lower() not in _NO_ONE_SUBJECTS and not _other_clause(text, sp[1], pos):
        return sp, "subject"
    return None


# Sentence subjects that name no one who could have said a quote with no speech verb: a generic "You have to go
# back …", an expletive or cleft "It was Mr. Obama's rejection of “…”", "There is …".
_NO_ONE_SUBJECTS = frozenset({"you", "it", "there"})


# After another quote, a clause with a subject and a finite verb of its own: 'Reid said Cruz is “a non-entity,” but he
# gave the Texan a compliment: “…”', 'in a clip that Judge Mosman called “distasteful,” Santilli expressed a desire
# to “…”'.
_CLAUSE_AFTER_QUOTE = re.compile(
    r"[\s,]*(?:(?:and|but|so|yet)\s+)?(?P<subject>he|she|they|I|we|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s+"
    rf"(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|s)|{'|'.join(sorted(_IRREGULAR_PAST))})\b"
)


# '…, and at one point the crowd loudly reprised the chant “…”': a clause joined by "and"/"but" with a subject and
# a finite verb of its own, after the last speech verb.
_JOINED_CLAUSE = re.compile(
    r", (?:and|but) (?:(?:at|in|on|after|then|later|soon)\b[^,“”\"]{0,30}?,?\s+)?(?P<subject>he|she|they|I|we|"
    r"(?:an?|the)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?|[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})\s+"
    rf"(?:[a-z]+ly\s+)?(?:[a-z]+(?:ed|s)|{'|'.join(sorted(_IRREGULAR_PAST))})\b"
)


def _subject_after_other_quote(text: str, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The subject of a clause after the last speech verb before pos, with no speech verb of its own: one joined by
    "and"/"but" (``_JOINED_CLAUSE``) or one that follows another quote (``_CLAUSE_AFTER_QUOTE``). That clause, not
    the earlier verb's, introduces the quote."""
    window = text[lo:pos]
    other_quote = "”" in window or window.count('"') >= 2
    if not other_quote and ", and " not in window and ", but " not in window:
        return None  # neither clause can be there: most quotes stop here
    verbs = list(_VERB_RE.finditer(text, lo, pos))
    if not verbs:
        return None
    joined = max(_JOINED_CLAUSE.finditer(text, verbs[-1].end(), pos), key=lambda m: m.start(), default=None)  # the last
    if joined is not None and joined.group("subject").lower() not in _NOT_SPEAKERS | _INTRO_WORDS:
        return _speaker(text, joined.start("subject"), joined.end("subject"))
    if not other_quote:
        return None
    close = max(text.rfind("”", verbs[-1].end(), pos), text.rfind('"', verbs[-1].end(), pos))
    if close == -1:
        return None
    if text[close - 1] != "," and not text.startswith(",", close + 1):
        return (
            None  # 'Cruz says his “friend” Rubio ran …': a quoted word inside the reported clause, not a clause's end
        )
    m = _CLAUSE_AFTER_QUOTE.match(text, close + 1, pos)
    if m is None or m.group("subject").lower() in _NOT_SPEAKERS | _INTRO_WORDS:
        return None
    return _speaker(text, m.start("subject"), m.end("subject"))


# A relative pronoun right before a speech verb ('bottles that said', 'a video which reads').
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who)\s+(?:(?:\w+ly|also|has|have|had|not|never)\s+){0,2}$")
# Words that name something right before a quote: 'known as the', 'billed as', 'so-called' (not 'a memo titled',
# whose author is the speaker).
_NAMING_BEFORE = re.compile(r"\b(?:(?:known|billed)\s+as|so-called)\s+(?:(?:the|an?)\s+)?$", re.IGNORECASE)
_NAMING_AFTER = re.compile(
    r"[\s,]*as\s+(?:[^,.;:!?“”\"]{1,60}?\s+)?(?:is|are|was|were)\s+(?:(?:often|commonly|also|widely|locally)\s+)?"
    r"(?:known|called|dubbed|nicknamed)\b"
)
# A speech verb right after a quote (a word or two between): the quote names something in that verb's subject.
_VERB_AFTER_NAME = re.compile(
    r"[’'”\"]?\s+(?:(?!(?:and|but|or|then|also|has|had|have|was|is|were|are|who|which|that)\b)[a-z]+(?<!ing)\s+){0,2}"
    r"(?:said|says|stated|states|added|adds|noted|notes|warned|warns|wrote|writes|concluded|concludes|reported|reports|"
    r"found|finds|claimed|claims|argued|argues|recommended|recommends)\b"
)
# A copula (or a passive's "as") right before a quote: the quote describes the subject.
_COPULA_BEFORE = re.compile(
    r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+ly\s+)?(?:(?:an?|the)\s+)?$|\b(?:is|was|are|were|be|been|being)\s+\w+ed\s+as\s+(?:(?:an?|the)\s+)?$"
)
# "with X tweeting": a speech participle with its own subject, the quote's speaker.
_WITH_PARTICIPLE = re.compile(
    rf"\bwith\s+(?P<np>(?:[^\s,;:“”\"]+\s+){{1,6}}?)(?P<participle>{_PARTICIPLE_RE.pattern[2:-2]})\b"
)
# A clause with a subject of its own between a sentence's subject and a quote it has no speech verb for: 'Republicans
# were quick to chime in, with Donald Trump tweeting …', '… while Mike Huckabee proposed we “…”', '… from Mike Lee,
# who declared, “…”', '… hired Bannon of Breitbart News, a conservative website that has run stories with headlines
# such as “…”': the quote is likely that clause's, so the sentence's subject is not taken as the speaker.
_OTHER_CLAUSE = re.compile(
    r"\bwith\s+(?:[^\s,;:“”\"]+\s+){1,6}?[a-z]+ing\b|\b(?:while|whereas|where)\b|"
    r"(?P<who>\bwho\b|,\s+which\b|,\s+(?:an?|the)\s+[^,;:“”\"]{1,60}?\s+that\b)"
)


def _other_clause(text: str, subject_end: int, pos: int) -> bool:
    """Whether text[subject_end:pos] holds another clause's subject: "with X doing", "while/whereas/where …", or a
    "who" or ", which" that follows some other noun ("Kato, who …" describes the subject itself, and so does "The
    Club for Growth ad, which …", the subject phrase having stopped before its lower-case head), or an appositive's
    relative "that" (", a conservative website that …")."""
    for m in _OTHER_CLAUSE.finditer(text, subject_end, pos):
        gap = text[subject_end : m.start()].strip(" ,\xa0")
        if m.group("who") is None or (gap and not (m.group("who")[0] == "," and re.fullmatch(r"[a-z]+", gap))):
            return True
    return False


_ACCORDING_TO = re.compile(r"\b[Aa]ccording to\s+")
_ACCORDING_AFTER = re.compile(r"[\s,.;:!?’'”\"—–-]*[Aa]ccording to\s")


@lru_cache(maxsize=1)
def _speech_noun_re() -> re.Pattern[str]:
    """'her remark that', 'in Forbes’ words,', 'his famous demand in Berlin in 1987:' right before a quote: a
    possessive (a pronoun or a capitalised name with ’s / ’), up to two modifiers, a noun of ``speech_nouns.txt``
    and a short tail without a verb of its own, ending the text."""
    nouns = sorted(word_file("speech_nouns.txt"), key=len, reverse=True)
    return re.compile(
        r"(?:(?<![\w’'])(?P<pronoun>[Hh]is|[Hh]er)|(?P<name>(?<![\w’'])(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})(?:’s|'s|’|'))"
        rf"\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(nouns)})s?"
        r"(?P<tail>(?:\s+(?:in|at|on|to|before|during|from|about|of|over|for)\s+[^\s“”\"]+(?:\s+[^\s“”\"]+){0,5}?)?)"
        r"\s*(?:that|:|,|—)\s*$"
    )


def _possessor_of_speech_noun(text: str, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The possessor in 'her remark that “…”' / 'in Forbes’ words, “…”' right before pos: the pronoun ("her", resolved
    as "she" is) or the name without its possessive ending."""
    lo = max(lo, pos - 160)
    window = text[lo:pos]
    # Most quotes have neither a closing connector nor a possessive before them: two string tests skip the regex.
    if not window.rstrip().endswith(("that", ":", ",", "—")) or not (
        "’" in window or "'" in window or "his " in window or "her " in window or "His " in window or "Her " in window
    ):
        return None
    m = _speech_noun_re().search(text, lo, pos)
    if m is None or _VERB_RE.search(m.group("tail")) or _PARTICIPLE_RE.search(m.group("tail")):
        return None
    group = "pronoun" if m.group("pronoun") else "name"
    return m.start(group), m.end(group), m.group(group)


def _according_to(text: str, lo: int, hi: int, *, last: bool) -> tuple[int, int, str] | None:
    """The noun phrase after the first (or ``last``) "according to" in text[lo:hi]."""
    found = list(_ACCORDING_TO.finditer(text, lo, hi))
    if not found:
        return None
    return _noun_phrase_after(text, found[-1 if last else 0].end(), hi)


def _sentence_subject(text: str, sent_start: int, pos: int) -> tuple[int, int, str] | None:
    """The subject at the start of a sentence, after conjunctions and an introductory phrase ('In his order,')."""
    toks = _tokens(text, sent_start, pos)
    k = 0
    # A dateline: 'PHILADELPHIA, July 25 (UPI) — The committee …'.
    if toks and toks[0][2].isupper() and len(toks[0][2]) > 2:
        dash = next((j for j in range(min(len(toks), 12)) if toks[j][2] in ("—", "–", "-")), None)
        if dash is not None:
            k = dash + 1
    while k < len(toks) and (
        toks[k][2].lower() in _INTRO_WORDS
        or toks[k][2] in ("(", "—", "–", "-")
        or re.fullmatch(r"[A-Z][a-z]+ly", toks[k][2])
    ):
        k += 1
        if k < len(toks) and toks[k][2] == ",":
            k += 1
    # 'Hours later,', 'Two weeks earlier,', 'Moments after the vote,': a time phrase up to its comma.
    time = _TIME_OPENER.match(text, toks[k][0]) if k < len(toks) else None
    if time is not None and time.end() <= pos:
        while k < len(toks) and toks[k][0] < time.end():
            k += 1
    # Introductory phrases, each up to its comma: 'Speaking to reporters in Iowa, which votes first, Bush …'.
    while k < len(toks):
        opener = toks[k][2]
        if not (
            opener.lower() in _SUBORDINATE_OPENERS | {"which", "where", "who"}
            or re.fullmatch(r"[A-Z][a-z]+(?:ing|ed)", opener)
        ):
            break
        comma = next((j for j in range(k, len(toks)) if toks[j][2] == ","), None)
        if comma is None:
            return None
        after = toks[comma + 1][2] if comma + 1 < len(toks) else ""
        if opener.lower() not in _SUBORDINATE_OPENERS and after.islower() and after not in _PRONOUNS | _DETERMINERS:
            break  # 'Groening recently heaped praise on it, saying': a name, not a participle
        k = comma + 1
        if (
            k + 1 < len(toks)
            and _STATE_ABBREVIATION.fullmatch(toks[k][2])
            and toks[k + 1][2] == ","
            and _is_cap(toks[comma - 1][2])
        ):
            k += 2  # 'Last month in Aspen, Colo., the graduate …': the state after the town is no subject
    if k >= len(toks):
        return None
    s, _, w = toks[k]
    if (
        w.lower() in _SKIP_BEFORE_VERB
        and k + 1 < len(toks)
        and toks[k + 1][2].lower() in _PRONOUNS | _DETERMINERS | {"there"}
    ):
        return None  # 'Should it become a firm offer', 'Can it stand up': a question or condition, no subject first
    if w.lower() in _PRONOUNS:
        return toks[k][0], toks[k][1], w
    if _PRONOUN_CONTRACTION.fullmatch(w):
        return None  # "I'm the last manager to …": a pronoun and its copula or auxiliary, no speaker phrase
    # Up to the verb: stop at punctuation, an auxiliary, a relative word, or a word ending in -ed/-s after a noun.
    last = None
    for j in range(k, min(len(toks), k + 8)):
        w = toks[j][2]
        if not (re.fullmatch(r"[\w’'.&-]+", w) or w.startswith("(")) or w in ("-", "--"):
            break
        lw = w.lower()
        if j > k and (
            lw in _SKIP_BEFORE_VERB or lw in ("who", "which", "that", "to", "in", "on", "at", "from", "by", "with")
        ):
            break
        verb_like = w.islower() and (re.search(r"(?:ed|ing|[^s']s)$", w) or lw in _IRREGULAR_PAST)
        if (
            j > k
            and last is not None
            and verb_like
            and not _is_cap(toks[j - 1][2])
            and toks[j - 1][2].lower() not in _DETERMINERS
        ):
            break
        prev = toks[j - 1][2]
        title_word = not verb_like and any(
            _is_cap(t[2]) for t in toks[j + 1 : j + 4]
        )  # 'Former US secretary of state Madeleine Albright'
        if (
            j > k
            and w.islower()
            and _is_cap(prev)
            and not prev.endswith(("’s", "'s"))
            and lw not in _CONNECTORS
            and prev.lower() not in _DETERMINERS
            and not title_word
        ):
            # "Church ministers are", "Two big US names have launched", "The TV couple's interest", "Osbourne
            # himself was": the lower-case word is a noun the capitalised one modifies (or a reflexive), and the
            # subject goes on through it for ``is_speaker_phrase`` to judge by its head.
            if lw.endswith(("’s", "'s", "s’", "s'")) or lw in _REFLEXIVES:
                last = j
                continue
            if j + 1 < len(toks) and toks[j + 1][2].lower() in _NOUN_FOLLOWERS and not lw.endswith("ed"):
                last = j  # not a past tense: 'Ms. Sherry smiled and said'
            break  # "Clinton supports": a verb after a name
        last = j
    if last is None or (last == k + 7 and last + 1 < len(toks) and _is_cap(toks[last + 1][2])):
        return None  # nothing, or a name cut short ('Sen. Jeff Sessions (R-AL) and former New York')
    if (
        toks[k][2].lower() in _QUANTITIES
        and k + 2 < len(toks)
        and toks[k + 1][2] == "of"
        and not _of_people(toks, k + 2)
    ):
        return None  # 'One of his most controversial songs, Pump Up, contains …': a thing, not someone
    if toks[k][2].lower() in ("a", "an"):
        # 'A Texas voter who supports Trump, Golvach lost …': a fronted description, then the name it describes.
        named = _APPOSITIVE_NAME.match(text, toks[last][1], pos)
        if named:
            return _speaker(text, named.start(1), named.end(1))
    return _speaker(text, s, toks[last][1])


def _of_people(toks: list[tuple[int, int, str]], k: int) -> bool:
    """Whether the phrase after the "of" of a fronted quantity ("One of", "Hundreds of") can name people: "them",
    "his aides", "pro-Sanders demonstrators", not "his most controversial songs" (``is_speaker_phrase`` on it, up
    to five words, a punctuation mark, an auxiliary or a relative word)."""
    words = []
    for _s, _e, w in toks[k : k + 5]:
        if (
            not re.fullmatch(r"[\w’'.&-]+", w)
            or w.lower() in _SKIP_BEFORE_VERB
            or w.lower() in ("who", "which", "that")
        ):
            break
        words.append(w)
    return not words or words[0].lower() in ("them", "us", "those", "these") or is_speaker_phrase(" ".join(words))


# Words that follow a noun rather than a verb: "names have", "barriers and", "producers of".
_PRONOUN_CONTRACTION = re.compile(r"(?i)(?:i|he|she|it|we|they|you)[’'](?:m|re|s|ve|ll|d)")
_NOUN_FOLLOWERS = frozenset(
    "and or of have has had are were is was may will would could can should must do does did".split()
)
_TIME_OPENER = re.compile(
    r"(?:[A-Za-z]+\s+)?(?:[Ss]econds|[Mm]inutes|[Mm]oments|[Hh]ours|[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears|[Dd]ecades)\s+"
    r"(?:later|earlier|ago|after\s[^,.;:“”\"]{1,40}|before\s[^,.;:“”\"]{1,40})\s*,"
)
_STATE_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,5}\.")
# After a fronted indefinite description ("A Texas voter who supports Trump,"): its clause up to a comma, then a name
# and a lower-case word (the verb).
_APPOSITIVE_NAME = re.compile(r"(?:\s+who\b[^,.;:!?“”\"]{1,80})?,\s+((?:[A-Z][\w’'.-]+\s+){0,2}[A-Z][\w’'-]+)\s+[a-z]")


_COLON = re.compile(rf"\b(?:{_VERB}|put it|summed it up)\b[^.!?:“”\"]{{0,80}}:\s*$")
_NAME_WORD = r"[A-Z][\w’'.-]*"
_DASH_NAME_COLON = re.compile(
    rf"\s[-–—]\s*(?:More from\s+)?({_NAME_WORD}(?:\s+(?:and\s+|&\s+)?{_NAME_WORD}){{0,4}}):\s*$"
)
# A determiner or a possessive (not "she's", "it's", "who's") before a speech "verb" makes it a noun.
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y|[Tt]hese|[Tt]hose)|(?<![Hh]e)(?<![Ii]t)(?<!ho)(?<!at)(?<!re)[’']s)\s+$"
)
_COLON_NOUN = re.compile(r"\b(?:statement|message|post|tweet|letter|note|email|e-mail)\b[^.!?:“”\"]{0,60}:\s*$")


def _speaker_before_colon(text: str, limit_start: int, pos: int, sent_start: int | None = None):
    """'Reporter Jane Doe says:' right before a quote: the clause's subject is the speaker."""
    lo = limit_start if sent_start is None else sent_start
    lo = max(lo, pos - 300)
    if not text[max(lo, pos - 20) : pos].rstrip().endswith(":"):
        return None  # every form below ends in a colon: most quotes stop here
    m = _COLON.search(text, lo, pos)
    while m is not None and (_NOUN_BEFORE.search(text, lo, m.start()) or _PUT_NOT_IT.match(m.group())):
        # 'Some of the comments were humorous:', 'In his remarks, Kato said:': a "verb" that is a noun; 'the first
        # question put to them was:': "put" without "it" reports no speech
        m = _COLON.search(text, m.start() + 1, pos)
    m = m or _COLON_NOUN.search(text, lo, pos)
    if not m:
        # A round-up's source line: 'Pollsters agree - Carl Bialik: “…”', '… - More from Blumenthal and Cohen: “…”'.
        named = _DASH_NAME_COLON.search(text, lo, pos)
        if named:
            return (named.start(1), named.end(1), named.group(1)), "colon"
        sp = _as_source(text, lo, pos) or _inverted_colon(text, lo, pos)
        return (sp, "colon") if sp else None
    sp = _subject_of_last_verb(text, lo, m.end()) or _sentence_subject(text, lo, m.start())
    return (sp, "colon") if sp else None


_PUT_NOT_IT = re.compile(r"puts?\b(?! it\b)")


# 'Said Wales coach Scott Johnson:', 'Continued Stone:': a capitalised speech verb opening its sentence, then the
# speaker.
_INVERTED_COLON = re.compile(r"\s*([A-Z][a-z]+)\s+([^:.!?“”\"\n]{2,80}?):\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?][”’\"']?\s+|\n")


def _inverted_colon(text: str, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The speaker after an inverted speech verb opening the sentence that ends in a colon at pos."""
    if not text[lo:pos].rstrip().endswith(":"):
        return None
    lo = max(lo, pos - 100)
    for brk in _SENTENCE_BREAK.finditer(text, lo, pos):
        lo = brk.end()
    m = _INVERTED_COLON.match(text, lo, pos)
    if m is None or not _VERB_RE.fullmatch(m.group(1).lower()):
        return None
    return _noun_phrase_after(text, m.start(2), m.end(2))


def _speaker_before(text: str, limit_start: int, pos: int):
    """'Kato said, “…”' / 'Kato said that “…”' with the quote opening right after the attribution."""
    window_start = max(limit_start, pos - 200)
    m = _VERB_AT_END.search(text, window_start, pos)
    if m and not _PASSIVE.search(text, max(window_start, m.start(1) - 30), m.start(1)):
        sp = _noun_phrase_before(text, window_start, m.start(1))
        if sp:
            return sp, "before"
    return None


# 'As Breitbart News reported Friday, the White House was refusing to …:' — the source named in an opening "as" clause.
_AS_CLAUSE = re.compile(rf"[Aa]s\s+(?P<np>[^,;:“”\"]{{1,60}}?)\s+(?P<verb>{_VERB})\b[^,;:“”\"]{{0,40}},")


def _as_source(text: str, lo: int, pos: int) -> tuple[int, int, str] | None:
    """The subject of an "As X reported," clause opening the sentence that ends in a colon at pos."""
    if not text[lo:pos].rstrip().endswith(":"):
        return None
    sentences = split_sentences(text, lo, pos)
    if not sentences:
        return None
    m = _AS_CLAUSE.match(text, sentences[-1][0], pos)
    return _noun_phrase_before(text, m.start("np"), m.start("verb")) if m else None


def _speaker_of_previous_paragraph(text: str, start: int):
    """The speaker carried over from the paragraph before text[start]: its colon's, its closing quote's, or the
    subject of a speech verb in its last sentence ('Kato said on Friday.')."""
    prev_end = len(text[:start].rstrip())
    if prev_end == 0:
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    if text[prev_end - 1] == ":":
        found = _speaker_before_colon(text, prev_start, prev_end)
        return (found[0], "previous") if found else None
    quotes = find_quotes(text, prev_start, prev_end, look_back=True, read=text) if prev_start < prev_end else []
    if quotes and quotes[-1].speaker is not None and len(text[quotes[-1].end : prev_end]) < 120:
        return quotes[-1].speaker, "previous"
    if quotes and quotes[-1].end > prev_end - 120:
        return None
    found = _speaker_of_sentence_before(text, split_sentences(text, prev_start, prev_end), prev_end)
    return (found[0], "previous") if found else None
