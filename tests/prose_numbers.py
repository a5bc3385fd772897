"""Numbers in a notebook's prose must be ones its cells print (or set), section by section.

What the check covers: every number written in a markdown cell that is a measurement rather than a label
(a decimal such as 1.67, a figure with thousands separators such as 4,000, or a whole number of 10 or more)
must appear, at the precision written, among the outputs or the code of the code cells of the same ``##``
section of the notebook. Years (1900-2100), numbers below 10, identifiers written after a label (Article 33,
Resolution 1929, EV103, Figure 3.1, Exercise 1.2, Solution 0.1), days of a month next to a month name and
reading times in minutes and the references section are left out. It cannot tell whether the number matches the *right* output, nor
check numbers written in words: it catches a prose number that no cell near it computes.
"""

from __future__ import annotations

import re

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_TOKEN = re.compile(r"(?<![\w.$/-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)(?![\w/])")
_LABEL = re.compile(r"(\{exercise\}|Article|Articles|Art\.|Resolution|resolutions?|EV|CL|SC|CR|EX|AT|Figure|figure|Exercise|"
                    r"exercise|Solution|Discussion of|Table|No\.|Vol\.|type|Type|rung|version|pp?\.|Question)\s*$")
_DAY = re.compile(rf"^\s*(?:{MONTHS})\b")
_DAY_BEFORE = re.compile(rf"\b(?:{MONTHS})\s*$")
_PRINTED = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def prose_numbers(text: str) -> list[tuple[str, float]]:
    """The measurement-like numbers of a markdown text, with their values."""
    text = text.split("## References", 1)[0]
    found = []
    for m in _TOKEN.finditer(text):
        token = m.group(1)
        before, after = text[max(0, m.start() - 16):m.start()], text[m.end():m.end() + 12]
        if _LABEL.search(before) or (len(token) <= 2 and (_DAY.match(after) or _DAY_BEFORE.search(before))):
            continue
        if re.match(r"(?:-\d+)?\s*minutes", after):  # reading and seminar times
            continue
        if re.search(r"\d\(\s*$", before) and re.match(r"\)", after):  # a volume/issue number such as 28(3)
            continue
        value = float(token.replace(",", ""))
        if "." not in token and "," not in token and (value < 10 or 1900 <= value <= 2100):
            continue
        found.append((token, value))
    return found


def _cell_numbers(cell: dict) -> set[float]:
    texts = ["".join(cell.get("source", ""))]
    for output in cell.get("outputs", []):
        texts.append("".join(output.get("text", "")))
        texts.append("".join(output.get("data", {}).get("text/plain", "")))
    values = set()
    for text in texts:
        for m in _PRINTED.finditer(text):
            try:
                values.add(abs(float(m.group().replace(",", ""))))
            except ValueError:
                pass
    return values


def _shown(token: str, value: float, printed: set[float]) -> bool:
    decimals = len(token.split(".")[1]) if "." in token else 0
    for v in printed:
        if round(v, decimals) == value or (decimals == 0 and round(v) == value):
            return True
        if decimals == 0 and value >= 1000 and abs(v - value) <= 0.005 * value:
            return True
        if decimals == 0 and value >= 10 and round(v, 1) * 1 == value:  # "118" for 118.03 is round(118.03)
            return True
    return False


def unmatched(nb: dict) -> list[str]:
    """Prose numbers that no code cell of the same ``##`` section prints or sets."""
    sections: list[list[int]] = [[]]
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown" and "".join(cell["source"]).lstrip().startswith("## "):
            sections.append([])
        sections[-1].append(i)
    problems = []
    for section in sections:
        printed: set[float] = set()
        for i in section:
            if nb["cells"][i]["cell_type"] == "code":
                printed |= _cell_numbers(nb["cells"][i])
        for i in section:
            cell = nb["cells"][i]
            if cell["cell_type"] != "markdown":
                continue
            for token, value in prose_numbers("".join(cell["source"])):
                if not _shown(token, value, printed):
                    problems.append(f"c{i:03d}: {token!r} is not printed or set by a code cell of its section")
    return problems
