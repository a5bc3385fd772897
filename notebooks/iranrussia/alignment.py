"""The two ladders of the collection, written as rules over indicators, and their sensitivity.

The introduction defines two ladders. *Written obligation* follows ATOP (Leeds et al. 2002) and the Correlates
of War types (Gibler 2009): what the treaty in force promises. *Alignment in practice* follows Wilkins's
alignment (2012: shared expectations of support shown in behaviour) and Korolev's stages (2024: alignment
deepens as cooperation spreads across domains): what the pair does. Each rung is a rule over named indicators;
a missing indicator is unknown, never counted as 0 or False, and a rule that needs it says "unknown" rather
than guess.

Every function takes plain dicts or DataFrames, so the rules can be tested on hand-worked dyads.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

#: Rungs of written obligation, lowest first.
WRITTEN: tuple[str, ...] = ("none", "entente", "neutrality or non-aggression pact", "defence pact",
                            "integrated alliance")
#: Rungs of alignment in practice, lowest first.
PRACTICE: tuple[str, ...] = ("adversaries", "rivals", "limited partners", "aligned strategic partners",
                             "co-belligerents")
UNKNOWN = "unknown"

#: The four domains of practical support and the indicators that show each.
DOMAINS: dict[str, tuple[str, ...]] = {
    "military": ("arms_transfers", "joint_exercises", "forces_on_soil"),
    "diplomatic": ("un_shield", "ga_votes_with_russia"),
    "leaders": ("leader_meetings",),
    "economic": ("share_of_russia_trade_pct", "russia_share_of_partner_trade_pct"),
}
#: The ways one state's war can draw in the other, weakest first (``alignment.csv``).
WAR_PARTS: tuple[str, ...] = ("none", "weapons", "territory", "troops")


@dataclass(frozen=True)
class Rules:
    """The thresholds and switches the rungs use; ``BASE`` is the collection's rule set.

    ``alliance_from``: the lowest written rung that counts as a formal alliance in :func:`is_formal_ally`:
    "entente" (ATOP: any of its obligations, consultation included), or a stricter rung.
    ``cobelligerence_required``: whether the top practical rung below co-belligerence, aligned strategic
    partners, also needs co-belligerence (a stricter reading of alignment as shared war).
    ``vote_weight``: how many domains the diplomatic domain counts for (1 by default; 2 weighs votes over arms).
    ``war_part_from``: the weakest part in the other's war that makes co-belligerence: "territory" (the partner's
    soil used to fight from, or troops) by default; "weapons" counts supplying the weapons a war is fought with;
    "troops" counts only soldiers in the fight.
    The economic domain shows support when the partner holds at least ``min_share_of_russia_trade_pct`` of
    Russia's trade, or Russia at least ``min_russia_share_of_partner_pct`` of the partner's.
    """

    domains_for_alignment: int = 3
    min_leader_meetings: int = 2
    min_share_of_russia_trade_pct: float = 5.0
    min_russia_share_of_partner_pct: float = 10.0
    min_ga_share: float = 0.5
    war_part_from: str = "territory"
    alliance_from: str = "entente"
    cobelligerence_required: bool = False
    vote_weight: int = 1


BASE = Rules()
#: The stated alternatives the sensitivity analysis applies, one at a time.
ALTERNATIVES: dict[str, Rules] = {
    "a consultation pact is no alliance": replace(BASE, alliance_from="neutrality or non-aggression pact"),
    "only a defence pact is an alliance": replace(BASE, alliance_from="defence pact"),
    "co-belligerence required for alignment": replace(BASE, cobelligerence_required=True),
    "votes weigh double": replace(BASE, vote_weight=2),
    "two domains suffice for alignment": replace(BASE, domains_for_alignment=2),
    "weapons for the other's war make co-belligerence": replace(BASE, war_part_from="weapons"),
    "only troops make co-belligerence": replace(BASE, war_part_from="troops"),
}


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


def _flag(row: dict, key: str) -> bool:
    """True only where ``row[key]`` is a known true value (a missing flag, None or NaN, is False)."""
    value = row.get(key)
    return _known(value) and bool(value)


def written_rung(row: dict) -> str:
    """The written-obligation rung from the ATOP flags of the treaty in force and the integration flag.

    ``defence``, ``neutrality``, ``nonaggression``, ``consultation`` are the flags (``treaty_in_force`` False
    means no treaty: rung "none"); ``forces_on_soil`` (troops or bases of one on the other's soil, e.g. Russian
    bases in the partner) turns a defence pact into an integrated alliance. Unknown flags give "unknown".
    """
    if _known(row.get("treaty_in_force")) and not row["treaty_in_force"]:
        return "none"
    flags = [row.get(k) for k in ("defence", "neutrality", "nonaggression", "consultation")]
    if not all(_known(f) for f in flags):
        return UNKNOWN
    defence, neutrality, nonaggression, consultation = (bool(f) for f in flags)
    if defence:
        forces = row.get("forces_on_soil")
        if not _known(forces):
            return "defence pact"  # at least a defence pact; integration unknown
        return "integrated alliance" if forces else "defence pact"
    if neutrality or nonaggression:
        return "neutrality or non-aggression pact"
    return "entente" if consultation else "none"


def domain_support(row: dict, rules: Rules = BASE) -> dict[str, bool | None]:
    """For each domain: True if an indicator shows support, False if all its indicators are known and none
    does, None if unknown. A count flagged ``<indicator>_at_least`` is a lower bound: below the threshold it is
    unknown."""
    tests = {
        "arms_transfers": lambda v: v >= 1,
        "joint_exercises": lambda v: v >= 1,
        "forces_on_soil": bool,
        "un_shield": bool,
        "ga_votes_with_russia": lambda v: v >= rules.min_ga_share,
        "leader_meetings": lambda v: v >= rules.min_leader_meetings,
        "share_of_russia_trade_pct": lambda v: v >= rules.min_share_of_russia_trade_pct,
        "russia_share_of_partner_trade_pct": lambda v: v >= rules.min_russia_share_of_partner_pct,
    }
    out: dict[str, bool | None] = {}
    for domain, indicators in DOMAINS.items():
        values = [row.get(i) for i in indicators]
        # a count known only as a lower bound ("at least 1") shows support when it reaches the threshold,
        # and is unknown, not absent, when it does not
        values = [None if _known(v) and _flag(row, f"{i}_at_least") and not tests[i](v) else v
                  for i, v in zip(indicators, values)]
        shown = [tests[i](v) for i, v in zip(indicators, values) if _known(v)]
        if any(shown):
            out[domain] = True
        elif len(shown) == len(indicators):
            out[domain] = False
        else:
            out[domain] = None
    return out


def co_belligerence(row: dict, rules: Rules = BASE) -> bool | None:
    """Whether either state's war drew in the other at least as far as ``rules.war_part_from``.

    Reads ``co_belligerence`` where a row gives it directly (hand-worked dyads); otherwise the two war parts
    ``partner_in_russia_war`` and ``russia_in_partner_war``. One part shown is enough; both unknown is unknown.
    """
    if "co_belligerence" in row and _known(row["co_belligerence"]):
        return bool(row["co_belligerence"])
    parts = [row.get(k) for k in ("partner_in_russia_war", "russia_in_partner_war")]
    threshold = WAR_PARTS.index(rules.war_part_from)
    known = [WAR_PARTS.index(p) for p in parts if _known(p)]
    if any(k >= threshold for k in known):
        return True
    return False if len(known) == 2 else None


#: Values that fail (``_ABSENT``) or pass (``_SHOWN``) each domain test, used to bound a rung over unknowns.
_ABSENT = {"arms_transfers": False, "joint_exercises": 0, "forces_on_soil": False, "un_shield": False,
           "ga_votes_with_russia": 0.0, "leader_meetings": 0, "share_of_russia_trade_pct": 0.0,
           "russia_share_of_partner_trade_pct": 0.0}
_SHOWN = {"arms_transfers": True, "joint_exercises": 1, "forces_on_soil": True, "un_shield": True,
          "ga_votes_with_russia": 1.0, "leader_meetings": 10**6, "share_of_russia_trade_pct": 100.0,
          "russia_share_of_partner_trade_pct": 100.0}


def practical_bounds(row: dict, rules: Rules = BASE) -> tuple[str, str]:
    """The lowest and the highest practical rung the dyad could hold, whatever its unknown facts turn out to be.

    Every unknown indicator (and every lower-bound count below its threshold) is set once to a value that shows
    no support and once to one that shows support; an unknown part in the other's war once to no
    co-belligerence and once to co-belligerence. Equal bounds mean the facts on record decide the rung.
    """
    support = domain_support(row, rules)
    low, high = dict(row), dict(row)
    for domain, indicators in DOMAINS.items():
        if support[domain] is not None:
            continue
        for i in indicators:
            v = row.get(i)
            if not _known(v) or _flag(row, f"{i}_at_least"):
                low[i], high[i] = _ABSENT[i], _SHOWN[i]
                low.pop(f"{i}_at_least", None), high.pop(f"{i}_at_least", None)
    if not _known(co_belligerence(row, rules)):
        low["co_belligerence"], high["co_belligerence"] = False, True
    return _rung(low, rules), _rung(high, rules)


def practical_rung(row: dict, rules: Rules = BASE) -> str:
    """The practical rung where the facts on record decide it (:func:`practical_bounds` agree), else "unknown"."""
    low, high = practical_bounds(row, rules)
    return low if low == high else UNKNOWN


def _rung(row: dict, rules: Rules = BASE) -> str:
    """The alignment rung from the indicators of one dyad and period.

    Rules, in order: a relation level of -2 or below is "adversaries", -1 "rivals" (``relation_level``, the
    -3..+3 scale of ``relations.csv``, where coded); co-belligerence (``co_belligerence`` True: fighting, or
    supplying weapons for, the other's war) with support in at least one other domain is "co-belligerents";
    support in at least ``domains_for_alignment`` of the four domains (the diplomatic one counting
    ``vote_weight`` times) is "aligned strategic partners" (under ``cobelligerence_required`` only with
    co-belligerence); support in fewer domains is "limited partners". If the domains still unknown could
    change the rung, the answer is "unknown".
    """
    level = row.get("relation_level")
    if _known(level) and level <= -2:
        return "adversaries"
    if _known(level) and level == -1:
        return "rivals"
    support = domain_support(row, rules)
    weight = {d: (rules.vote_weight if d == "diplomatic" else 1) for d in support}
    shown = sum(weight[d] for d, s in support.items() if s)
    open_ = sum(weight[d] for d, s in support.items() if s is None)
    war = co_belligerence(row, rules)
    if _known(war) and war and shown >= 1:
        return "co-belligerents"
    if not _known(war) and shown + open_ >= 1:
        return UNKNOWN  # an unknown part in the other's war could still make them co-belligerents
    if rules.cobelligerence_required:
        if not _known(war):
            return UNKNOWN if shown + open_ >= rules.domains_for_alignment else "limited partners"
        if not war:
            return "limited partners" if shown or _known(level) else UNKNOWN
    if shown >= rules.domains_for_alignment:
        return "aligned strategic partners"
    if shown + open_ >= rules.domains_for_alignment:
        return UNKNOWN
    return "limited partners"


def is_formal_ally(rung: str, rules: Rules = BASE) -> bool | None:
    """Whether a written rung is a formal alliance: any ATOP obligation, or (strict) defence and above."""
    if rung == UNKNOWN:
        return None
    return WRITTEN.index(rung) >= WRITTEN.index(rules.alliance_from)


def place(indicators: pd.DataFrame, rules: Rules = BASE) -> pd.DataFrame:
    """Both rungs for every dyad and period (one row of ``indicators`` each), with the formal-ally flag."""
    rows = []
    for _, r in indicators.iterrows():
        row = r.to_dict()
        written = written_rung(row)
        low, high = practical_bounds(row, rules)
        rows.append({"partner": row["partner"], "period": row["period"], "written": written,
                     "formal ally": is_formal_ally(written, rules), "practice": low if low == high else UNKNOWN,
                     "practice low": low, "practice high": high,
                     "practice range": low if low == high else f"{low} to {high}"})
    return pd.DataFrame(rows)


def sensitivity(indicators: pd.DataFrame, alternatives: dict[str, Rules] | None = None) -> pd.DataFrame:
    """Which placements change under each stated alternative rule set, against ``BASE``.

    One row per changed (dyad, period, alternative), with the base and the alternative placement; an empty
    table means no placement depends on that choice.
    """
    alternatives = ALTERNATIVES if alternatives is None else alternatives
    base = place(indicators, BASE)
    changes = []
    for name, rules in alternatives.items():
        alt = place(indicators, rules)
        for column in ("formal ally", "practice range"):
            moved = base[column].astype("object") != alt[column].astype("object")
            for i in base.index[moved]:
                changes.append({"alternative": name, "partner": base.at[i, "partner"], "period": base.at[i, "period"],
                                "what": column, "base": base.at[i, column], "alternative placement": alt.at[i, column]})
    return pd.DataFrame(changes, columns=["alternative", "partner", "period", "what", "base", "alternative placement"])


# ---------------------------------------------------------------------------------------------
# The indicators from the data: alignment.csv for every dyad, the collection's own tables for Russia-Iran
# ---------------------------------------------------------------------------------------------

#: The dyads of the verdict, in the order the figure shows them: Russia-Iran first, the contrast pair last.
DYADS: tuple[tuple[str, str], ...] = (("RUS", "IRN"), ("RUS", "BLR"), ("RUS", "PRK"), ("RUS", "ARM"),
                                      ("RUS", "SYR"), ("RUS", "CHN"), ("RUS", "TUR"), ("USA", "GBR"))
#: The last period a dyad is coded for: Syria's Assad government, Russia's partner, fell in December 2024.
LAST_PERIOD: dict[str, int] = {"SYR": 2023}
#: Ukraine resolutions of the General Assembly that speak for each period (none before 2014, none in 2020).
GA_PERIODS: dict[int, tuple[str, ...]] = {
    2015: ("A/RES/68/262",),
    2023: ("A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/ES-11/3", "A/RES/ES-11/4", "A/RES/ES-11/5", "A/RES/ES-11/6"),
}
#: Arms rows whose status shows a delivery (the rest are orders, reports or denials).
DELIVERED = ("delivered", "in_delivery")


def dyad_label(a: str, b: str) -> str:
    """'Russia-Iran', 'United States-United Kingdom'."""
    from .schemas import ACTORS
    return f"{ACTORS[a]}-{ACTORS[b]}"


def _year(value) -> int | None:
    return int(str(value)[:4]) if _known(value) and str(value)[:4].isdigit() else None


def treaties_in_force(treaties: pd.DataFrame, a: str, b: str, year: int) -> list[str]:
    """Ids of the treaties in ``treaties.csv`` that both states signed and that were in force at the end of
    ``year``: entry into force (or signature where no entry-into-force date is sourced) in or before the year,
    and not ended (``ended``) by then."""
    return _in_force(_treaty_spans(treaties), a, b, year)


def _treaty_spans(treaties: pd.DataFrame) -> list[tuple[str, set[str], int | None, int | None]]:
    """Each treaty's id, parties, first year in force and year ended, read once for many look-ups."""
    return [(t["id"], set(str(t["parties"]).split(";")), _year(t["in_force"]) or _year(t["signed"]),
             _year(t.get("ended"))) for t in treaties.reset_index().to_dict("records")]


def _in_force(spans, a: str, b: str, year: int) -> list[str]:
    return [i for i, parties, start, end in spans
            if {a, b} <= parties and start is not None and start <= year and (end is None or end > year)]


def delivered_in(arms: pd.DataFrame, year: int) -> pd.DataFrame:
    """Arms rows (either way, launch services excluded) with a delivery in ``year``: status delivered or in
    delivery, first delivery in or before the year, and the last delivery in or after it (an open delivery
    still running; a completed one with no last year delivered in its first year only)."""
    first = arms["delivery_first"].map(_year)
    last = arms["delivery_last"].map(_year)
    end = last.where(last.notna(), first.where(arms["status"] == "delivered", 9999))
    hit = arms["status"].isin(DELIVERED) & first.notna() & (first <= year) & (end >= year)
    return arms[hit & arms["category"].ne("launch_service")]


def russia_iran_from_tables(tables: dict[str, pd.DataFrame], periods=None) -> pd.DataFrame:
    """The Russia-Iran indicators the collection's own tables hold, with the rows they rest on as evidence.

    leader_meetings: events.csv rows with ``leaders_meeting`` true in the year; joint_exercises: exercises.csv
    rows with both states, other than port calls, starting in the year; arms_transfers: :func:`delivered_in`;
    relation_level: relations.csv's IRN-RUS snapshot of that year (02's coding; none for 2025, whose snapshot
    is 2026); treaty_in_force: :func:`treaties_in_force`.
    """
    from .schemas import PERIODS
    periods = PERIODS if periods is None else periods
    ev, ex, arms, rel = (tables[k] for k in ("events", "exercises", "arms_transfers", "relations"))
    spans = _treaty_spans(tables["treaties"])
    rows = []
    for y in periods:
        meet = ev[(ev["scope"] == "russia_iran") & ev["leaders_meeting"].fillna(False).astype(bool)
                  & (ev["date"].str[:4] == str(y))]
        rows.append((y, "leader_meetings", len(meet), "events.csv " + ", ".join(meet["id"]) if len(meet)
                     else "events.csv: no meeting of the two presidents recorded in the year"))
        both = ex["participants"].str.contains("RUS") & ex["participants"].str.contains("IRN")
        drills = ex[both & (ex["kind"] != "port_call") & (ex["start_date"].str[:4] == str(y))]
        rows.append((y, "joint_exercises", len(drills), "exercises.csv " + ", ".join(drills["id"]) if len(drills)
                     else "exercises.csv: no joint exercise recorded in the year"))
        got = delivered_in(arms, y)
        rows.append((y, "arms_transfers", bool(len(got)), "arms_transfers.csv " + ", ".join(got["id"]) if len(got)
                     else "arms_transfers.csv: no delivery of major arms either way recorded in the year"))
        snap = rel[(rel["snapshot"] == y) & (rel["actor_a"] == "IRN") & (rel["actor_b"] == "RUS")]
        if len(snap):
            rows.append((y, "relation_level", int(snap["level"].iloc[0]), f"relations.csv IRN-RUS {y}"))
        in_force = _in_force(spans, "RUS", "IRN", y)
        rows.append((y, "treaty_in_force", ";".join(in_force) or "none",
                     "treaties.csv " + ", ".join(in_force) if in_force else "treaties.csv: no treaty in force"))
    out = pd.DataFrame(rows, columns=["year", "indicator", "value", "evidence"])
    out.insert(0, "state_b", "IRN")
    out.insert(0, "state_a", "RUS")
    return out


def ga_share(votes: pd.DataFrame, state: str, year: int) -> tuple[float | None, str]:
    """Share of the period's Ukraine resolutions on which ``state`` voted as Russia did, with its evidence.

    The period's resolutions are those of :data:`GA_PERIODS`, and for 2025 those dated 2025. A state that did not
    vote is left out of the count; no resolution for the period, or no vote cast, is unknown (None).
    """
    return _ga_share(_vote_rows(votes), state, year)


def _vote_rows(votes: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """(state, resolution, vote, year) of every row of ``ga_votes.csv``, in table order, read once."""
    return list(zip(votes["state"], votes["resolution"], votes["vote"], votes["date"].astype(str).str[:4]))


def _ga_share(rows, state: str, year: int) -> tuple[float | None, str]:
    symbols = GA_PERIODS.get(year, ())
    if year == 2025:
        symbols = tuple(dict.fromkeys(r for _, r, _, y in rows if y == "2025"))
    russia: dict[str, str] = {}
    for s, r, v, _ in rows:
        if s == "RUS":
            russia.setdefault(r, v)
    own = [(r, v) for s, r, v, _ in rows if s == state and r in symbols and v != "absent" and r in russia]
    if not own:
        return None, "ga_votes.csv: no vote recorded for the period" if symbols else "no Ukraine resolution in the period"
    same = sum(v == russia[r] for r, v in own) / len(own)
    detail = ", ".join(f"{r.split('/')[-1]} {v}" for r, v in own)
    return round(same, 2), f"ga_votes.csv ({detail}; Russia voted no on each)" if year != 2025 else \
        f"ga_votes.csv ({detail}; Russia: " + ", ".join(f"{r.split('/')[-1]} {russia[r]}" for r, _ in own) + ")"


def evidence(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every indicator value of every dyad and period, one row each, with what it rests on.

    Columns: dyad, state_a, state_b, year, indicator, value, evidence. Values from ``alignment.csv`` cite their
    source ids; Russia-Iran values the collection's tables hold cite those rows (:func:`russia_iran_from_tables`);
    treaty_in_force joins ``treaties.csv`` (both states parties) with alignment.csv's accession rows; the
    General Assembly share comes from ``ga_votes.csv`` (:func:`ga_share`); relation levels for the Caucasus
    dyads come from ``relations.csv``.
    """
    from .schemas import INDICATORS, PERIODS
    al_rows = tables["alignment"].copy()
    al_rows["evidence"] = "alignment.csv: " + al_rows["source_ids"].str.replace(";", ", ")
    al_rows["value"] = pd.Series([_typed(i, v) for i, v in zip(al_rows["indicator"], al_rows["value"])],
                                 index=al_rows.index, dtype="object")
    frames = [al_rows[["state_a", "state_b", "year", "indicator", "value", "evidence"]],
              russia_iran_from_tables(tables)]
    extra = []
    spans, votes = _treaty_spans(tables["treaties"]), _vote_rows(tables["ga_votes"])
    accessions = al_rows[al_rows["indicator"] == "treaty_in_force"]
    listed_by = {key: list(zip(group["value"], group["evidence"]))
                 for key, group in accessions.groupby(["state_a", "state_b", "year"], sort=False)}
    rel = tables["relations"]
    levels: dict[tuple, tuple] = {}  # the first relations.csv row of each snapshot and pair, either way round
    for snapshot, x, z, level in zip(rel["snapshot"], rel["actor_a"], rel["actor_b"], rel["level"]):
        levels.setdefault((snapshot, frozenset((x, z))), (x, z, level))
    for a, b in DYADS:
        for y in PERIODS:
            if (a, b) != ("RUS", "IRN"):
                listed = listed_by.get((a, b, y), [])
                ids = _in_force(spans, a, b, y)
                for v, _ in listed:
                    ids += [i for i in v.split(";") if i not in ids]
                ev = ("treaties.csv " + ", ".join(ids)) if ids else "treaties.csv: no treaty between the two"
                if listed:
                    ev += "; accession: " + "; ".join(e for _, e in listed)
                extra.append((a, b, y, "treaty_in_force", ";".join(ids) or "none", ev))
                if (y, frozenset((a, b))) in levels:
                    x, z, level = levels[(y, frozenset((a, b)))]
                    extra.append((a, b, y, "relation_level", int(level), f"relations.csv {x}-{z} {y}"))
            share, ev = _ga_share(votes, b, y)
            if share is not None and a == "RUS":
                extra.append((a, b, y, "ga_votes_with_russia", share, ev))
    frames.append(pd.DataFrame(extra, columns=["state_a", "state_b", "year", "indicator", "value", "evidence"]))
    out = pd.concat(frames, ignore_index=True)
    out = pd.concat([out, trade_shares(out, tables)], ignore_index=True)
    out = out[~((out["indicator"] == "treaty_in_force") & out["evidence"].str.startswith("alignment.csv"))]
    out["dyad"] = [dyad_label(a, b) for a, b in zip(out["state_a"], out["state_b"])]
    order = {d: i for i, d in enumerate(DYADS)}
    known = list(INDICATORS) + ["relation_level", "ga_votes_with_russia"]
    out["_d"] = [order.get((a, b), 99) for a, b in zip(out["state_a"], out["state_b"])]
    out["_i"] = out["indicator"].map({k: i for i, k in enumerate(known)})
    out = out.sort_values(["_d", "year", "_i"], kind="stable").drop(columns=["_d", "_i"])
    return out[["dyad", "state_a", "state_b", "year", "indicator", "value", "evidence"]].reset_index(drop=True)


def _world_totals(tables: dict[str, pd.DataFrame]) -> dict[tuple[str, int], tuple[float, str]]:
    """Every state's total trade by year (USD bn), with its evidence: the first alignment.csv row with the world
    (WLD), else the first trade_partners.csv total with a value."""
    totals: dict[tuple[str, int], tuple[float, str]] = {}
    al_rows = tables["alignment"]
    hit = al_rows[(al_rows["state_b"] == "WLD") & (al_rows["indicator"] == "trade_usd_bn")]
    for state, year, value, ids in zip(hit["state_a"], hit["year"], hit["value"], hit["source_ids"]):
        totals.setdefault((state, year), (float(value), "alignment.csv " + ids.replace(";", ", ")))
    tp = tables.get("trade_partners")
    if tp is not None:
        hit = tp[(tp["partner"] == "WLD") & (tp["flow"] == "total") & tp["value_usd_bn"].notna()]
        found = {}
        for state, year, value, ids in zip(hit["country"], hit["year"], hit["value_usd_bn"], hit["source_ids"]):
            found.setdefault((state, year), (float(value), "trade_partners.csv " + ids.replace(";", ", ")))
        totals = {**found, **totals}
    return totals


def trade_shares(evidence_rows: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Trade shares computed where no page gives the share: the dyad's trade over each state's total trade.

    The dyad's trade is its ``trade_usd_bn`` row; for Russia and Iran, where alignment.csv has none, the highest
    total of the year in trade.csv (USD million), which bounds the share from above. Shares a page states are
    never overwritten.
    """
    from .schemas import PERIODS
    rows = []
    trade = tables.get("trade")
    world_totals = _world_totals(tables)
    given_by: dict[tuple, dict] = {}
    pair_by: dict[tuple, str] = {}
    for a, b, y, indicator, value, ev in zip(evidence_rows["state_a"], evidence_rows["state_b"],
                                              evidence_rows["year"], evidence_rows["indicator"],
                                              evidence_rows["value"], evidence_rows["evidence"]):
        given_by.setdefault((a, b, y), {})[indicator] = value  # as dict(zip(...)): the last row of a name wins
        if indicator == "trade_usd_bn":
            pair_by.setdefault((a, b, y), ev)
    for a, b in DYADS:
        for y in PERIODS:
            given = given_by.get((a, b, y), {})
            pair, pair_ev = None, ""
            if "trade_usd_bn" in given:
                pair = float(given["trade_usd_bn"])
                pair_ev = pair_by[(a, b, y)]
            elif (a, b) == ("RUS", "IRN") and trade is not None:
                year_rows = trade[(trade["year"] == y) & (trade["flow"] == "total") & trade["value_usd_m"].notna()]
                if len(year_rows):
                    pair = float(year_rows["value_usd_m"].max()) / 1000
                    pair_ev = f"trade.csv {y}, highest total"
            if pair is None:
                continue
            for indicator, state in (("share_of_russia_trade_pct", a), ("russia_share_of_partner_trade_pct", b)):
                if indicator in given:
                    continue
                world, world_ev = world_totals.get((state, y), (None, ""))
                if world:
                    rows.append((a, b, y, indicator, round(100 * pair / world, 1),
                                 f"computed: {pair:g} / {world:g} USD bn ({pair_ev}; {world_ev})"))
    return pd.DataFrame(rows, columns=["state_a", "state_b", "year", "indicator", "value", "evidence"])


def _typed(indicator: str, value):
    from .schemas import INDICATORS
    form = INDICATORS.get(indicator)
    if form == "boolean":
        return value if isinstance(value, bool) else str(value) == "true"
    if form == "count":
        return int(float(value))
    if form == "number":
        return float(value)
    return value


def indicator_table(tables: dict[str, pd.DataFrame], evidence_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The wide table the rungs read: one row per dyad and period, with the formal flags of the treaties in force.

    A treaty's flags are read from ``treaties.csv`` and combined across the treaties in force (any obligation of
    any of them); no treaty gives ``treaty_in_force`` False. ``arms_transfers`` is True where a delivery is
    recorded or Russia's SIPRI share of the partner's arms imports is 10 per cent or more. Indicators with no row
    stay missing. ``evidence_rows`` is :func:`evidence` of the same tables, where the caller has it already.
    """
    from .schemas import PERIODS
    ev = evidence(tables) if evidence_rows is None else evidence_rows
    bounds = tables["alignment"]
    bounds = bounds[bounds["unit"].fillna("").str.contains("at least")]
    lower = set(zip(bounds["state_a"], bounds["state_b"], bounds["year"], bounds["indicator"]))
    treaties = tables["treaties"].set_index("id")
    flags = {t: {f: bool(treaties.at[t, f]) for f in ("defence", "neutrality", "nonaggression", "consultation")}
             for t in treaties.index}
    values: dict[tuple, list] = {}
    for a, b, y, ind, val in zip(ev["state_a"], ev["state_b"], ev["year"], ev["indicator"], ev["value"]):
        values.setdefault((a, b, y), []).append((ind, val))
    rows = []
    for a, b in DYADS:
        for y in PERIODS:
            sub = values.get((a, b, y), [])
            if not sub or y > LAST_PERIOD.get(b, y):
                continue
            row = {"dyad": dyad_label(a, b), "partner": b, "period": y}
            for ind, val in sub:
                row[ind] = _typed(ind, val)
                if (a, b, y, ind) in lower:
                    row[f"{ind}_at_least"] = True
            ids = [] if row.get("treaty_in_force") in (None, "none") else str(row["treaty_in_force"]).split(";")
            row["treaty_in_force"] = bool(ids)
            for flag in ("defence", "neutrality", "nonaggression", "consultation"):
                row[flag] = any(flags[t][flag] for t in ids)
            share = row.get("arms_from_russia_share_pct")
            if _known(share) and share >= 10:
                row["arms_transfers"] = True
            rows.append(row)
    return pd.DataFrame(rows)
