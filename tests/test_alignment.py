"""The ladders' rules on hand-worked dyads (made-up indicator values, not the collection's data)."""

from __future__ import annotations

import pandas as pd
import pytest

from iranrussia import alignment as al

NA = None


def _dyad(**values) -> dict:
    base = {"partner": "X", "period": 2023, "treaty_in_force": True, "defence": False, "neutrality": False,
            "nonaggression": False, "consultation": False, "forces_on_soil": False, "relation_level": NA,
            "co_belligerence": False, "arms_transfers": 0, "joint_exercises": 0, "un_shield": False,
            "ga_votes_with_russia": 0.0, "leader_meetings": 0, "share_of_russia_trade_pct": 0.0,
            "russia_share_of_partner_trade_pct": 0.0}
    base.update(values)
    return base


@pytest.mark.parametrize(("flags", "rung"), [
    ({"treaty_in_force": False}, "none"),
    ({"consultation": True}, "entente"),
    ({"neutrality": True, "nonaggression": True, "consultation": True}, "neutrality or non-aggression pact"),
    ({"defence": True}, "defence pact"),
    ({"defence": True, "forces_on_soil": True}, "integrated alliance"),
    ({"defence": True, "forces_on_soil": NA}, "defence pact"),  # integration unknown: at least a defence pact
    ({"neutrality": NA}, al.UNKNOWN),
])
def test_written_rung_follows_the_highest_atop_obligation(flags, rung):
    assert al.written_rung(_dyad(**flags)) == rung


def test_practical_rungs_on_hand_worked_dyads():
    # relations decide first
    assert al.practical_rung(_dyad(relation_level=-2, arms_transfers=3)) == "adversaries"
    assert al.practical_rung(_dyad(relation_level=-1, leader_meetings=5)) == "rivals"
    # military + leaders + economic = 3 domains -> aligned
    aligned = _dyad(joint_exercises=2, leader_meetings=3, share_of_russia_trade_pct=6.0)
    assert al.practical_rung(aligned) == "aligned strategic partners"
    # weapons for the other's war plus one domain -> co-belligerents
    assert al.practical_rung(_dyad(co_belligerence=True, arms_transfers=1)) == "co-belligerents"
    # one domain, the rest known and absent -> limited partners
    assert al.practical_rung(_dyad(leader_meetings=2)) == "limited partners"


def test_missing_indicators_stay_unknown_and_never_count_as_zero():
    # one domain shown, two unknown: could reach three, so the rung is unknown
    open_ = _dyad(leader_meetings=3, un_shield=NA, ga_votes_with_russia=NA, share_of_russia_trade_pct=NA,
                  russia_share_of_partner_trade_pct=NA)
    assert al.domain_support(open_) == {"military": False, "diplomatic": None, "leaders": True, "economic": None}
    assert al.practical_rung(open_) == al.UNKNOWN
    # the same dyad with two domains known absent cannot reach three: limited partners
    assert al.practical_rung(_dyad(leader_meetings=3, share_of_russia_trade_pct=NA)) == "limited partners"


def test_formal_ally_threshold_and_the_stated_alternatives():
    assert al.is_formal_ally("entente") is True  # ATOP: consultation counts
    assert al.is_formal_ally("entente", al.ALTERNATIVES["a consultation pact is no alliance"]) is False
    assert al.is_formal_ally("neutrality or non-aggression pact",
                             al.ALTERNATIVES["only a defence pact is an alliance"]) is False
    assert al.is_formal_ally(al.UNKNOWN) is None


def test_cobelligerence_required_and_votes_weighing_double():
    no_war = _dyad(joint_exercises=1, leader_meetings=2, russia_share_of_partner_trade_pct=12.0)
    assert al.practical_rung(no_war) == "aligned strategic partners"
    assert al.practical_rung(no_war, al.ALTERNATIVES["co-belligerence required for alignment"]) == "limited partners"
    votes = _dyad(un_shield=True, leader_meetings=2)  # two domains, one of them diplomatic
    assert al.practical_rung(votes) == "limited partners"
    assert al.practical_rung(votes, al.ALTERNATIVES["votes weigh double"]) == "aligned strategic partners"


def test_sensitivity_reports_only_the_placements_that_move():
    table = pd.DataFrame([
        _dyad(partner="A", neutrality=True, joint_exercises=1, leader_meetings=2, russia_share_of_partner_trade_pct=12.0),
        _dyad(partner="B", defence=True, forces_on_soil=True, co_belligerence=True, arms_transfers=2),
    ])
    changes = al.sensitivity(table)
    moved = set(zip(changes["alternative"], changes["partner"], changes["what"]))
    assert ("only a defence pact is an alliance", "A", "formal ally") in moved
    assert ("co-belligerence required for alignment", "A", "practice range") in moved
    assert not any(p == "B" for _, p, _ in moved)  # a defence pact at war with Russia's enemy moves nowhere
    placed = al.place(table).set_index("partner")
    assert placed.loc["B", "written"] == "integrated alliance" and placed.loc["B", "practice"] == "co-belligerents"


