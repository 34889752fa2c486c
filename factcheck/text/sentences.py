"""Sentence boundary detection with exact code-point spans.

Rule-based and deterministic, tuned for English news copy (BBC, AP/NYT style).
Only characters that end a sentence ("." "?" "!" "…", optionally followed by
closing quotes/brackets) and line breaks are candidate boundaries; each
candidate is decided from the word before it and the word after it:

* a word followed by a lowercase word never ends a sentence ("?” he asked");
* titles ("Mr.", "Pres.", "Sen.") and "e.g.", "approx.", "vs." never end one;
* "No.", "Fig.", "pp." and month abbreviations do not end one before a number;
* abbreviations that may end a sentence ("U.S.", "D.C.", "Inc.", "a.m.", "Jr.",
  initials "J.") end one only when the next word is a typical sentence opener
  ("The", "He", "Her", "But" ...): "U.S. officials" / "U.S. President" go on,
  "in the U.S. The" and "Washington, D.C. Her" stop;
* any other word ends a sentence before a capital, a digit or an opening quote;
* a single line break inside a paragraph ends a sentence (headings, bullets)
  unless the next line starts lowercase or the line ends with a comma/hyphen.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Closing quotes and brackets that belong to the sentence before them.
_CLOSERS = "\"'”’»)\\]"
# Opening quotes and brackets that may precede the first word of a sentence.
_OPENERS = "\"'“‘«(\\[¿¡"

# A candidate: a whitespace-delimited token ending in terminal punctuation
# (plus closers), followed by whitespace or the end of the range.
_CANDIDATE = re.compile(
    r"(?<!\S)(?P<prev>\S*?)"
    r"(?P<punct>(?:\.[ ]){2}\.|[.?!…‽]+)"
    rf"(?P<close>[{_CLOSERS}]*)"
    r"(?=\s|\Z)"
)
# Every candidate's first token holds one of these: scanning for them (a plain character set, which the regex
# engine skips to quickly) and trying _CANDIDATE only at those tokens' starts finds what _CANDIDATE.finditer finds.
_TERMINAL = re.compile(r"[.?!…‽]")
_SPACE = re.compile(r"\s")
# Missing space after a full stop in scraped copy: "the tsunami.Steve will". The mark comes first and the two
# letters are looked back at from after it, so the engine can skip straight to the marks (same matches).
_GLUED = re.compile(r"[.?!](?<=[a-z]{2}[.?!])(?=[A-Z][a-z])")
# A line break (single, or a run of blank lines) inside the range.
_TOKEN_END = re.compile(r"\S*")
_NEWLINE = re.compile(r"[^\S\n]*\n\s*")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_NEXT = re.compile(rf"\s*(?P<open>[{_OPENERS}]*)(?P<word>[^\W_]*)(?P<after>.?)", re.S)
_LEAD_OPENERS = re.compile(rf"^[{_OPENERS}]+")
_INITIALISM = re.compile(r"^(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}$")
_LIST_NUMBER = re.compile(r"^(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})$")
_WS_BEFORE = re.compile(r"[^\S\n]*\Z")
_NOT_OPENING = frozenset(")]},;:.")
_TITLE_CASE_RUN = re.compile(r"(?:[A-Z][\w’'-]*\s+){2,}[A-Z]")
_BULLET = re.compile(r"(?:[-–—•*·▪●◦]|\d{1,2}[.)]|[A-Za-z][.)])\s")
_SPEECH_AFTER_QUOTE = re.compile(
    r"\s+(?!(?:He|She|They|It|We|I|You)\s)(?:[A-Z][\w.’'-]*\s+){1,3}"
    r"(?:said|says|asked|asks|added|adds|told|tells|replied|replies|wrote|writes|"
    r"shouted|shouts|recalled|recalls|wondered|wonders|continued|continues|"
    r"declared|declares|exclaimed|joked|jokes|quipped|insisted|insists)\b"
)

# Abbreviations after which no sentence ends, whatever follows (case-sensitive).
_NEVER_FINAL = frozenset(
    """Mr Mrs Ms Mx Messrs Mmes Mme Mlle Dr Drs Prof Pres Gov Govs Sen Sens Rep Reps
    Gen Lt Col Capt Cpt Sgt Cpl Pvt Adm Maj Cmdr Cdr Brig Rev Revd Rt Hon Fr Msgr
    Supt Insp Det Atty Amb Sec Secs Sr Sra Srta
    approx Approx appr ca vs Vs v cf viz e.g i.e E.g I.e incl esp eg ie""".split()
)
# ... whenever a number follows ("No. 10", "pp. 4-5", "Jan. 5").
_BEFORE_NUMBER = frozenset(
    """No no Nos nos Nr nr Art art Vol vol Vols Fig fig Figs p pp Pp Ch ch Para para
    Pt pt Tel tel Ext ext Op op Ref ref Rs Nov Dec Jan Feb Mar Apr Jun Jul Aug Sep
    Sept Oct Hwy Rte Rt""".split()
)
# Abbreviations that may close a sentence: a boundary only before an opener word.
_MAYBE_FINAL = frozenset(
    """Inc Corp Co Cos Ltd Bros Jr Snr Jnr etc al St Ste Ave Blvd Rd Mt Ft Pl Sq Ln Hwy
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Tues Thurs
    Ala Ariz Ark Calif Cal Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich
    Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Vt Va Wash Wis Wisc Wyo
    Dept Univ Assn Intl Natl Govt Est est Bldg mins hrs yrs lb lbs oz ft yds
    Yahoo Jeopardy""".split()
)
# Capitalised words that typically open a sentence.
_OPENER_WORDS = frozenset(
    """The A An This That These Those There Their They Them He She It Its His Her We
    Our Us I You Your My Me Mr Mrs Ms Dr But And Or So Yet Nor For If When While
    Whilst Where Why What Who Whom Whose Which How After Before Although Though
    Because Since As At In On By From To With Without Under Over During Despite
    Meanwhile However Moreover Furthermore Still Also Then Now Here Today Yesterday
    Tomorrow Last Next Some Many Most Several All Both Each Every Such No Not None
    One Two Three Four Five Six Seven Eight Nine Ten Only Even Instead Indeed
    Asked Earlier Later Officials Police Analysts Critics Experts Speaking
    According Unlike Like Once Until Among Between Following Other Others Another
    Is Was Are Were Do Does Did Can Could Will Would Should Has Have Had
    Besides Former Nothing Nobody Everyone Everybody Something Yes Just Perhaps
    Maybe Neither Either Few Much More Less Thus Hence Overall Altogether Sources""".split()
)
# Lowercase words a line cannot end on when the sentence goes on over a line break.
_CONTINUING_LINE_END = frozenset(
    """a an the and or but nor of to in on at by for from with as than that which who
    whose whom is are was were be been his her its their our your my this these those
    said says""".split()
)


def _is_opener(word: str, after: str) -> bool:
    """True when `word` (followed by character `after`) looks like a sentence's first word."""
    return word in _OPENER_WORDS and after != "."


