"""The one place where every table in ``data/`` is described.

Each :class:`Table` lists its fields with type, rule and meaning. The loader
(:mod:`iranrussia.data`) turns these into pandera schemas for validation, and
``tools/collection.py datapackage`` turns the same objects into the Frictionless
``data/datapackage.json``, so the two can never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

#: ISO 3166-1 alpha-3 codes of the states in the data, and short codes of organisations.
ACTORS: dict[str, str] = {
    "AFG": "Afghanistan", "ARE": "United Arab Emirates", "ARM": "Armenia", "AZE": "Azerbaijan",
    "BLR": "Belarus", "CHN": "China", "DEU": "Germany", "FRA": "France", "GBR": "United Kingdom",
    "GEO": "Georgia", "IND": "India", "IRN": "Iran", "IRQ": "Iraq", "ISR": "Israel",
    "KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "KOR": "South Korea", "LBN": "Lebanon",
    "MYS": "Malaysia", "NLD": "Netherlands", "OMN": "Oman", "PAK": "Pakistan", "PRK": "North Korea",
    "QAT": "Qatar", "RUS": "Russia", "SAU": "Saudi Arabia", "SYR": "Syria", "TJK": "Tajikistan",
    "TKM": "Turkmenistan", "TUR": "Turkey", "UKR": "Ukraine", "USA": "United States",
    "UZB": "Uzbekistan", "ITA": "Italy", "JPN": "Japan", "BRA": "Brazil", "ZAF": "South Africa",
    "EGY": "Egypt", "ETH": "Ethiopia", "IDN": "Indonesia", "NOR": "Norway", "POL": "Poland",
    "BEL": "Belgium", "CAN": "Canada", "DNK": "Denmark", "ISL": "Iceland", "LUX": "Luxembourg",
    "PRT": "Portugal", "VNM": "Vietnam",
    "BRICS": "BRICS", "CSTO": "Collective Security Treaty Organization", "E3": "France, Germany and the UK",
    "EAEU": "Eurasian Economic Union", "EU": "European Union", "GCC": "Gulf Cooperation Council",
    "IAEA": "International Atomic Energy Agency", "NATO": "North Atlantic Treaty Organization",
    "OPEC": "OPEC / OPEC+", "SCO": "Shanghai Cooperation Organisation", "UN": "United Nations",
    "WLD": "World",
}

CONFIDENCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Field:
    """One column: its type, its rules and what it means.

    ``type`` is one of ``string``, ``integer``, ``number``, ``boolean``, ``date``
    (a full ISO date), ``partial_date`` (ISO at day, month or year precision),
    ``code_list`` (``;``-separated values from ``enum``) or ``source_list``
    (``;``-separated ids that must exist in ``sources.csv``).
    """

    name: str
    type: str
    description: str
    required: bool = True
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    unique: bool = False
    unit: str | None = None


@dataclass(frozen=True)
class RowRule:
    """A rule across columns (or tables): ``test(df, other)`` is True where a row passes.

    ``other(name)`` loads another table from the same folder, for rules such as
    "this code must exist in the lookup table".
    """

    column: str
    rule: str
    test: Callable[[pd.DataFrame, Callable[[str], pd.DataFrame]], pd.Series]


@dataclass(frozen=True)
class Table:
    """A CSV file in ``data/`` and the rules every row must meet."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    row_rules: tuple[RowRule, ...] = field(default_factory=tuple)

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


def _confidence() -> Field:
    return Field("confidence", "string", "high: primary or two independent sources; medium: one reliable "
                 "source; low: single report, unconfirmed or denied by a party.", enum=CONFIDENCE)


def _sources(required: bool = True) -> Field:
    return Field("source_ids", "source_list", "Ids of the rows in sources.csv that state this row, "
                 "separated by ';'.", required=required)


