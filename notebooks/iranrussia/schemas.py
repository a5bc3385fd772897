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
    "UZB": "Uzbekistan", "MMR": "Myanmar", "ITA": "Italy", "JPN": "Japan", "BRA": "Brazil", "ZAF": "South Africa",
    "EGY": "Egypt", "ETH": "Ethiopia", "IDN": "Indonesia", "NOR": "Norway", "POL": "Poland",
    "BEL": "Belgium", "CAN": "Canada", "DNK": "Denmark", "ISL": "Iceland", "LUX": "Luxembourg",
    "PRT": "Portugal", "VNM": "Vietnam",
    "BRICS": "BRICS", "CSTO": "Collective Security Treaty Organization", "E3": "France, Germany and the UK",
    "EAEU": "Eurasian Economic Union", "EU": "European Union", "GCC": "Gulf Cooperation Council",
    "IAEA": "International Atomic Energy Agency", "NATO": "North Atlantic Treaty Organization",
    "EBRD": "European Bank for Reconstruction and Development", "EDB": "Eurasian Development Bank",
    "OPEC": "OPEC / OPEC+", "SCO": "Shanghai Cooperation Organisation", "UN": "United Nations",
    "WLD": "World",
}

#: The codes in ACTORS that name organisations or groups; every other code is an ISO 3166-1 alpha-3 state code.
ORGANISATIONS: frozenset[str] = frozenset({"BRICS", "CSTO", "E3", "EAEU", "EBRD", "EDB", "EU", "GCC", "IAEA",
                                           "NATO", "OPEC", "SCO", "UN", "WLD"})

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


def _event_link(date_col: str, required: Callable[[pd.DataFrame], pd.Series] | None = None) -> RowRule:
    """``event_id`` names this step's event in events.csv, dated exactly as the step is.

    ``required(df)`` marks the rows that must name one (Russia-Iran steps dated to the day, founding
    agreements): one event record, so a step recorded here is never missing from the history.
    """
    def test(df: pd.DataFrame, other) -> pd.Series:
        events = other("events").set_index("id")["date"].astype("string")
        ids = df["event_id"].astype("string")
        has = ids.notna()
        event_date = ids.map(lambda i: events.get(i) if pd.notna(i) else None).astype("string")
        step_date = df[date_col].astype("string")
        # Same date at the step's precision: a step dated '2000' matches an event of 2000-09-12; a step
        # dated to the day needs an event on that day.
        same = pd.Series([pd.notna(e) and pd.notna(d) and str(e).startswith(str(d))
                          for e, d in zip(event_date, step_date)], index=df.index)
        need = required(df).fillna(False).astype(bool) if required is not None else pd.Series(False, index=df.index)
        return (~has & ~need) | (has & same.fillna(False).astype(bool))

    rule = (f"event_id must be an id in events.csv dated as {date_col} (at its precision)"
            + ("; required for this row" if required is not None else ""))
    return RowRule("event_id", rule, test)


def _in_treaties() -> RowRule:
    return RowRule("treaty_id", "must be an id in treaties.csv",
                   lambda df, other: df["treaty_id"].isin(other("treaties")["id"]))


def _event_id() -> Field:
    return Field("event_id", "string", "Id of this step's event in events.csv (same date).", required=False,
                 pattern=r"^EV\d{3,4}$")


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
NOTEBOOK_IDS = ("01_history", "02_caucasus_axis", "03_economics", "04_military", "05_treaty_outlook", "06_verdict")

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
SCOPES = ("russia_iran", "context")


