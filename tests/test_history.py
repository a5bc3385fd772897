"""History helpers on a small fixture whose answers were worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from iranrussia import history as h

CAMEO = pd.DataFrame({
    "code": ["042", "057", "072", "111", "163"],
    "quad_class": ["verbal cooperation", "material cooperation", "material cooperation",
                   "verbal conflict", "material conflict"],
})


def _events() -> pd.DataFrame:
    # year 2001: visit (+1.9) and treaty (+8.0)          -> count 2, sum 9.9, mean 4.95
    # year 2003: nothing                                  -> count 0, mean missing
    # year 2004: arms (+8.3), criticism (-2.0), sanction (-8.0) -> count 3, sum -1.7, mean -0.5667
    return pd.DataFrame({
        "id": ["EV001", "EV002", "EV003", "EV004", "EV005", "EV006"],
        "date": ["2001-03-12", "2001-03", "2004", "2004-05-01", "2004-06-09", "2004-06-09"],
        "actor_1": ["IRN", "RUS", "RUS", "IRN", "RUS", "USA"],
        "actor_2": ["RUS", "IRN", "IRN", "RUS", "IRN", "IRN"],
        "cameo_code": ["042", "057", "072", "111", "163", "163"],
        "goldstein": [1.9, 8.0, 8.3, -2.0, -8.0, -8.0],
        "kind": ["visit", "treaty", "arms_transfer", "statement", "un_vote", "sanction"],
        "domain": ["diplomacy", "diplomacy", "military", "nuclear", "nuclear", "nuclear"],
        "leaders_meeting": [True, False, False, False, False, False],
        "title": ["a", "b", "c", "d", "e", "f"],
        "source_ids": ["X"] * 6,
    })


def test_dyad_keeps_both_directions_only():
    assert list(h.dyad(_events())["id"]) == ["EV001", "EV002", "EV003", "EV004", "EV005"]


def test_yearly_counts_sums_means_and_quads():
    ev = h.with_quads(h.dyad(_events()), CAMEO)
    table = h.yearly(ev, first=2001, last=2004)
    assert list(table.index) == [2001, 2002, 2003, 2004]
    assert list(table["events"]) == [2, 0, 0, 3]
    assert table.loc[2001, "goldstein_sum"] == pytest.approx(9.9)
    assert table.loc[2001, "goldstein_mean"] == pytest.approx(4.95)
    assert math.isnan(table.loc[2003, "goldstein_mean"])  # a gap, not a zero
    assert table.loc[2004, "goldstein_sum"] == pytest.approx(-1.7)
    assert table.loc[2004, "goldstein_mean"] == pytest.approx(-1.7 / 3)
    assert table.loc[2001, "verbal cooperation"] == 1 and table.loc[2001, "material cooperation"] == 1
    assert table.loc[2004, "cooperation"] == 1 and table.loc[2004, "conflict"] == 2


def test_period_lookup_and_summary():
    periods = (h.Period(2000, 2002, "early", "x"), h.Period(2003, 2005, "late", "y"))
    assert h.period_of(2001, periods) == "early" and h.period_of(2005, periods) == "late"
    with pytest.raises(ValueError):
        h.period_of(1999, periods)
    ev = h.with_quads(h.dyad(_events()), CAMEO)
    summary = h.by_period(ev, periods)
    assert list(summary["events"]) == [2, 3]
    assert summary["conflict share"].iloc[1] == pytest.approx(2 / 3)
    assert summary["material cooperation share"].iloc[0] == pytest.approx(1 / 2)


def test_default_periods_cover_every_year_without_overlap():
    years = [y for p in h.PERIODS for y in range(p.start, p.end + 1)]
    assert years == list(range(1992, 2027))


def test_leader_meetings_counts_distinct_meetings_per_year():
    ev = _events()
    extra = ev.iloc[[0]].assign(id="EV007")  # the same meeting entered twice
    counts = h.leader_meetings(pd.concat([ev, extra]))
    assert counts.to_dict() == {2001: 1}


def test_un_votes_lists_russian_votes_only():
    assert list(h.un_votes(_events()).index) == ["EV005"]


def test_partial_dates_are_drawn_mid_span():
    assert h._plot_date("2004") == pd.Timestamp("2004-07-01")
    assert h._plot_date("2001-03") == pd.Timestamp("2001-03-15")
    assert h._plot_date("2001-03-12") == pd.Timestamp("2001-03-12")


def test_temperature_basis_sets_aside_context_reported_and_treaty_procedure():
    ev = _events().assign(scope=["russia_iran"] * 5 + ["context"],
                          reported=[False, False, True, False, False, False])
    # EV002 is the treaty's signing (counted); EV004 stands in for its ratification (procedure).
    milestones = pd.DataFrame({"treaty_id": ["T", "T"], "step": ["signed", "ratified_lower_house"],
                               "event_id": ["EV002", "EV004"]})
    counted, aside = h.temperature_basis(ev, milestones)
    assert list(counted["id"]) == ["EV001", "EV002", "EV005"]
    reasons = dict(zip(aside["id"], aside["set aside because"]))
    assert reasons == {"EV003": h.SET_ASIDE_REPORTED, "EV004": h.SET_ASIDE_PROCEDURE,
                       "EV006": h.SET_ASIDE_CONTEXT}


def test_procedural_steps_keep_signing_extension_and_invocation():
    milestones = pd.DataFrame({"step": ["signed", "entry_into_force", "extended", "notification", "invoked"],
                               "event_id": ["E1", "E2", "E3", None, "E5"]})
    assert h.procedural_steps(milestones) == {"E2"}


def test_a_russia_iran_aggregate_refuses_context_events():
    ev = h.with_quads(_events().assign(scope=["russia_iran"] * 5 + ["context"]), CAMEO)
    with pytest.raises(ValueError, match="context events"):
        h.yearly(ev)
    with pytest.raises(ValueError, match="context events"):
        h.by_period(ev, (h.Period(2001, 2004, "all", "x"),))
    assert h.yearly(ev[ev["scope"] == "russia_iran"])["events"].sum() == 5


def test_on_the_real_record_the_temperature_counts_only_confirmed_pair_events():
    import iranrussia as ir

    events = h.with_quads(ir.load("events"))
    counted, aside = h.temperature_basis(events, ir.load("treaty_milestones"))
    assert (counted["scope"] == "russia_iran").all() and not counted["reported"].any()
    assert len(counted) + len(aside) == len(events)
    procedure = h.procedural_steps(ir.load("treaty_milestones"))
    assert not set(counted["id"]) & procedure
    table = h.yearly(counted)
    assert table["events"].sum() == len(counted)