def _precision_matches(date_col: str, precision_col: str) -> RowRule:
    lengths = {"day": 10, "month": 7, "year": 4}

    def test(df: pd.DataFrame, _other=None) -> pd.Series:
        want = df[precision_col].map(lengths)
        have = df[date_col].astype("string").str.len()
        return (want == have) | df[date_col].isna() | df[precision_col].isna()

    return RowRule(date_col, f"length must match {precision_col} (day: YYYY-MM-DD, month: YYYY-MM, year: YYYY)", test)


def _low_le_high(low: str, high: str, value: str | None = None) -> RowRule:
    def test(df: pd.DataFrame, _other=None) -> pd.Series:
        ok = df[low].isna() | df[high].isna() | (df[low] <= df[high])
        if value is not None:
            inside = df[value].isna() | df[low].isna() | df[high].isna() | (
                (df[low] <= df[value]) & (df[value] <= df[high]))
            ok = ok & inside
        return ok

    rule = f"{low} <= {high}" + (f" and {value} between them" if value else "")
    return RowRule(low, rule, test)


SOURCES = Table(
    name="sources",
    title="Sources",
    description="Every page the data rest on: one row per URL that was read.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Source id, cited in other tables' source_ids.", unique=True,
              pattern=r"^[A-Z]{1,3}\d{3}$"),
        Field("url", "string", "Address of the page that was read.", unique=True, pattern=r"^https?://\S+$"),
        Field("title", "string", "Title of the page."),
        Field("publisher", "string", "Who published it."),
        Field("published", "partial_date", "Publication date shown on the page (day, month or year).",
              required=False),
        Field("accessed", "date", "Date the page was read."),
        Field("kind", "string", "What sort of source it is.",
              enum=("official", "treaty_text", "statistics", "news", "wire", "think_tank", "reference",
                    "academic", "dataset")),
        Field("language", "string", "ISO 639-1 language of the page.", pattern=r"^[a-z]{2}$"),
    ),
)

CAMEO = Table(
    name="cameo_goldstein",
    title="CAMEO codes and Goldstein weights",
    description="The CAMEO event codes with the Goldstein conflict-cooperation weight GDELT publishes for each.",
    primary_key=("code",),
    fields=(
        Field("code", "string", "CAMEO event code (2-4 digits, leading zero kept).", unique=True,
              pattern=r"^\d{2,4}$"),
        Field("root", "string", "CAMEO root code (first two digits).", pattern=r"^(0[1-9]|1\d|20)$"),
        Field("label", "string", "The code's name in the CAMEO codebook."),
        Field("goldstein", "number", "Goldstein weight, -10 (most conflictual) to +10 (most cooperative).",
              minimum=-10, maximum=10),
        Field("quad_class", "string", "GDELT quad class derived from the root code.",
              enum=("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")),
        _sources(),
    ),
    row_rules=(RowRule("root", "root must be the first two digits of code",
                       lambda df, _: df["code"].str[:2] == df["root"]),),
)

VERDICTS = ("supported", "partly supported", "not supported", "outdated", "cannot be judged", "pending")
NOTEBOOK_IDS = ("01_history", "02_caucasus_axis", "03_economics", "04_military", "05_treaty_outlook")

CLAIMS = Table(
    name="claims",
    title="Claims ledger",
    description="Each checkable claim of the source article, paraphrased, with the verdict its notebook gives.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Claim id.", unique=True, pattern=r"^CL\d{2}$"),
        Field("section", "string", "Section of the article the claim comes from (paraphrased heading)."),
        Field("topic", "string", "Topic.", enum=("history", "caucasus", "economics", "military", "regional",
                                                  "treaty", "overall")),
        Field("kind", "string", "fact, forecast or interpretation.", enum=("fact", "forecast", "interpretation")),
        Field("claim", "string", "The claim in the project's own words."),
        Field("phrase", "string", "A short phrase of the article's own wording, where it matters.",
              required=False),
        Field("notebook", "string", "The notebook that judges the claim.", enum=NOTEBOOK_IDS),
        Field("verdict", "string", "Verdict; pending only until the judging notebook exists.", enum=VERDICTS),
        Field("sense", "string", "Which sense of 'ally' the verdict uses, where it applies.",
              enum=("formal alliance", "alignment in practice", "both", "not about alliance"), required=False),
        Field("evidence", "string", "Event ids, table rows or figures the verdict rests on.", required=False),
        Field("reason", "string", "One-line reason for the verdict.", required=False),
    ),
    row_rules=(
        RowRule("evidence", "a verdict other than pending needs evidence",
                lambda df, _: (df["verdict"] == "pending") | df["evidence"].notna()),
        RowRule("reason", "a verdict other than pending needs a reason",
                lambda df, _: (df["verdict"] == "pending") | df["reason"].notna()),
    ),
)

