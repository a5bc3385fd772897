"""Maps: the country file is read and checked, ties and corridor legs come out of small hand-made tables."""

from __future__ import annotations

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import iranrussia as ir
from iranrussia import maps


def test_the_shipped_country_file_holds_the_collections_states():
    shapes = maps.load_countries()
    for code in ("RUS", "IRN", "ARM", "AZE", "GEO", "TUR"):
        assert shapes[code] and all(len(ring) >= 4 for ring in shapes[code])


def test_a_malformed_country_file_names_the_file_and_the_feature(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"iso_a3": "ARM"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 0]}}]}))
    with pytest.raises(ir.DataValidationError, match=r"bad.geojson, line 2, column geometry"):
        maps.load_countries(path)
    path.write_text("{not json")
    with pytest.raises(ir.DataValidationError, match="readable GeoJSON"):
        maps.load_countries(path)


def test_tie_table_reads_both_orders_of_a_pair_and_leaves_uncoded_pairs_missing():
    relations = pd.DataFrame({"snapshot": [2020, 2020], "actor_a": ["ARM", "IRN"], "actor_b": ["RUS", "RUS"],
                              "level": [3, 2]})
    ties = maps.tie_table(relations, ["ARM", "GEO", "IRN", "RUS"], partners=("RUS",)).set_index("state")
    assert ties.loc["ARM", "level"] == 3 and ties.loc["IRN", "level"] == 2
    assert pd.isna(ties.loc["GEO", "level"])  # not coded: missing, never 0


def test_corridor_legs_join_the_named_places_in_order():
    places = pd.DataFrame({"id": ["PL01", "PL02", "PL03"], "name": ["A", "B", "C"], "lon": [40.0, 41.0, 42.0],
                           "lat": [38.0, 39.0, 40.0], "role": ["town"] * 3})
    corridors = pd.DataFrame({"id": ["CR01", "CR02", "CR03"], "corridor": ["x", "y", "z"],
                              "segment": ["rail", "sea route", "tunnel"], "status": ["operating", "agreed", "agreed"],
                              "places": ["PL01;PL02;PL03", "PL02;PL03", None]})
    legs = maps.corridor_segments(corridors, places)
    assert list(zip(legs["corridor_id"], legs["from"], legs["to"])) == [
        ("CR01", "PL01", "PL02"), ("CR01", "PL02", "PL03"), ("CR02", "PL02", "PL03")]
    assert legs["sea"].tolist() == [False, False, True]
    fig = maps.plot_corridors(legs, places)
    try:
        main = fig.axes[0]
        assert main.get_legend() is not None
    finally:
        plt.close(fig)
