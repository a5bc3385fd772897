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
    "military": ("arms_transfers", "joint_exercises"),
    "diplomatic": ("un_shield", "ga_votes_with_russia"),
    "leaders": ("leader_meetings",),
    "economic": ("trade_share_pct",),
}


@dataclass(frozen=True)
class Rules:
    """The thresholds and switches the rungs use; ``BASE`` is the collection's rule set.

    ``alliance_from``: the lowest written rung that counts as a formal alliance in :func:`is_formal_ally`:
    "entente" (ATOP: any of its obligations, consultation included), or a stricter rung.
    ``cobelligerence_required``: whether the top practical rung below co-belligerence, aligned strategic
    partners, also needs co-belligerence (a stricter reading of alignment as shared war).
    ``vote_weight``: how many domains the diplomatic domain counts for (1 by default; 2 weighs votes over arms).
    """

    domains_for_alignment: int = 3
    min_leader_meetings: int = 2
    min_trade_share_pct: float = 1.0
    min_ga_share: float = 0.5
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
}


def _known(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA


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
    does, None if unknown."""
    tests = {
        "arms_transfers": lambda v: v >= 1,
        "joint_exercises": lambda v: v >= 1,
        "un_shield": bool,
        "ga_votes_with_russia": lambda v: v >= rules.min_ga_share,
        "leader_meetings": lambda v: v >= rules.min_leader_meetings,
        "trade_share_pct": lambda v: v >= rules.min_trade_share_pct,
    }
    out: dict[str, bool | None] = {}
    for domain, indicators in DOMAINS.items():
        values = [row.get(i) for i in indicators]
        shown = [tests[i](v) for i, v in zip(indicators, values) if _known(v)]
        if any(shown):
            out[domain] = True
        elif len(shown) == len(indicators):
            out[domain] = False
        else:
            out[domain] = None
    return out


def practical_rung(row: dict, rules: Rules = BASE) -> str:
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
    war = row.get("co_belligerence")
    if _known(war) and war and shown >= 1:
        return "co-belligerents"
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
        rows.append({"partner": row["partner"], "period": row["period"], "written": written,
                     "formal ally": is_formal_ally(written, rules), "practice": practical_rung(row, rules)})
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
        for column in ("formal ally", "practice"):
            moved = base[column].astype("object") != alt[column].astype("object")
            for i in base.index[moved]:
                changes.append({"alternative": name, "partner": base.at[i, "partner"], "period": base.at[i, "period"],
                                "what": column, "base": base.at[i, column], "alternative placement": alt.at[i, column]})
    return pd.DataFrame(changes, columns=["alternative", "partner", "period", "what", "base", "alternative placement"])