def test_cobelligerence_reads_the_war_parts_at_the_rule_threshold():
    arms_only = {"partner_in_russia_war": "weapons", "russia_in_partner_war": "none"}
    assert al.co_belligerence(arms_only) is False
    assert al.co_belligerence(arms_only, al.ALTERNATIVES["weapons for the other's war make co-belligerence"]) is True
    territory = {"partner_in_russia_war": "territory", "russia_in_partner_war": NA}
    assert al.co_belligerence(territory) is True
    assert al.co_belligerence(territory, al.ALTERNATIVES["only troops make co-belligerence"]) is None
    assert al.co_belligerence({"partner_in_russia_war": "none", "russia_in_partner_war": "none"}) is False
    assert al.co_belligerence({}) is None


def test_economic_domain_counts_either_share():
    rules = al.BASE
    assert al.domain_support(_dyad(share_of_russia_trade_pct=0.5, russia_share_of_partner_trade_pct=48.0),
                             rules)["economic"] is True
    assert al.domain_support(_dyad(share_of_russia_trade_pct=0.5, russia_share_of_partner_trade_pct=3.0),
                             rules)["economic"] is False
    assert al.domain_support(_dyad(share_of_russia_trade_pct=0.5, russia_share_of_partner_trade_pct=NA),
                             rules)["economic"] is None


def test_a_count_known_only_as_a_lower_bound_is_unknown_below_the_threshold():
    bound = _dyad(leader_meetings=1, leader_meetings_at_least=True)
    assert al.domain_support(bound)["leaders"] is None
    assert al.domain_support(_dyad(leader_meetings=1))["leaders"] is False
    assert al.domain_support(_dyad(leader_meetings=3, leader_meetings_at_least=True))["leaders"] is True


def test_an_unknown_part_in_the_others_war_leaves_the_rung_unknown():
    supported = _dyad(joint_exercises=2, leader_meetings=3, share_of_russia_trade_pct=6.0)
    assert al.practical_rung(supported) == "aligned strategic partners"
    assert al.practical_rung({**supported, "co_belligerence": NA}) == al.UNKNOWN


def test_bounds_span_what_the_unknown_facts_could_make_of_a_dyad():
    open_ = _dyad(leader_meetings=3, un_shield=NA, ga_votes_with_russia=NA, share_of_russia_trade_pct=NA,
                  russia_share_of_partner_trade_pct=NA)
    assert al.practical_bounds(open_) == ("limited partners", "aligned strategic partners")
    war_unknown = _dyad(joint_exercises=2, leader_meetings=3, share_of_russia_trade_pct=6.0, co_belligerence=NA)
    assert al.practical_bounds(war_unknown) == ("aligned strategic partners", "co-belligerents")
    decided = _dyad(joint_exercises=2, leader_meetings=3, share_of_russia_trade_pct=6.0)
    assert al.practical_bounds(decided) == ("aligned strategic partners",) * 2


def test_the_answer_rule_on_the_two_rungs():
    from iranrussia.verdict import answer
    assert answer("defence pact", "co-belligerents") == "supported"
    assert answer("neutrality or non-aggression pact", "aligned strategic partners") == "partly supported"
    assert answer("none", "limited partners") == "not supported"
    assert answer("none", "aligned strategic partners") == "partly supported"
    assert answer("entente", al.UNKNOWN) == "cannot be judged"


def test_a_missing_lower_bound_flag_is_not_a_lower_bound():
    nan = float("nan")
    assert al.domain_support(_dyad(leader_meetings=1, leader_meetings_at_least=nan))["leaders"] is False


def test_a_treaty_is_in_force_from_entry_into_force_until_it_ends():
    treaties = pd.DataFrame([
        {"id": "OLD", "parties": "RUS;XXX", "signed": "2000-02-09", "in_force": None, "ended": "2024-12-04"},
        {"id": "NEW", "parties": "RUS;XXX", "signed": "2024-06-19", "in_force": "2024-12-04", "ended": None},
        {"id": "OTHER", "parties": "RUS;YYY", "signed": "1990", "in_force": None, "ended": None},
    ])
    assert al.treaties_in_force(treaties, "RUS", "XXX", 2023) == ["OLD"]
    assert al.treaties_in_force(treaties, "RUS", "XXX", 2025) == ["NEW"]
    assert al.treaties_in_force(treaties, "RUS", "XXX", 1999) == []
