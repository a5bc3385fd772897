"""The verdict notebook's work: the ladder over time, the indicators side by side, the scorecard and what-ifs.

The rules live in :mod:`iranrussia.alignment`; this module draws and tabulates their results.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

from . import alignment as al
from .data import load
from .schemas import PERIODS

#: What each indicator is called on the page.
INDICATOR_LABELS: dict[str, str] = {
    "treaty_in_force": "treaty in force",
    "forces_on_soil": "forces on the other's soil",
    "partner_in_russia_war": "partner's part in Russia's war",
    "russia_in_partner_war": "Russia's part in the partner's war",
    "arms_from_russia_share_pct": "Russia's share of partner's arms imports (%)",
    "arms_transfers": "major arms delivered (either way)",
    "joint_exercises": "joint exercises",
    "un_shield": "Russian veto or vote shielding the partner",
    "ga_votes_with_russia": "Ukraine votes cast as Russia's (share)",
    "leader_meetings": "leaders' meetings",
    "share_of_russia_trade_pct": "partner's share of Russia's trade (%)",
    "russia_share_of_partner_trade_pct": "Russia's share of partner's trade (%)",
    "trade_usd_bn": "trade (USD bn)",
    "relation_level": "relation level (02, -3..+3)",
}
SHORT = {"none": "none", "entente": "entente", "neutrality or non-aggression pact": "neutrality /\nnon-aggr.",
         "defence pact": "defence\npact", "integrated alliance": "integrated\nalliance",
         "adversaries": "adversaries", "rivals": "rivals", "limited partners": "limited\npartners",
         "aligned strategic partners": "aligned\npartners", "co-belligerents": "co-\nbelligerents",
         al.UNKNOWN: "unknown"}
#: One-word names for the two ends of a range of rungs.
TINY = {"adversaries": "adversaries", "rivals": "rivals", "limited partners": "limited",
        "aligned strategic partners": "aligned", "co-belligerents": "co-bellig."}
_BLUES = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
_PRACTICE = ("#D55E00", "#E69F00", "#c6dbef", "#4292c6", "#08306b")


def tables() -> dict[str, pd.DataFrame]:
    """The tables the verdict reads, loaded (and validated) once."""
    names = ("events", "exercises", "arms_transfers", "relations", "treaties", "alignment", "ga_votes", "trade",
             "trade_partners")
    return {n: load(n) for n in names}


def placements(indicators: pd.DataFrame, rules: al.Rules = al.BASE) -> pd.DataFrame:
    """:func:`alignment.place` with the dyad's name, for the figure and the printed table."""
    placed = al.place(indicators, rules)
    placed.insert(0, "dyad", indicators["dyad"].to_numpy())
    return placed


def ladder_grid(placed: pd.DataFrame, column: str) -> pd.DataFrame:
    """Dyad-by-period table of one ladder's rungs (missing cells: the dyad was not coded in that period)."""
    grid = placed.pivot(index="dyad", columns="period", values=column)
    order = [al.dyad_label(a, b) for a, b in al.DYADS if al.dyad_label(a, b) in grid.index]
    return grid.loc[order, [p for p in PERIODS if p in grid.columns]]


def _panel(ax, grid: pd.DataFrame, rungs: tuple[str, ...], colours: tuple[str, ...], title: str) -> None:
    def code(rung):
        low = rung.split(" to ")[0] if isinstance(rung, str) else rung
        return rungs.index(low) if low in rungs else -1

    codes = grid.apply(lambda col: col.map(code))
    ax.imshow(codes.where(codes >= 0).astype(float), cmap=ListedColormap(colours), vmin=-0.5,
              vmax=len(rungs) - 0.5, aspect="auto")
    for i, dyad in enumerate(grid.index):
        for j, period in enumerate(grid.columns):
            rung = grid.iat[i, j]
            if not isinstance(rung, str):
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white", edgecolor="#bbbbbb",
                                       hatch="//", linewidth=0))
                ax.text(j, i, "not\ncoded", ha="center", va="center", fontsize=11, color="#777777")
                continue
            if rung == al.UNKNOWN:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#eeeeee", edgecolor="white"))
            if " to " in rung:  # the facts on record leave a range: the lower rung's colour, hatched
                low, high = rung.split(" to ")
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="none", edgecolor="#555555",
                                       hatch="..", linewidth=0))
                dark = rungs.index(low) >= len(rungs) - 2
                ax.text(j, i, f"{TINY[low]} to\n{TINY[high]}", ha="center", va="center", fontsize=12,
                        color="white" if dark else "black", bbox=dict(facecolor="white", alpha=0.75, pad=1.5,
                                                                      edgecolor="none"))
                continue
            dark = rung in rungs and rungs.index(rung) >= len(rungs) - 2
            ax.text(j, i, SHORT[rung], ha="center", va="center", fontsize=12,
                    color="white" if dark else "black")
    ax.set_xticks(range(len(grid.columns)), [str(p) for p in grid.columns], fontsize=14)
    ax.set_yticks(range(len(grid.index)), grid.index, fontsize=14)
    ax.tick_params(length=0)
    ax.set_title(title, fontsize=17, loc="left")
    ax.grid(False)
    for j in range(len(grid.columns) + 1):
        ax.axvline(j - 0.5, color="white", linewidth=2)
    for i in range(len(grid.index) + 1):
        ax.axhline(i - 0.5, color="white", linewidth=2)
    first = list(grid.index).index(al.dyad_label("RUS", "IRN"))
    ax.add_patch(Rectangle((-0.5, first - 0.5), len(grid.columns), 1, fill=False, edgecolor="#009E73",
                           linewidth=4, zorder=5))