def _is_russia_iran(df: pd.DataFrame) -> pd.Series:
    return ((df["actor_1"] == "RUS") & (df["actor_2"] == "IRN")) | ((df["actor_1"] == "IRN") & (df["actor_2"] == "RUS"))


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
    title="Event record: Russia-Iran events and their context",
    description="Dated, sourced events between Russia and Iran (and third parties where they shape the "
                "relationship) since 1991, coded with CAMEO and Goldstein.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Event id, stable once published; rows are sorted by date, and ids from EV300 on "
              "are numbered in the order they were added.", unique=True, pattern=r"^EV\d{3,4}$"),
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
        Field("scope", "string", "russia_iran: Russia and Iran are the two actors; context: an event between "
              "other parties (or one of them and a third party) that the record or another table rests on.",
              enum=SCOPES),
    ),
    row_rules=(
        _precision_matches("date", "date_precision"),
        RowRule("cameo_root", "must be the first two digits of cameo_code",
                lambda df, _: df["cameo_code"].str[:2] == df["cameo_root"]),
        RowRule("cameo_code", "must be a code listed in cameo_goldstein.csv", _cameo_lookup("cameo_code")),
        RowRule("goldstein", "must equal the Goldstein weight of cameo_code in cameo_goldstein.csv",
                _cameo_lookup("goldstein")),
        RowRule("actor_2", "actor_1 and actor_2 must differ", lambda df, _: df["actor_1"] != df["actor_2"]),
        RowRule("scope", "must be russia_iran exactly when the two actors are RUS and IRN",
                lambda df, _: (df["scope"] == "russia_iran") == _is_russia_iran(df)),
    ),
)



# ---------------------------------------------------------------------------------------------
# 02 Caucasus: signed relations and corridors
# ---------------------------------------------------------------------------------------------

RELATIONS = Table(
    name="relations",
    title="Signed relations in the South Caucasus and around it",
    description="Ordinal relation (-3 war to +3 allied) between pairs of actors at snapshot years.",
    primary_key=("snapshot", "actor_a", "actor_b"),
    fields=(
        Field("snapshot", "integer", "Snapshot year; the code describes the relation over that calendar year "
              "(for the as-of year, up to the as-of date).", minimum=1991, maximum=2026),
        Field("actor_a", "string", "First actor (alphabetically first code).", enum=tuple(ACTORS)),
        Field("actor_b", "string", "Second actor.", enum=tuple(ACTORS)),
        Field("level", "integer", "-3 war, -2 hostile, -1 strained, 0 mixed or distant, +1 cooperative, "
              "+2 aligned, +3 allied (rules in the codebook).", minimum=-3, maximum=3),
        Field("treaty_tie", "boolean", "True when a defence treaty (a mutual defence obligation, COW type I; "
              "CSTO and NATO count) binds the pair that year."),
        Field("treaty", "string", "The defence treaty behind treaty_tie; where treaty_tie is False, a formal "
              "alliance without a defence duty (COW type II or III, coded in treaties.csv) that binds the pair.",
              required=False),
        Field("ambiguous", "boolean", "True when the pair is genuinely ambiguous; the rationale says why."),
        Field("rationale", "string", "One line naming the facts that decide the level, own words."),
        _sources(),
        _confidence(),
    ),
    row_rules=(RowRule("actor_b", "actor_a must sort before actor_b", lambda df, _: df["actor_a"] < df["actor_b"]),
               RowRule("treaty", "treaty_tie needs the treaty named",
                       lambda df, _: ~df["treaty_tie"].fillna(False) | df["treaty"].notna())),
)

CORRIDOR_STATUS = ("proposed", "agreed", "under_construction", "operating", "stalled")

CORRIDORS = Table(
    name="corridors",
    title="Transit corridors",
    description="The transport routes that tie the region's politics to money: branches of the North-South "
                "corridor, the Rasht-Astara railway, the route through Syunik agreed in 2025.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Corridor segment id.", unique=True, pattern=r"^CR\d{2}$"),
        Field("corridor", "string", "Corridor or route."),
        Field("segment", "string", "Segment described by the row."),
        Field("countries", "code_list", "Countries the segment crosses or that are party to it."),
        Field("length_km", "number", "Length as best supported.", required=False, minimum=0, unit="km"),
        Field("length_km_low", "number", "Lowest length given by a source.", required=False, minimum=0, unit="km"),
        Field("length_km_high", "number", "Highest length given by a source.", required=False, minimum=0, unit="km"),
        Field("agreed_date", "partial_date", "When the founding agreement was signed."),
        Field("agreed_precision", "string", "day, month or year.", enum=("day", "month", "year")),
        Field("agreement", "string", "The agreement, own words."),
        _event_id(),
        Field("places", "string", "Ids in places.csv of the places the segment names, in the order it names them "
              "(';'-separated; empty when it names none).", required=False, pattern=r"^PL\d{2}(;PL\d{2})*$"),
        Field("financing", "string", "Who pays and how, as sources state.", required=False),
        Field("cost_usd_m", "number", "Cost as stated by a source.", required=False, minimum=0, unit="US$ million"),
        Field("status", "string", "Status at status_date.", enum=CORRIDOR_STATUS),
        Field("status_date", "partial_date", "Date of the latest status information."),
        Field("notes", "string", "Disagreements, positions, caveats.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(_precision_matches("agreed_date", "agreed_precision"),
               _low_le_high("length_km_low", "length_km_high", "length_km"),
               _event_link("agreed_date", lambda df: pd.Series(True, index=df.index)),
               RowRule("places", "every id must be a row of places.csv",
                       lambda df, other: df["places"].map(lambda v: pd.isna(v) or set(v.split(";")) <=
                                                          set(other("places")["id"])).astype(bool))),
)

