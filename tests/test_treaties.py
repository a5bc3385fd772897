"""Treaty obligations and the depth index on a 3-treaty fixture whose answers were worked out by hand.

Default weights (sum 10): mutual_defence 3, sanctions_nonrecognition 0.5, dispute_settlement 0.5, rest 1.

* ``A-ALL``: every provision binding -> depth 100, bounds 100..100.
* ``B-MD``: mutual defence binding, the other eight absent -> 3*1 / 10 * 100 = 30.
* ``RUS-IRN-2025``: mutual defence absent (0), no aid to aggressor B (1), no territory use B (1),
  military-technical E (0.5), intelligence D (0.25), joint exercises not_found (?), sanctions D (0.25),
  consultation B (1), dispute settlement: no row (?).
  known weight = 3+1+1+1+1+0.5+1 = 8.5 (unknown 1 + 0.5 = 1.5), coverage 0.85, known items 7;
  weighted sum = 0 + 1 + 1 + 0.5 + 0.25 + 0.125 + 1 = 3.875;
  depth = 3.875 / 8.5 * 100 = 45.5882...; low = 3.875 / 10 * 100 = 38.75; high = 5.375 / 10 * 100 = 53.75.

Under any weights A-ALL scores 100, above RUS-IRN-2025 in every draw and every treatment of unknowns; with
every unknown binding RUS-IRN-2025 still has mutual defence 0, so it stays below 100.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from iranrussia import treaties as t  # noqa: E402

MIXED = {
    "mutual_defence": "absent", "non_assistance_to_aggressor": "binding", "no_territory_use_against": "binding",
    "military_technical": "best_effort", "intelligence_security": "declaratory", "joint_exercises": "not_found",
    "sanctions_nonrecognition": "declaratory", "consultation": "binding",
}  # dispute_settlement deliberately has no row


def _provisions() -> pd.DataFrame:
    rows = [("A-ALL", p, "binding") for p in t.PROVISIONS]
    rows += [("B-MD", p, "binding" if p == "mutual_defence" else "absent") for p in t.PROVISIONS]
    rows += [("RUS-IRN-2025", p, s) for p, s in MIXED.items()]
    frame = pd.DataFrame(rows, columns=["treaty_id", "provision", "strength"])
    frame["article"] = pd.NA
    frame["paraphrase"] = "text"
    return frame


@pytest.fixture
def matrix() -> pd.DataFrame:
    return t.obligations_matrix(_provisions(), order=["A-ALL", "B-MD", "RUS-IRN-2025"])


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_weights_sum_to_ten():
    assert sum(t.DEFAULT_WEIGHTS.values()) == 10 and set(t.DEFAULT_WEIGHTS) == set(t.PROVISIONS)


def test_matrix_scores_order_and_unknowns(matrix):
    assert list(matrix.index) == ["A-ALL", "B-MD", "RUS-IRN-2025"] and list(matrix.columns) == list(t.PROVISIONS)
    assert (matrix.loc["A-ALL"] == 1.0).all()
    assert matrix.loc["B-MD"].sum() == 1.0 and matrix.loc["B-MD", "mutual_defence"] == 1.0
    mixed = matrix.loc["RUS-IRN-2025"]
    assert list(mixed.iloc[:5]) == [0.0, 1.0, 1.0, 0.5, 0.25]
    assert math.isnan(mixed["joint_exercises"]) and math.isnan(mixed["dispute_settlement"])
    assert mixed["sanctions_nonrecognition"] == 0.25 and mixed["consultation"] == 1.0
    assert list(t.obligations_matrix(_provisions()).index) == ["A-ALL", "B-MD", "RUS-IRN-2025"]  # sorted
    assert list(t.obligations_matrix(_provisions(), order=["B-MD"]).index) == ["B-MD"]


def test_matrix_rejects_unknown_codes():
    bad = _provisions()
    bad.loc[0, "strength"] = "strong"
    with pytest.raises(ValueError, match="strong"):
        t.obligations_matrix(bad)


def test_depth_index_by_hand(matrix):
    d = t.depth_index(matrix)
    assert list(d.index) == ["A-ALL", "RUS-IRN-2025", "B-MD"]  # 100 > 45.6 > 30
    assert d.loc["A-ALL", "depth"] == pytest.approx(100)
    assert d.loc["B-MD", "depth"] == pytest.approx(30)  # 3 / 10 * 100
    assert d.loc["B-MD", "depth_low"] == d.loc["B-MD", "depth_high"] == pytest.approx(30)
    mixed = d.loc["RUS-IRN-2025"]
    assert mixed["depth"] == pytest.approx(3.875 / 8.5 * 100)  # known-only denominator
    assert mixed["depth_low"] == pytest.approx(38.75) and mixed["depth_high"] == pytest.approx(53.75)
    assert mixed["known_items"] == 7 and mixed["coverage"] == pytest.approx(0.85)
    assert list(d["defence_pact"]) == [True, False, True]


def test_depth_index_ties_by_name_and_custom_weights(matrix):
    twin = pd.concat([matrix.loc[["B-MD"]].rename(index={"B-MD": "AA-MD"}), matrix])
    assert list(t.depth_index(twin).index)[-2:] == ["AA-MD", "B-MD"]
    equal = t.depth_index(matrix, weights=dict.fromkeys(t.PROVISIONS, 1.0))
    assert equal.loc["B-MD", "depth"] == pytest.approx(100 / 9)
    with pytest.raises(ValueError, match="no weight"):
        t.depth_index(matrix, weights={"mutual_defence": 1.0})


def test_rank_sensitivity_is_deterministic_and_consistent(matrix):
    r = t.rank_sensitivity(matrix, n_draws=200)
    pd.testing.assert_frame_equal(r, t.rank_sensitivity(matrix, n_draws=200))
    assert list(r["rank_default"]) == [1, 2, 3] and list(r.index) == ["A-ALL", "RUS-IRN-2025", "B-MD"]
    assert r.loc["A-ALL", "share_first"] == 1.0 and r.loc["A-ALL", "rank_max"] == 1  # 100 under any weights
    assert (r["rank_min"] <= r["rank_median"]).all() and (r["rank_median"] <= r["rank_max"]).all()
    assert r["share_first"].sum() == pytest.approx(1.0)


def test_rank_sensitivity_single_draw_matches_depth_index(matrix):
    weights = np.random.default_rng(7).uniform(0.5, 2.0, size=(1, 9))[0] * np.array(list(t.DEFAULT_WEIGHTS.values()))
    expected = t.depth_index(matrix, weights=dict(zip(t.PROVISIONS, weights, strict=True)))
    r = t.rank_sensitivity(matrix, n_draws=1, seed=7)
    assert list(r.sort_values("rank_median").index) == list(expected.index)


def test_rank_ties_share_first(matrix):
    twin = pd.concat([matrix, matrix.loc[["A-ALL"]].rename(index={"A-ALL": "A-TWIN"})])
    r = t.rank_sensitivity(twin, n_draws=20)
    assert r.loc["A-ALL", "share_first"] == r.loc["A-TWIN", "share_first"] == 1.0


def test_leave_one_out_by_hand(matrix):
    loo = t.leave_one_out(matrix)
    assert loo.shape == (3, 9) and list(loo.columns) == list(t.PROVISIONS)
    assert list(loo.loc["A-ALL"]) == pytest.approx([100.0] * 9)
    assert loo.loc["B-MD", "mutual_defence"] == pytest.approx(0.0)  # 0 / 7
    assert loo.loc["B-MD", "consultation"] == pytest.approx(100 / 3)  # 3 / 9
    assert loo.loc["RUS-IRN-2025", "mutual_defence"] == pytest.approx(3.875 / 5.5 * 100)  # 70.45
    assert loo.loc["RUS-IRN-2025", "joint_exercises"] == pytest.approx(3.875 / 8.5 * 100)  # unknown anyway


def test_cow_atop_summary():
    treaties = pd.DataFrame({
        "id": ["RUS-IRN-2001", "X-PACT"], "short_name": ["2001 treaty", "pact"],
        "signed": ["2001-03-12", "1999-01-01"],
        "defence": [False, True], "offence": [False, False], "neutrality": ["True", "false"],
        "nonaggression": [True, False], "consultation": [True, True], "cow_type": ["III", "I"],
    })
    s = t.cow_atop_summary(treaties)
    assert s.loc["RUS-IRN-2001", "atop_obligations"] == ["neutrality", "nonaggression", "consultation"]
    assert s.loc["X-PACT", "atop_obligations"] == ["defence", "consultation"]
    assert list(s["is_alliance_atop"]) == [True, True] and list(s["cow_type"]) == ["III", "I"]
    none = treaties.iloc[:1].assign(neutrality=False, nonaggression=False, consultation=False)
    assert not t.cow_atop_summary(none)["is_alliance_atop"].iloc[0]


def test_plot_matrix(matrix):
    fig = t.plot_matrix(matrix, labels={"A-ALL": "All binding"})
    assert isinstance(fig, Figure) and len(fig.axes) == 2  # heatmap + colour bar
    ax = fig.axes[0]
    texts = [x.get_text() for x in ax.texts]
    assert len(texts) == 27 and texts.count("?") == 2 and texts.count("B") == 9 + 1 + 3
    assert ax.get_yticklabels()[0].get_text() == "All binding"
    assert ax.get_xticklabels()[0].get_rotation() == 30


def test_plot_depth_colours(matrix):
    table = t.depth_index(matrix)
    table.loc["B-MD", "defence_pact"] = False  # pretend: now an ordinary grey treaty
    fig = t.plot_depth(table)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    colours = [to_hex(b.get_facecolor()).upper() for b in ax.patches[:3]]
    assert colours == ["#0072B2", "#009E73", "#999999"]  # A-ALL pact, RUS-IRN, B-MD other
    assert ax.get_xlabel().startswith("depth index (0-100)")
    assert ax.get_title().startswith("Breadth of written cooperation")
    assert [x.get_text() for x in ax.get_yticklabels()] == [
        "A-ALL (9 of 9 known)", "RUS-IRN-2025 (7 of 9 known)", "B-MD (9 of 9 known)"]


def test_plot_milestones_orders_steps_and_marks_imprecise_dates():
    import matplotlib

    matplotlib.use("Agg")
    from iranrussia.treaties import plot_milestones

    ms = pd.DataFrame({"treaty_id": ["X", "X", "X", "Y"], "step": ["signed", "entry_into_force", "notification", "signed"],
                       "date": ["2025-01-17", "2025-10-02", "2025", "2020-01-01"],
                       "date_precision": ["day", "day", "year", "day"], "body": ["a", "b", "c", "d"]})
    fig = plot_milestones(ms, "X", title="Treaty X")
    ax = fig.axes[0]
    assert len(ax.texts) == 3  # only treaty X, one label per step
    assert [t.get_text().split(":")[0] for t in ax.texts] == ["signed", "notification", "entry into force"]
    assert ax.get_title().startswith("Treaty X") and "2025-01-17 to 2025-10-02" in ax.texts[1].get_text()


def test_milestone_order_bounds_imprecise_steps_and_breaks_ties_by_procedure():
    # Iran's promulgation and its notification are known to the year only; both must fall after the Guardian
    # Council (2025-06-11) and before entry into force (2025-10-02); the notification reports the promulgation.
    ms = pd.DataFrame({
        "treaty_id": ["X"] * 5,
        "step": ["notification", "entry_into_force", "signed_into_law", "approved_guardian_council", "signed"],
        "date": ["2025", "2025-10-02", "2025", "2025-06-11", "2025-01-17"],
        "date_precision": ["year", "day", "year", "day", "day"], "body": list("abcde")})
    rows = t.milestone_order(ms, "X")
    assert list(rows["step"]) == ["signed", "approved_guardian_council", "signed_into_law", "notification",
                                  "entry_into_force"]
    law = rows[rows["step"] == "signed_into_law"].iloc[0]
    assert (law["earliest"], law["latest"]) == (pd.Timestamp("2025-06-11"), pd.Timestamp("2025-10-02"))
    month = pd.DataFrame({"treaty_id": ["Y"], "step": ["extended"], "date": ["2021-03"],
                          "date_precision": ["month"], "body": ["g"]})
    only = t.milestone_order(month, "Y").iloc[0]  # nothing to bound it: its own month
    assert (only["earliest"], only["latest"]) == (pd.Timestamp("2021-03-01"), pd.Timestamp("2021-03-31"))
    with pytest.raises(ValueError, match="ratified"):
        t.milestone_order(month.assign(step="ratified"), "Y")


def test_share_above_by_hand(matrix):
    s = t.share_above(matrix, "RUS-IRN-2025", n_draws=50)
    assert list(s.columns) == list(t.UNKNOWN_VARIANTS) and list(s.index) == list(matrix.index)
    assert (s.loc["A-ALL"] == 1.0).all() and (s.loc["RUS-IRN-2025"] == 0.0).all()
    # one draw, checked against depth_index under the same weights
    w = np.random.default_rng(3).uniform(0.5, 2.0, size=(1, 9))[0] * np.array(list(t.DEFAULT_WEIGHTS.values()))
    weights = dict(zip(t.PROVISIONS, w, strict=True))
    one = t.share_above(matrix, "RUS-IRN-2025", n_draws=1, seed=3)
    d = t.depth_index(matrix, weights=weights)
    assert one.loc["B-MD", "unknowns ignored"] == float(d.loc["B-MD", "depth"] > d.loc["RUS-IRN-2025", "depth"])
    assert one.loc["B-MD", "unknowns absent"] == float(d.loc["B-MD", "depth_low"] > d.loc["RUS-IRN-2025", "depth_low"])
    assert one.loc["B-MD", "unknowns binding"] == float(
        d.loc["B-MD", "depth_high"] > d.loc["RUS-IRN-2025", "depth_high"])
    pd.testing.assert_frame_equal(s, t.share_above(matrix, "RUS-IRN-2025", n_draws=50))  # seeded
    with pytest.raises(KeyError):
        t.share_above(matrix, "NOPE")


def test_non_assistance_implied(matrix):
    implied = t.non_assistance_implied(matrix)
    assert implied.loc["B-MD", "non_assistance_to_aggressor"] == 1.0  # was absent, defence binding
    assert implied.loc["RUS-IRN-2025", "non_assistance_to_aggressor"] == 1.0  # unchanged (already binding)
    assert matrix.loc["B-MD", "non_assistance_to_aggressor"] == 0.0  # the input is not changed
    assert t.depth_index(implied).loc["B-MD", "depth"] == pytest.approx(40)  # (3 + 1) / 10 * 100
    pd.testing.assert_frame_equal(implied.drop(columns="non_assistance_to_aggressor"),
                                  matrix.drop(columns="non_assistance_to_aggressor"))


def _atop_fixture() -> tuple[pd.DataFrame, pd.DataFrame]:
    # P-1: one flag differs (non-aggression), read by the project itself; P-2: consultation taken from ATOP.
    atop = pd.DataFrame({"treaty_id": ["P-1", "P-2"], "atop_id": [1, 2], "atop_version": ["4.01", "4.01"],
                         "defence": [True, False], "offence": [False, False], "neutrality": [False, True],
                         "nonaggression": [True, True], "consultation": [True, True]})
    treaties = pd.DataFrame({
        "id": ["P-1", "P-2", "P-3"], "defence": [True, "false", True], "offence": [False, False, False],
        "neutrality": [False, "true", False], "nonaggression": [False, True, False],
        "consultation": [True, True, False],
        "notes": ["Art. 1 restates UN duties.", "Consultation is coded from ATOP v4.01 (TT009).", ""]})
    return atop, treaties


def test_atop_comparison_by_hand():
    atop, treaties = _atop_fixture()
    c = t.atop_comparison(atop, treaties)
    assert len(c) == 10 and list(c.columns) == ["treaty_id", "atop_id", "flag", "atop", "project", "agree", "basis"]
    assert c["agree"].sum() == 9  # P-3 is not in ATOP and is left out
    differs = c[~c["agree"]].iloc[0]
    assert (differs["treaty_id"], differs["flag"], differs["atop"], differs["project"]) == ("P-1", "nonaggression",
                                                                                          True, False)
    follows = c[c["basis"] == "follows ATOP"]
    assert list(zip(follows["treaty_id"], follows["flag"])) == [("P-2", "consultation")]
    grid = t.atop_grid(c)
    assert list(grid.index) == ["P-1", "P-2"] and list(grid.columns) == list(t.ATOP_OBLIGATIONS)
    assert grid.loc["P-1", "nonaggression"] == "1 / 0 differs"
    assert grid.loc["P-2", "consultation"] == "1 / 1 follows ATOP" and grid.loc["P-2", "offence"] == "0 / 0"
    with pytest.raises(KeyError, match="Q-9"):
        t.atop_comparison(atop.assign(treaty_id=["P-1", "Q-9"]), treaties)