def _decide(text: str, m: re.Match, start: int, end: int) -> bool:
    """Decide whether the candidate match `m` ends a sentence."""
    prev, punct = m.group("prev", "punct")
    nxt = _NEXT.match(text, m.end(), end)
    opener, word, after = nxt.group("open", "word", "after")
    if not word and not opener and not after:
        return True  # end of the range
    if not word and not opener and after in _NOT_OPENING:
        return False  # "(Ae Fond Kiss... )."
    if prev[:1] in _OPENERS:  # (most words do not start with a quote or bracket: no substitution to run)
        prev = _LEAD_OPENERS.sub("", prev)
    lower_next = bool(word) and word[0].islower()
    camel_next = lower_next and len(word) > 1 and word[1].isupper()  # "eBay", "iPod"
    if (punct[0] == "…" or punct[:2] in ("..", ". ")) and not ("?" in punct or "!" in punct):
        # Ellipsis "...", ". . .", "…".
        if lower_next and not camel_next:
            return False
        if not prev and _after_end_or_start(text, m.start("prev"), start):
            return False  # "bad. … It’s", "“… There is": the ellipsis opens the next part
        return not _TITLE_CASE_RUN.match(text, nxt.start("word"), end)  # "Celebrity... Get Me Out Of Here"
    if punct[0] != ".":
        # "?", "!": an end unless a lowercase word follows ("?” he asked")
        # or a name and a speech verb follow a closing quote ("?” John asked.").
        if lower_next:
            return camel_next
        if punct == "!" and prev in _MAYBE_FINAL:  # "Yahoo! Inc."
            return _is_opener(word, after)
        if m.group("close") and _SPEECH_AFTER_QUOTE.match(text, m.end(), end):
            return False
        return True
    if prev in _NEVER_FINAL:
        return False
    if lower_next and not camel_next:
        return False
    digit_next = bool(word) and word[0].isdigit()
    if digit_next and prev in _BEFORE_NUMBER:
        return False
    # (an initialism holds a full stop, a list number is at most four characters: most words need no regex call)
    if prev in _MAYBE_FINAL or ("." in prev and _INITIALISM.match(prev)):
        return _is_opener(word, after) or (opener[:1] in '"“' and bool(opener))
    if len(prev) == 1 and prev.isalpha():
        # An initial ("J. K. Rowling", "George W. Bush") or a list letter ("a. ...").
        if _at_line_start(text, m.start("prev"), start):
            return False
        return _is_opener(word, after)
    if len(prev) <= 4 and _LIST_NUMBER.match(prev) and _at_line_start(text, m.start("prev"), start):
        return False  # "1. Buy milk" at the start of a line
    return not lower_next or camel_next