def plot_ladders(placed: pd.DataFrame):
    """The headline figure: both ladders, dyads by period, Russia-Iran framed in green."""
    written, practice = ladder_grid(placed, "written"), ladder_grid(placed, "practice range")
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 0.78 * len(written) + 2.4), sharey=True)
    _panel(left, written, al.WRITTEN, _BLUES, "What the treaty in force obliges")
    _panel(right, practice, al.PRACTICE, _PRACTICE, "What the pair does")
    fig.suptitle("Russia and its partners on the two ladders of alignment", fontsize=19, x=0.01, ha="left")
    fig.tight_layout()
    return fig


def side_by_side(evidence: pd.DataFrame, year: int, indicators: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Indicator-by-dyad table of one period's values, as recorded (blank where no row holds the fact)."""
    sub = evidence[evidence["year"] == year]
    table = sub.pivot_table(index="indicator", columns="dyad", values="value", aggfunc="first")
    order = [al.dyad_label(a, b) for a, b in al.DYADS if al.dyad_label(a, b) in table.columns]
    rows = [i for i in (indicators or INDICATOR_LABELS) if i in table.index]
    table = table.loc[rows, order]
    table.index = [INDICATOR_LABELS[i] for i in table.index]
    return table


def vote_table(votes: pd.DataFrame) -> pd.DataFrame:
    """Resolution-by-state table of the Ukraine votes, states in the verdict's order."""
    order = ["RUS"] + [b for _, b in al.DYADS] + ["USA"]
    table = votes.pivot(index="resolution", columns="state", values="vote")
    cols = [s for s in order if s in table.columns]
    dates = votes.drop_duplicates("resolution").set_index("resolution")["date"]
    table = table.loc[sorted(table.index, key=lambda r: str(dates[r])), cols]
    table.index = [f"{r.removeprefix('A/RES/')} ({str(dates[r])[:10]})" for r in table.index]
    return table


def what_if(indicators: pd.DataFrame, partner: str, period: int, changes: dict, rules: al.Rules = al.BASE) -> dict:
    """The placement of one dyad and period before and after setting ``changes`` (indicator: new value)."""
    row = indicators[(indicators["partner"] == partner) & (indicators["period"] == period)].iloc[0].to_dict()
    def rungs(r):
        low, high = al.practical_bounds(r, rules)
        return {"written": al.written_rung(r), "practice": low if low == high else f"{low} to {high}"}

    before = rungs(row)
    row.update(changes)
    after = rungs(row)
    return {"before": before, "after": after}


def scorecard(claims: pd.DataFrame, by: str) -> pd.DataFrame:
    """Claims by ``by`` (notebook or kind) and verdict, with totals."""
    table = pd.crosstab(claims[by], claims["verdict"], margins=True, margins_name="all")
    order = [v for v in ("supported", "partly supported", "not supported", "outdated", "cannot be judged",
                         "pending") if v in table.columns] + ["all"]
    return table[order]


#: The facts to watch for Russia-Iran: (what, column it lives in, the change, indicators to set).
WATCH: tuple[tuple[str, str, str, dict], ...] = (
    ("Russia fights for Iran, or lets Iran's war be fought from its soil",
     "alignment.csv russia_in_partner_war", "none -> troops", {"russia_in_partner_war": "troops"}),
    ("a defence clause between the two enters into force",
     "treaties.csv defence (a new or amended treaty)", "false -> true", {"defence": True}),
    ("Russian forces are stationed in Iran", "alignment.csv forces_on_soil", "-> true",
     {"forces_on_soil": True}),
    ("Iran votes with Russia on the Ukraine resolutions", "ga_votes.csv vote", "-> as Russia votes",
     {"ga_votes_with_russia": 1.0}),
    ("Russia's share of Iran's trade reaches 10 per cent",
     "alignment.csv russia_share_of_partner_trade_pct", "-> 10", {"russia_share_of_partner_trade_pct": 10.0}),
    ("Iranian weapons stop reaching Russia's war", "alignment.csv partner_in_russia_war", "weapons -> none",
     {"partner_in_russia_war": "none"}),
    ("the presidents stop meeting", "events.csv leaders_meeting", "-> 0 meetings", {"leader_meetings": 0}),
)


def watch_list(indicators: pd.DataFrame, partner: str = "IRN", period: int = 2025,
               rules: al.Rules = al.BASE) -> pd.DataFrame:
    """For each fact in :data:`WATCH`: where it lives and the placement before and after the change."""
    rows = []
    for what, column, change, setting in WATCH:
        moved = what_if(indicators, partner, period, setting, rules)
        rows.append({"if": what, "column": column, "change": change,
                     "written": f"{moved['before']['written']} -> {moved['after']['written']}"
                     if moved["before"]["written"] != moved["after"]["written"] else "no change",
                     "practice": f"{moved['before']['practice']} -> {moved['after']['practice']}"
                     if moved["before"]["practice"] != moved["after"]["practice"] else "no change"})
    return pd.DataFrame(rows).set_index("if")


def answer(written: str, practice: str) -> str:
    """The ledger verdict on "they are allies" from the two rungs of one dyad and period.

    supported: a defence pact or more in writing and co-belligerence in practice (allies in both senses);
    not supported: no treaty obligation and no more than limited partnership; partly supported otherwise
    (allies in one sense, or partly in both); cannot be judged if either rung is unknown.
    """
    if al.UNKNOWN in (written, practice):
        return "cannot be judged"
    strong_text = al.WRITTEN.index(written) >= al.WRITTEN.index("defence pact")
    strong_deed = practice == "co-belligerents"
    if strong_text and strong_deed:
        return "supported"
    if written == "none" and al.PRACTICE.index(practice) <= al.PRACTICE.index("limited partners"):
        return "not supported"
    return "partly supported"


def conclusion_verdict(placed: pd.DataFrame, indicators: pd.DataFrame, period: int = 2025,
                       war_events: tuple[str, ...] = ()) -> dict[str, str]:
    """The ledger entry for CL23 ("they are allies"), judged from Russia-Iran's placement in ``period`` beside the
    comparators, by :func:`answer`. ``war_events`` are the event ids that show what Russia did in Iran's wars."""
    at = placed[placed["period"] == period].set_index("partner")
    iran = at.loc["IRN"]
    row = indicators[(indicators["partner"] == "IRN") & (indicators["period"] == period)].iloc[0].to_dict()
    shown = [d for d, v in al.domain_support(row).items() if v]
    verdict = answer(iran["written"], iran["practice"])
    war = [f"{al.dyad_label('RUS', p)} {at.loc[p, 'practice range']}" for p in ("BLR", "PRK") if p in at.index]
    return {
        "id": "CL23", "verdict": verdict, "sense": "both",
        "evidence": f"figure 06_verdict_ladders; alignment.csv, ga_votes.csv, treaties.csv RUS-IRN-2001, RUS-IRN-2025; "
                    + (f"events.csv {', '.join(war_events)}; " if war_events else "")
                    + f"placements {period}: " + "; ".join(f"{p} {at.loc[p, 'written']} / {at.loc[p, 'practice range']}"
                                                           for p in at.index),
        "reason": f"In {period} the treaties in force make Russia and Iran allies only in ATOP's broad sense: a "
                  f"{iran['written']} with no duty to defend. In practice they are {iran['practice range']}: support "
                  f"in the {', '.join(shown)} domains; Iran's part in Russia's war: {row.get('partner_in_russia_war')}; "
                  f"Russia's part in Iran's war: {row.get('russia_in_partner_war')}. The partners Russia fights beside "
                  f"rank higher ({'; '.join(war)}). The explainer's 'resounding yes' holds for alignment, not for "
                  "alliance.",
    }