# ---------------------------------------------------------------------------------------------
# 03 economics: trade, partners, deflator, energy, sanctions channels
# ---------------------------------------------------------------------------------------------

REPORTERS = ("RUS_customs", "IRN_customs", "IMF_DOTS", "UN_comtrade", "other_official", "secondary")

TRADE = Table(
    name="trade",
    title="Russia-Iran bilateral trade",
    description="Yearly bilateral trade in current US dollars, one row per figure and reporter; never averaged.",
    fields=(
        Field("year", "integer", "Gregorian year (for an Iranian year, the year in which it starts).",
              minimum=1991, maximum=2026),
        Field("reporter", "string", "Who produced the figure.", enum=REPORTERS),
        Field("flow", "string", "RUS_to_IRN (Russian exports), IRN_to_RUS (Iranian exports) or total.",
              enum=("RUS_to_IRN", "IRN_to_RUS", "total")),
        Field("value_usd_m", "number", "The figure (empty when the source gives only a bound, such as "
              "'more than $4bn').", required=False, minimum=0, unit="US$ million, current"),
        Field("value_low_usd_m", "number", "Lower bound where the source gives a range.", required=False,
              minimum=0, unit="US$ million"),
        Field("value_high_usd_m", "number", "Upper bound where the source gives a range.", required=False,
              minimum=0, unit="US$ million"),
        Field("period", "string", "calendar or iranian_year (21 March to 20 March).",
              enum=("calendar", "iranian_year")),
        Field("notes", "string", "Who said it, how it was measured, why sources differ.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(_low_le_high("value_low_usd_m", "value_high_usd_m"),
               RowRule("value_usd_m", "a row needs a value or at least one bound",
                       lambda df, _: df[["value_usd_m", "value_low_usd_m", "value_high_usd_m"]].notna().any(axis=1))),
)

TRADE_PARTNERS = Table(
    name="trade_partners",
    title="Main trading partners of Iran and Russia",
    description="Each country's trade with its main partners in benchmark years, as sources state.",
    fields=(
        Field("year", "integer", "Year (for an Iranian year, the year in which it starts).", minimum=1991,
              maximum=2026),
        Field("country", "string", "Reporting country.", enum=("IRN", "RUS")),
        Field("partner", "string", "Partner country or bloc.", enum=tuple(ACTORS)),
        Field("flow", "string", "total, exports or imports.", enum=("total", "exports", "imports")),
        Field("value_usd_bn", "number", "Value, where stated.", required=False, minimum=0, unit="US$ billion"),
        Field("share_pct", "number", "Share of the country's trade, where stated.", required=False, minimum=0,
              maximum=100, unit="%"),
        Field("rank", "integer", "Rank among the country's partners, where stated.", required=False, minimum=1),
        Field("reporter", "string", "Who produced the figure.", enum=REPORTERS),
        Field("notes", "string", "Coverage caveats (non-oil only, part year, ...).", required=False),
        _sources(),
        _confidence(),
    ),
)

DEFLATOR = Table(
    name="deflator",
    title="US consumer price index (deflator)",
    description="US CPI-U annual averages, used to express dollars in constant prices.",
    primary_key=("year",),
    fields=(
        Field("year", "integer", "Year.", unique=True, minimum=1991, maximum=2026),
        Field("series", "string", "Series name."),
        Field("value", "number", "Index value (1982-84 = 100).", minimum=0),
        _sources(),
    ),
)

ENERGY = Table(
    name="energy",
    title="Oil prices, Russian oil-and-gas revenue, output, exports and gas deals",
    description="Long table of energy indicators, one row per figure as a source states it.",
    fields=(
        Field("date", "partial_date", "Date or period the figure refers to."),
        Field("date_precision", "string", "day, month or year.", enum=("day", "month", "year")),
        Field("country", "string", "Country the figure is about.", enum=tuple(ACTORS)),
        Field("indicator", "string", "What is measured (codebook lists them).",
              enum=("brent_price", "brent_price_daily", "urals_price", "oilgas_revenue", "revenue_sensitivity",
                    "crude_output", "opec_quota", "crude_exports", "china_crude_imports", "gas_deal_announced",
                    "gas_deal_delivered")),
        Field("subject", "string", "Detail: series, deal or partner.", required=False),
        Field("value", "number", "The figure.", required=False),
        Field("value_low", "number", "Lower figure where sources differ.", required=False),
        Field("value_high", "number", "Upper figure where sources differ.", required=False),
        Field("unit", "string", "Unit as stated.", required=False),
        Field("notes", "string", "Who measured it, caveats.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(_precision_matches("date", "date_precision"), _low_le_high("value_low", "value_high")),
)

SANCTIONS_CHANNELS = Table(
    name="sanctions_channels",
    title="Channels built around sanctions",
    description="Payment links, settlement in national currencies, the free-trade agreement and transport "
                "links, with what was announced and what carries volume.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Row id.", unique=True, pattern=r"^SC\d{2}$"),
        Field("channel", "string", "The instrument."),
        Field("kind", "string", "Type of instrument.",
              enum=("bank_messaging", "cards", "currency_settlement", "free_trade", "corridor", "railway", "other")),
        Field("step", "string", "agreement, launch, milestone, claim or status_report.",
              enum=("agreement", "launch", "milestone", "claim", "status_report")),
        Field("date", "partial_date", "When."),
        Field("date_precision", "string", "day, month or year.", enum=("day", "month", "year")),
        Field("status", "string", "Status at that date.", enum=("announced", "operating", "partly_operating",
                                                                  "stalled")),
        Field("metric", "string", "What a figure measures, if any.", required=False),
        Field("value", "string", "The figure as stated (text: some are ranges or counts of banks).",
              required=False),
        Field("unit", "string", "Unit.", required=False),
        Field("claimed_by", "string", "Who made the claim.", required=False),
        _event_id(),
        Field("notes", "string", "Caveats.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(_precision_matches("date", "date_precision"),
               _event_link("date", lambda df: df["step"].isin(["agreement", "launch", "milestone"])
                           & (df["date_precision"] == "day"))),
)

# ---------------------------------------------------------------------------------------------
# 04 military: arms register, SIPRI figures, exercises, drones
# ---------------------------------------------------------------------------------------------

ARMS_STATUS = ("delivered", "in_delivery", "ordered", "reported_only", "denied", "cancelled_or_banned")

ARMS = Table(
    name="arms_transfers",
    title="Arms transfers between Russia and Iran",
    description="A register of deals in both directions, in the style of the SIPRI Arms Transfers Database.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Deal id.", unique=True, pattern=r"^AT\d{2}$"),
        Field("supplier", "string", "Supplier (RUS also for Soviet deals of 1989-1991).", enum=("RUS", "IRN")),
        Field("recipient", "string", "Recipient.", enum=("RUS", "IRN")),
        Field("designation", "string", "Weapon designation (both names where two exist)."),
        Field("description", "string", "What it is, own words."),
        Field("category", "string", "SIPRI-style weapon category; launch_service for a Russian launch of an "
              "Iranian-built satellite (a service, not a weapon: kept in the register, left out of its arms counts).",
              enum=("aircraft", "air_defence", "armoured_vehicles", "missiles", "ships", "engines", "sensors",
                    "artillery", "drones", "ammunition", "other", "launch_service")),
        Field("number_ordered", "integer", "Number ordered, where stated.", required=False, minimum=0),
        Field("number_ordered_low", "integer", "Lowest number ordered given.", required=False, minimum=0),
        Field("number_ordered_high", "integer", "Highest number ordered given.", required=False, minimum=0),
        Field("order_year", "integer", "Year of order.", required=False, minimum=1985, maximum=2026),
        Field("delivery_first", "partial_date", "First delivery.", required=False),
        Field("delivery_last", "partial_date", "Last delivery.", required=False),
        _event_id(),
        Field("number_delivered", "integer", "Number delivered, where stated.", required=False, minimum=0),
        Field("number_delivered_low", "integer", "Lowest number delivered given.", required=False, minimum=0),
        Field("number_delivered_high", "integer", "Highest number delivered given.", required=False, minimum=0),
        Field("status", "string", "Deal status.", enum=ARMS_STATUS),
        Field("licensed_production", "boolean", "True when produced under licence in the recipient country."),
        Field("notes", "string", "Sources' disagreements and caveats.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(RowRule("recipient", "supplier and recipient must differ",
                       lambda df, _: df["supplier"] != df["recipient"]),
               _low_le_high("number_ordered_low", "number_ordered_high"),
               _low_le_high("number_delivered_low", "number_delivered_high"),
               _event_link("delivery_first", lambda df: df["delivery_first"].astype("string").str.len() == 10)),
)

