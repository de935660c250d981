"""Secondary suppression: no withheld cell can be worked out from a total that is shown."""

from network import protect


def test_a_lone_withheld_cell_takes_the_smallest_other_with_it():
    assert protect.protect([[("a", 30), ("b", 3), ("c", 11)]]) == {"b", "c"}


def test_two_withheld_cells_protect_each_other():
    assert protect.protect([[("a", 30), ("b", 3), ("c", 2)]]) == {"b", "c"}


def test_an_unknown_in_the_group_is_enough():
    assert protect.protect([[("a", 30), ("b", 3), ("h", 7)]], unknown={"h"}) == {"b"}
    # With no hidden member, the total would give the cell back.
    assert protect.families_in_total({"government": 30, "civil_society": 3}, 0) == {
        "government",
        "civil_society",
    }
    assert protect.families_in_total({"government": 30, "civil_society": 3}, 6) == {"civil_society"}


def test_rows_and_columns_are_protected_until_none_has_one_withheld_cell():
    by = {
        "europe": {"government": 30, "civil_society": 3, "other": 12},
        "americas": {"government": 20, "civil_society": 9, "other": 14},
    }
    out = protect.region_family(by, ["government", "civil_society", "other"])
    assert ("europe", "civil_society") in out
    for region in by:
        assert len([key for key in out if key[0] == region]) != 1
    for family in ["government", "civil_society", "other"]:
        assert len([key for key in out if key[1] == family]) != 1


def test_countries_are_protected_within_their_region():
    assert protect.countries({"FR": 44, "BR": 2, "US": 8, "MX": 20}) == {"BR", "US"}