# ---------------------------------------------------------------------------------------------
# 01 history: the event record
# ---------------------------------------------------------------------------------------------

EVENT_KINDS = ("visit", "meeting", "agreement", "treaty", "arms_transfer", "military_operation", "exercise",
               "statement", "sanction", "un_vote", "trade", "energy", "nuclear", "accession", "incident")
EVENT_DOMAINS = ("diplomacy", "military", "economy", "energy", "nuclear", "caucasus", "syria", "ukraine_war",
                 "middle_east", "multilateral")
PRECISIONS = ("day", "month", "year")


def _cameo_lookup(column: str):
    def test(df: pd.DataFrame, other) -> pd.Series:
        cameo = other("cameo_goldstein").set_index("code")
        if column == "cameo_code":
            return df["cameo_code"].isin(cameo.index)
        expected = df["cameo_code"].map(cameo["goldstein"])
        return (df["goldstein"] - expected).abs() < 1e-9
    return test


EVENTS = Table(
    name="events",
    title="Event record of the Russia-Iran relationship",
    description="Dated, sourced events between Russia and Iran (and third parties where they shape the "
                "relationship) since 1991, coded with CAMEO and Goldstein.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Event id, in date order.", unique=True, pattern=r"^EV\d{3,4}$"),
        Field("date", "partial_date", "Date of the event, at the precision the sources give."),
        Field("date_precision", "string", "day, month or year.", enum=PRECISIONS),
        Field("actor_1", "string", "Who acts (ISO 3166 alpha-3 or organisation code).", enum=tuple(ACTORS)),
        Field("actor_2", "string", "Who is acted upon.", enum=tuple(ACTORS)),
        Field("kind", "string", "Kind of event.", enum=EVENT_KINDS),
        Field("domain", "string", "Field of the relationship.", enum=EVENT_DOMAINS),
        Field("cameo_code", "string", "Three-digit CAMEO code.", pattern=r"^\d{3}$"),
        Field("cameo_root", "string", "CAMEO root code (01-20).", pattern=r"^(0[1-9]|1\d|20)$"),
        Field("goldstein", "number", "Goldstein weight of the CAMEO code.", minimum=-10, maximum=10),
        Field("leaders_meeting", "boolean", "True when the two heads of state (or Iran's Supreme Leader and "
              "Russia's president) met in person."),
        Field("title", "string", "Short title, own words."),
        Field("description", "string", "One or two sentences, own words."),
        _sources(),
        _confidence(),
        Field("reported", "boolean", "True when a party denies the event or it is unconfirmed."),
        Field("coding_note", "string", "Why this CAMEO code, where not obvious.", required=False),
    ),
    row_rules=(
        _precision_matches("date", "date_precision"),
        RowRule("cameo_root", "must be the first two digits of cameo_code",
                lambda df, _: df["cameo_code"].str[:2] == df["cameo_root"]),
        RowRule("cameo_code", "must be a code listed in cameo_goldstein.csv", _cameo_lookup("cameo_code")),
        RowRule("goldstein", "must equal the Goldstein weight of cameo_code in cameo_goldstein.csv",
                _cameo_lookup("goldstein")),
        RowRule("actor_2", "actor_1 and actor_2 must differ", lambda df, _: df["actor_1"] != df["actor_2"]),
    ),
)


#: Every table, by name, in the order the codebook describes them.
TABLES: dict[str, Table] = {t.name: t for t in (SOURCES, CAMEO, CLAIMS, EVENTS)}