SIPRI = Table(
    name="sipri_figures",
    title="SIPRI figures as quoted",
    description="SIPRI's own published figures (TIV, shares, ranks) as quoted by a source; never computed here.",
    fields=(
        Field("period", "string", "Year or period (YYYY or YYYY-YYYY).", pattern=r"^\d{4}(-\d{4})?$"),
        Field("supplier", "string", "Supplier.", enum=tuple(ACTORS)),
        Field("recipient", "string", "Recipient (empty for all recipients).", required=False, enum=tuple(ACTORS)),
        Field("measure", "string", "What the figure is.",
              enum=("tiv", "share_of_recipient_imports", "share_of_supplier_exports", "rank_as_supplier")),
        Field("value", "number", "The figure.", minimum=0),
        Field("unit", "string", "Unit as stated."),
        Field("notes", "string", "Caveats.", required=False),
        _sources(),
    ),
)

EXERCISES = Table(
    name="exercises",
    title="Joint exercises and port calls",
    description="Military exercises and port calls involving Russia and Iran.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Exercise id.", unique=True, pattern=r"^EX\d{2}$"),
        Field("name", "string", "Name of the exercise or visit."),
        Field("start_date", "partial_date", "Start."),
        Field("end_date", "partial_date", "End, where stated.", required=False),
        Field("date_precision", "string", "Precision of start_date.", enum=("day", "month", "year")),
        Field("location", "string", "Where."),
        Field("participants", "code_list", "Participating states."),
        Field("kind", "string", "Kind.", enum=("naval_exercise", "port_call", "land_exercise", "air_exercise",
                                               "multinational_exercise", "other")),
        _event_id(),
        Field("notes", "string", "Caveats.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(_precision_matches("start_date", "date_precision"),
               _event_link("start_date", lambda df: (df["date_precision"] == "day")
                           & df["participants"].str.contains("RUS") & df["participants"].str.contains("IRN"))),
)