def _after_end_or_start(text: str, pos: int, start: int) -> bool:
    """True when `pos` follows the range start or a sentence-final mark (spaces and openers skipped)."""
    i = pos
    while i > start and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        i -= 1
    return i <= start or text[i - 1] in ".?!…" + _CLOSERS


def _at_line_start(text: str, pos: int, start: int) -> bool:
    """True when only spaces separate `pos` from the start of its line (or range)."""
    ws = _WS_BEFORE.search(text, max(start, pos - 64), pos)
    i = ws.start() if ws else pos
    return i <= start or text[i - 1] == "\n"


def _newline_is_boundary(text: str, nl: re.Match, start: int, end: int) -> bool:
    """Decide whether a line break that follows no terminal punctuation ends a sentence."""
    if _BLANK_LINE.search(text, nl.start(), nl.end()):
        return True
    j = nl.end()
    if j >= end:
        return True
    if _BULLET.match(text, j, end):
        return True
    i = nl.start()
    last = text[i - 1] if i > start else ""
    if last in ",-–—&/(" or last == "":
        return False
    nxt = _NEXT.match(text, j, end)
    word = nxt.group("word")
    if word and word[0].islower():
        return False
    tail = text[max(start, i - 16) : i].rsplit(None, 1)
    if tail and tail[-1] in _CONTINUING_LINE_END:
        return False
    return True


def _token_start(text: str, pos: int, start: int) -> int:
    """Where the whitespace-delimited token holding `pos` begins (not before `start`)."""
    i = max(start, text.rfind(" ", start, pos) + 1)
    if _SPACE.search(text, i, pos) is None:
        return i  # no other whitespace (a line break, a no-break space) in between: the common case
    while pos > start and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _candidates(text: str, start: int, end: int):
    """The matches of ``_CANDIDATE.finditer(text, start, end)``, found by trying the pattern only at the start of
    tokens that hold a terminal mark (a match cannot start anywhere else: its first token holds its mark)."""
    pos = start  # where the next match may start (the end of the last one)
    tried = -1
    match = _CANDIDATE.match
    for t in _TERMINAL.finditer(text, start, end):
        q = t.start()
        if q < pos:
            continue
        p = _token_start(text, q, pos)
        if p == tried:
            continue  # a second mark in a token that did not match ("a.b.c"): same start, same answer
        tried = p
        m = match(text, p, end)
        if m is not None:
            pos = m.end()
            yield m


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (code-point offsets into `text`, end exclusive) inside text[start:end]."""
    n = len(text)
    if end is None or end > n:
        end = n
    if start < 0:
        start = 0
    if end <= start:
        return []
    cuts: list[int] = []
    decided: set[int] = set()
    for m in _candidates(text, start, end):
        cut = m.end()
        if _decide(text, m, start, end):
            cuts.append(cut)
        decided.add(cut)
    for g in _GLUED.finditer(text, start, end):
        tok_start = max(start, text.rfind(" ", start, g.start()) + 1)
        tok = _TOKEN_END.match(text, g.end(), end)
        token = text[tok_start : tok.end()]
        if token.count(".") + token.count("?") + token.count("!") == 1 and not any(c in token for c in "@/:"):
            cuts.append(g.end())
    if "\n" in text[start:end]:
        for nl in _NEWLINE.finditer(text, start, end):
            i = nl.start()
            if i in decided or i <= start:
                continue  # already decided as the end of a candidate
            if _newline_is_boundary(text, nl, start, end):
                cuts.append(i)
    cuts.sort()
    spans: list[tuple[int, int]] = []
    a = start
    for b in cuts + [end]:
        if b <= a:
            continue
        seg = text[a:b]
        stripped = seg.strip()
        if stripped:
            s = a + (len(seg) - len(seg.lstrip()))
            spans.append((s, s + len(stripped)))
        a = b
    return spans
