"""Pick candidate sentence boundaries in real articles for hand labelling.

Usage:
    python bench/make_boundary_candidates.py ../shared/data/articles > draft.jsonl

Prints one JSON object per candidate, without a label, for an annotator to
label by reading the context. Nothing from the splitter is shown, so the labels
are not biased towards its output. Paragraphs are picked deterministically:
a random sample (seeded) plus paragraphs that contain a hard pattern
(abbreviations with a full stop, initials, "?”", ellipses, line breaks).

Candidates inside a paragraph (never its last character):
* a run of terminal punctuation (. ? ! …) plus closing quotes/brackets that is
  followed by whitespace: offset = just after the run;
* a full stop glued to a capitalised word ("tsunami.Steve"): offset after it;
* a single line break not preceded by terminal punctuation: offset = end of
  the line's last non-space character.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

CONTEXT = 40
RUN = re.compile(r"[.?!…]+[\"'”’»)\]]*(?=\s)")
GLUED = re.compile(r"(?<=[a-z]{2})[.?!](?=[A-Z][a-z])")
LINE_BREAK = re.compile(r"(?<=[^\s.?!…\"'”’»)\]])[^\S\n]*\n(?=[^\S\n]*\S)")
PARAGRAPH_SEP = re.compile(r"\n[^\S\n]*\n\s*")
HARD = re.compile(
    r"\b[A-Z]\.\s|\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Pres|St|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec|"
    r"Inc|Corp|Co|Jr|Calif|Fla|Gen|Lt|Rev)\.\s|[?!][”\"]\s+[a-zA-Z]|\.\.\.|…|"
    r"U\.S\.\s|[ap]\.m\.\s|D\.C\.\s|[^\s.?!]\n[^\n]|[a-z]{2}\.[A-Z][a-z]"
)


def read_article(path: Path) -> str:
    """Decode like the loader: UTF-8 (latin-1 fallback), BOM dropped, CRLF/CR to LF."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, trimmed."""
    out, pos = [], 0
    for m in list(PARAGRAPH_SEP.finditer(text)) + [None]:
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        if chunk.strip():
            s = pos + len(chunk) - len(chunk.lstrip())
            out.append((s, s + len(chunk.strip())))
        pos = m.end() if m else len(text)
    return out


def context(text: str, offset: int, p_start: int, p_end: int) -> tuple[str, str]:
    """Up to CONTEXT characters each side, cut at whitespace, never outside the paragraph."""
    lo = max(p_start, offset - CONTEXT)
    if lo > p_start:
        cut = re.search(r"\s", text[lo:offset])
        lo = lo + cut.end() if cut else offset
    hi = min(p_end, offset + CONTEXT)
    if hi < p_end:
        cut = [m.start() for m in re.finditer(r"\s", text[offset:hi])]
        hi = offset + cut[-1] if cut else offset
    return text[lo:offset], text[offset:hi]


def candidates(text: str, p_start: int, p_end: int) -> list[tuple[int, str]]:
    """Candidate offsets inside one paragraph, with their kind."""
    found = {}
    for m in RUN.finditer(text, p_start, p_end):
        found[m.end()] = "punct"
    for m in GLUED.finditer(text, p_start, p_end):
        found.setdefault(m.end(), "glued")
    for m in LINE_BREAK.finditer(text, p_start, p_end):
        found.setdefault(m.start(), "newline")
    return sorted((o, k) for o, k in found.items() if p_start < o < p_end)


def main(root: str, n_random: int = 50, n_hard: int = 110, n_newline: int = 14, seed: int = 20240501) -> None:
    base = Path(root)
    files = sorted(base.glob("bbc_2004_2005/*/*.txt")) + sorted(base.glob("polnear_train/text/*.txt"))
    rng = random.Random(seed)
    picked: list[tuple[Path, int, int, tuple[int, int]]] = []
    for want_hard, count in ((False, n_random), (True, n_hard)):
        for corpus in ("bbc_2004_2005", "polnear_train"):
            pool = [f for f in files if f.relative_to(base).parts[0] == corpus]
            got = 0
            while got < count // 2:
                f = rng.choice(pool)
                text = read_article(f)
                paras = [p for p in paragraphs(text)[1:] if 80 < p[1] - p[0] < 700]
                if want_hard:
                    paras = [p for p in paras if HARD.search(text, p[0], p[1])]
                if not paras:
                    continue
                p = rng.choice(paras)
                if (f, p[0], p[1], p) in picked:
                    continue
                picked.append((f, p[0], p[1], p))
                got += 1
    # Paragraphs with single line breaks inside (headings, bullets, scraped copy):
    # only a 400-character window around the first line break is used.
    pool = [f for f in files if f.relative_to(base).parts[0] == "polnear_train"] + files[:1808]
    got = 0
    while got < n_newline:
        f = rng.choice(pool)
        text = read_article(f)
        paras = [p for p in paragraphs(text)[1:] if "\n" in text[p[0]:p[1]]]
        if not paras:
            continue
        ps, pe = rng.choice(paras)
        nl = text.index("\n", ps, pe)
        window = (max(ps, nl - 200), min(pe, nl + 200))
        if any(f == q and window[0] < e and s < window[1] for q, s, e, _w in picked):
            continue
        picked.append((f, ps, pe, window))
        got += 1
    for f, ps, pe, window in picked:
        text = read_article(f)
        for offset, kind in candidates(text, ps, pe):
            if not window[0] <= offset <= window[1]:
                continue
            left, right = context(text, offset, ps, pe)
            print(json.dumps({
                "source": f.relative_to(base).as_posix(), "offset": offset, "kind": kind,
                "para": [ps, pe], "left": left, "right": right,
            }, ensure_ascii=False))