DRONES = Table(
    name="drones",
    title="Long-range attack drones launched at Ukraine, and their production",
    description="Figures on Shahed/Geran drones by counter: monthly launches, interceptions, production "
                "estimates, other quantified statements.",
    fields=(
        Field("series", "string", "What is counted.",
              enum=("launched", "intercepted", "intercept_share", "production", "stock_or_other")),
        Field("period", "partial_date", "Month (YYYY-MM), year (YYYY) or date of a statement (YYYY-MM-DD)."),
        Field("period_precision", "string", "month, year or day.", enum=("day", "month", "year")),
        Field("drone_type", "string", "Which drones the figure covers.",
              enum=("shahed_geran", "incl_decoys", "decoy", "all_long_range_drones")),
        Field("counter", "string", "Who counted (e.g. UA_air_force, UA_intelligence, CSIS)."),
        Field("value", "number", "The figure (empty for a bound-only or qualitative statement).", required=False,
              minimum=0),
        Field("value_low", "number", "Lowest figure among counters for the same period.", required=False, minimum=0),
        Field("value_high", "number", "Highest figure among counters for the same period.", required=False,
              minimum=0),
        Field("unit", "string", "Unit as stated."),
        Field("notes", "string", "Who compiled it, caveats.", required=False),
        Field("outlier", "boolean", "True when the row's own notes set it aside as an outlier (a different counting "
              "basis or an error): kept in the table, left out of monthly ranges and sums."),
        _sources(),
        _confidence(),
    ),
    row_rules=(_precision_matches("period", "period_precision"), _low_le_high("value_low", "value_high"),
               RowRule("value", "a row needs a value or a bound, unless its unit says it is qualitative",
                       lambda df, _: df[["value", "value_low", "value_high"]].notna().any(axis=1)
                       | df["unit"].str.startswith("qualitative"))),
)

