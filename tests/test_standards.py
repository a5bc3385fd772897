"""The data package passes the reference validator of its standard; country codes are real ISO 3166 codes."""

from __future__ import annotations

import pycountry
from frictionless import Package

import iranrussia as ir
from iranrussia.core import DATA
from iranrussia.schemas import ACTORS, ORGANISATIONS


def test_frictionless_validates_the_data_package():
    """frictionless is the reference implementation of the Data Package standard."""
    report = Package(str(DATA / "datapackage.json")).validate()
    problems = [error.message for task in report.tasks for error in task.errors][:5]
    assert report.valid, problems
    assert len(report.tasks) == len(ir.TABLES)


def test_every_state_code_is_iso_3166_and_every_group_code_is_not():
    """ACTORS mixes states (ISO 3166-1 alpha-3) and groups; ORGANISATIONS says which are which."""
    assert ORGANISATIONS <= set(ACTORS)
    for code, name in ACTORS.items():
        country = pycountry.countries.get(alpha_3=code)
        if code in ORGANISATIONS:
            assert country is None, f"{code} is listed as a group but is the ISO code of {country.name}"
        else:
            assert country is not None, f"{code} ({name}) is not an ISO 3166-1 alpha-3 code"