if __name__ == "__main__":
    # Optional second argument: a seed (the held-out sample used another seed).
    if len(sys.argv) > 2:
        main(sys.argv[1], n_random=20, n_hard=40, n_newline=6, seed=int(sys.argv[2]))
    else:
        main(sys.argv[1])


# Hand-written tricky cases (our own sentences, stored in full): each item is the
# list of its sentences and the separator that joins them.
HAND_WRITTEN: list[tuple[list[str], str]] = [
    (["The bridge is approx. 12 km long.", "It opened in May."], " "),
    (["Pres. Obama arrived late.", "He spoke for an hour."], " "),
    (["She moved to Washington, D.C.", "Her sister stayed in Ohio."], " "),
    (["U.S. officials declined to comment on the report."], " "),
    (["The talks stalled in the U.S.", "The Europeans walked out."], " "),
    (["Mr. Smith and Mrs. Jones met Dr. Patel on Monday.", "They agreed."], " "),
    (["The team flew to St. Louis on Friday.", "It lost."], " "),
    (["Talks at No. 10 ended at 9 p.m.", "Nothing was agreed."], " "),
    (["The vote is on Jan. 5 at 10 a.m. in the main hall."], " "),
    (["The meeting starts at 10 a.m. Eastern time on Friday."], " "),
    (["Doors open at 7 p.m.", "The band plays at nine."], " "),
    (["Profits rose to $1.13bn.", "Sales were up 3.5% on the year."], " "),
    (["He paused...", "Then he left the room."], " "),
    (["It was... well, complicated.", "Nobody knew."], " "),
    (["The books by J. K. Rowling sold well.", "Her publisher was pleased."], " "),
    (["George W. Bush won in 2004.", "John F. Kennedy won in 1960."], " "),
    (["Acme Inc. said it would appeal.", "Shares fell."], " "),
    (["The deal was signed by Acme Inc.", "The price was not disclosed."], " "),
    (["She said: \"We will win.\"", "The crowd cheered."], " "),
    (["She said: “We will win.”", "The crowd cheered."], " "),
    (["“Where is the money?” he asked.", "Nobody answered."], " "),
    (["“Is this fair?” asked the chairman.", "It was not."], " "),
    (["“Are you going?” Maria asked.", "She was not."], " "),
    (["\"Stop!\" she shouted.", "He stopped."], " "),
    (["The list has three steps:", "1. Check the claim.", "2. Find the source.", "3. Publish."], "\n"),
    (["Visit www.example.org/fact-check.html for details.", "Or email desk@example.com today."], " "),
    (["Read more at example.com.", "The desk replies within a day."], " "),
    (["DALLAS (AP) — Officials said the fire was out.", "Nobody was hurt."], " "),
    (["The result — a narrow win — surprised nobody.", "The loser conceded."], " "),
    (["Election night in Ohio", "Polls closed at 7.30pm local time."], "\n"),
    (["Results were expected overnight.", "Turnout was high."], "\n"),
    (["The minister said the figures were\nwrong and would be corrected."], " "),
    (["Why did it fail?", "Nobody knows!", "We will find out."], " "),
    (["Sen. Elizabeth Warren (D-Mass.) spoke first.", "Gov. Kasich followed."], " "),
    (["The firm was founded in 1998.", "2004 was its best year."], " "),
    (["Prof. Jane Doe of the Univ. of Leeds disagreed.", "Her data differ."], " "),
    (["The report cites Smith et al. and others in the field."], " "),
    (["Shares rose 5% (to $4.20).", "Analysts were surprised."], " "),
    (["He bought it on eBay.", "eBay said the sale was valid."], " "),
    (["The U.K. and the U.S. signed the pact.", "It takes effect in Sept. 2006."], " "),
    (["The attacks of Sept. 11 changed everything.", "Security tightened."], " "),
    (["He lives at 10 Baker St. in London.", "It is a flat."], " "),
    (["She quoted Roe v. Wade at length.", "The court listened."], " "),
    (["It costs £5, i.e. about $9, e.g. for a ticket.", "That is cheap."], " "),
    (["“I’m done.”", "He left the stage."], " "),
    (["The answer was no.", "The vote was 12 to 3."], " "),
    (["They scored in the 90th min.", "It was 1-0."], " "),
    (["Breaking news", "The prime minister has resigned."], "\n"),
    (["Mr. Obama spoke in Washington, D.C., on Monday."], " "),
    (["Ask the U.N. Security Council.", "It decides."], " "),
    (["Martin Luther King Jr. Day is a holiday.", "Banks close."], " "),
    (["The star is Robert Downey Jr.", "He plays the lead."], " "),
    (["Is it true?!", "Yes."], " "),
    (["Yahoo! Inc. reported higher profit.", "Its shares rose."], " "),
    (["The campaign ended on Nov. 8, 2016.", "Mr. Trump won."], " "),
]