# ---------------------------------------------------------------------------------------------
# 05 treaty outlook: treaties coded like ATOP / COW, provisions, the 2025 treaty's articles
# ---------------------------------------------------------------------------------------------

PROVISION_NAMES = ("mutual_defence", "non_assistance_to_aggressor", "no_territory_use_against", "military_technical",
                   "intelligence_security", "joint_exercises", "sanctions_nonrecognition", "consultation",
                   "dispute_settlement")
STRENGTHS = ("binding", "best_effort", "declaratory", "absent", "not_found")

TREATIES = Table(
    name="treaties",
    title="Treaties coded in the manner of ATOP and the Correlates of War",
    description="One row per treaty: parties, dates, duration, and the five ATOP obligations with their "
                "conditions and articles.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Treaty id.", unique=True, pattern=r"^[A-Z]{3}(-[A-Z]{3})?-\d{4}$"),
        Field("short_name", "string", "Short name."),
        Field("full_name", "string", "Official title (English)."),
        Field("parties", "code_list", "Parties at signing."),
        Field("signed", "partial_date", "Date of signature."),
        Field("in_force", "partial_date", "Date of entry into force, where sourced.", required=False),
        Field("ended", "partial_date", "Date the treaty ceased to be in force (superseded, denounced), where sourced.",
              required=False),
        Field("duration", "string", "Term as stated.", required=False),
        Field("renewal", "string", "Renewal rule as stated.", required=False),
        Field("defence", "boolean", "ATOP defence obligation: help a partner that is attacked."),
        Field("defence_conditions", "string", "When the defence obligation applies.", required=False),
        Field("defence_article", "string", "Article(s).", required=False),
        Field("offence", "boolean", "ATOP offence obligation."),
        Field("offence_article", "string", "Article(s).", required=False),
        Field("neutrality", "boolean", "ATOP neutrality obligation: no aid to a partner's attacker."),
        Field("neutrality_article", "string", "Article(s).", required=False),
        Field("nonaggression", "boolean", "ATOP non-aggression obligation."),
        Field("nonaggression_article", "string", "Article(s).", required=False),
        Field("consultation", "boolean", "ATOP consultation obligation in a military crisis."),
        Field("consultation_conditions", "string", "When consultation applies.", required=False),
        Field("consultation_article", "string", "Article(s).", required=False),
        Field("cow_type", "string", "Correlates of War type: I defence pact, II neutrality or non-aggression, "
              "III entente, none.", enum=("I", "II", "III", "none")),
        Field("notes", "string", "Coding notes, disagreements.", required=False),
        _sources(),
        _confidence(),
    ),
)

TREATY_PROVISIONS = Table(
    name="treaty_provisions",
    title="Treaty provisions that measure depth",
    description="For each treaty and each of nine provisions: the article and the strength of its wording.",
    primary_key=("treaty_id", "provision"),
    fields=(
        Field("treaty_id", "string", "Treaty id in treaties.csv."),
        Field("provision", "string", "Provision.", enum=PROVISION_NAMES),
        Field("article", "string", "Article(s) it rests on.", required=False),
        Field("strength", "string", "binding, best_effort, declaratory, absent (sourced absence) or not_found "
              "(no clause in the text that could be read).", enum=STRENGTHS),
        Field("paraphrase", "string", "The provision in the project's words.", required=False),
        Field("key_phrase", "string", "A few words of the text, where the wording matters.", required=False),
        _sources(required=False),
    ),
    row_rules=(_in_treaties(),
               RowRule("source_ids", "every coding except not_found cites its source",
                       lambda df, _: (df["strength"] == "not_found") | df["source_ids"].notna())),
)

TREATY_2025 = Table(
    name="treaty_2025_articles",
    title="Articles of the 2025 Russia-Iran treaty",
    description="The articles of the Comprehensive Strategic Partnership Treaty that could be tied to their "
                "number in a source: domain, wording strength, summary.",
    primary_key=("article",),
    fields=(
        Field("article", "integer", "Article number.", unique=True, minimum=1, maximum=47),
        Field("domain", "string", "Field the article covers.",
              enum=("general", "political", "security", "military", "intelligence", "legal", "economic", "energy",
                    "transport", "finance", "science_culture", "information", "humanitarian", "final_provisions",
                    "regional")),
        Field("strength", "string", "Wording strength.", enum=STRENGTHS[:3]),
        Field("summary", "string", "One line, own words."),
        _sources(),
    ),
)

TREATY_MILESTONES = Table(
    name="treaty_milestones",
    title="Treaty milestones",
    description=("Signing, ratification, entry into force and extension of the two Russia-Iran treaties; "
                 "one invocation of the Russia-North Korea treaty."),
    fields=(
        Field("treaty_id", "string", "Treaty id in treaties.csv."),
        Field("step", "string", "Step.", enum=("signed", "ratified_lower_house", "ratified_upper_house",
                                               "approved_guardian_council", "approved_committee", "signed_into_law",
                                               "notification", "entry_into_force", "extended", "invoked")),
        Field("date", "partial_date", "When."),
        Field("date_precision", "string", "day, month or year.", enum=("day", "month", "year")),
        Field("body", "string", "Who acted."),
        _event_id(),
        Field("notes", "string", "Disagreements.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(_precision_matches("date", "date_precision"),
               _in_treaties(),
               _event_link("date", lambda df: df["treaty_id"].str.startswith("RUS-IRN"))),
)

ATOP_CODINGS = Table(
    name="atop_codings",
    title="ATOP's own coding of treaties in the set",
    description="The five ATOP obligation flags as the ATOP project coded each treaty it covers (its data run to "
                "2018), to set beside the project's own coding in treaties.csv.",
    primary_key=("treaty_id",),
    fields=(
        Field("treaty_id", "string", "Treaty id in treaties.csv.", unique=True),
        Field("atop_id", "integer", "ATOP alliance id (atopid).", minimum=1000, maximum=9999),
        Field("atop_version", "string", "ATOP data version read.", pattern=r"^\d+\.\d+$"),
        Field("defence", "boolean", "ATOP defence obligation."),
        Field("offence", "boolean", "ATOP offence obligation."),
        Field("neutrality", "boolean", "ATOP neutrality obligation."),
        Field("nonaggression", "boolean", "ATOP non-aggression obligation."),
        Field("consultation", "boolean", "ATOP consultation obligation."),
        Field("notes", "string", "How the coding was read.", required=False),
        _sources(),
    ),
    row_rules=(_in_treaties(),),
)

PLACES = Table(
    name="places",
    title="Places drawn on the maps",
    description="Capitals, ports, rail nodes and border towns with their coordinates from GeoNames.",
    primary_key=("id",),
    fields=(
        Field("id", "string", "Place id, cited in corridors.csv.", unique=True, pattern=r"^PL\d{2}$"),
        Field("name", "string", "Name in English."),
        Field("country", "string", "Country (ISO 3166-1 alpha-3).", enum=tuple(ACTORS)),
        Field("role", "string", "What the place is on the maps.",
              enum=("capital", "port", "rail node", "border town", "town")),
        Field("lat", "number", "Latitude, degrees north (GeoNames).", minimum=-90, maximum=90, unit="degree"),
        Field("lon", "number", "Longitude, degrees east (GeoNames).", minimum=-180, maximum=180, unit="degree"),
        Field("geonameid", "integer", "GeoNames id of the place read.", minimum=1),
        _sources(),
    ),
)

# ---------------------------------------------------------------------------------------------
# 06 verdict: alignment indicators of Russia's partners, and General Assembly votes
# ---------------------------------------------------------------------------------------------

#: The study's periods: the Caucasus snapshots of 02 (2008, 2015, 2020, 2023) and the latest full year.
PERIODS = (2008, 2015, 2020, 2023, 2025)
WAR_PARTS = ("none", "weapons", "territory", "troops")
#: Each alignment indicator and the form of its value.
INDICATORS: dict[str, str] = {
    "treaty_in_force": "treaty ids",
    "forces_on_soil": "boolean",
    "partner_in_russia_war": "war part",
    "russia_in_partner_war": "war part",
    "arms_from_russia_share_pct": "number",
    "arms_transfers": "boolean",
    "joint_exercises": "count",
    "un_shield": "boolean",
    "leader_meetings": "count",
    "share_of_russia_trade_pct": "number",
    "russia_share_of_partner_trade_pct": "number",
    "trade_usd_bn": "number",
}


def _value_fits(df: pd.DataFrame, other) -> pd.Series:
    treaties = set(other("treaties")["id"])

    def fits(indicator: str, value: str) -> bool:
        form = INDICATORS.get(indicator)
        if form == "boolean":
            return value in ("true", "false")
        if form == "war part":
            return value in WAR_PARTS
        if form == "treaty ids":
            return all(v in treaties for v in value.split(";"))
        try:
            number = float(value)
        except ValueError:
            return False
        if form == "count":
            return number >= 0 and number == int(number)
        return number >= 0 and not (indicator.endswith("_pct") and number > 100)
    return pd.Series([fits(i, v) for i, v in zip(df["indicator"], df["value"])], index=df.index)


ALIGNMENT = Table(
    name="alignment",
    title="Alignment indicators of Russia's partners",
    description="One row per dyad, period and indicator: the facts the ladder of alignment places each of Russia's "
                "partners by (and one contrast pair), each citing its pages. Facts the collection's own tables "
                "hold for Russia and Iran are read from those tables, not copied here.",
    primary_key=("state_a", "state_b", "year", "indicator"),
    fields=(
        Field("state_a", "string", "Russia, or the contrast pair's first state.", enum=tuple(ACTORS)),
        Field("state_b", "string", "The partner.", enum=tuple(ACTORS)),
        Field("year", "integer", "Period (calendar year).", minimum=2008, maximum=2025),
        Field("indicator", "string", "What is measured (the codebook defines each).", enum=tuple(INDICATORS)),
        Field("value", "string", "true/false; none, weapons, territory or troops; a number; or treaty ids."),
        Field("unit", "string", "Unit or window (e.g. SIPRI 2019-2023).", required=False),
        Field("notes", "string", "What the page states, in own words.", required=False),
        _sources(),
        _confidence(),
    ),
    row_rules=(RowRule("value", "must have the form the indicator takes (codebook, 'alignment.csv')", _value_fits),
               RowRule("year", "must be one of the study's periods " + ", ".join(map(str, PERIODS)),
                       lambda df, _: df["year"].isin(PERIODS))),
)

VOTES = ("yes", "no", "abstain", "absent")
GA_VOTES = Table(
    name="ga_votes",
    title="General Assembly votes on Russia's war in Ukraine",
    description="How Russia, its partners and the contrast pair voted on the General Assembly's resolutions on "
                "Ukraine (2014, and the eleventh emergency special session from 2022), from the UN's records.",
    primary_key=("resolution", "state"),
    fields=(
        Field("resolution", "string", "Resolution symbol.", pattern=r"^A/RES/(ES-11/\d+|\d+/\d+)$"),
        Field("date", "date", "Date of the vote."),
        Field("title", "string", "Subject, short."),
        Field("state", "string", "Voting state (ISO 3166-1 alpha-3).", enum=tuple(ACTORS)),
        Field("vote", "string", "yes, no, abstain, or absent (did not vote).", enum=VOTES),
        Field("notes", "string", "Notes.", required=False),
        _sources(),
    ),
)

#: Every table, by name, in the order the codebook describes them.
TABLES: dict[str, Table] = {t.name: t for t in (
    SOURCES, CAMEO, CLAIMS, EVENTS, RELATIONS, CORRIDORS, TRADE, TRADE_PARTNERS, DEFLATOR, ENERGY, SANCTIONS_CHANNELS,
    ARMS, SIPRI, EXERCISES, DRONES, TREATIES, TREATY_PROVISIONS, TREATY_2025, TREATY_MILESTONES, ATOP_CODINGS, PLACES, ALIGNMENT, GA_VOTES)}
