"""stance.balance against published worked examples of S, Benati-Capurri's A and Häge's kappa.

Sources (values copied from them, not computed by the code under test):

* Signorino & Ritter (1999), via Signorino's GAUSS procedure ``S.g``
  (http://www.rochester.edu/College/PSC/signorino/research/S.g, header
  "Example 1": portfolios 3 3 2 2 and 2 2 3 3, weights .5 .3 .1 .1, maximum
  distance 3) and the replication script phenrickson/allies ``05_hage.R``
  (commit c71fafe2), which re-runs the paper's examples with their stated
  results: Example 1 "should be 0.33", the hypothetical UN example "should
  be 0.75", the weighted alliance example combined with it ("(1*.2+1*.75)/2
  ... should be 0.475", i.e. S = 0.2), and the four examples of p. 133
  (-0.33, 0.33, 0.33, 1).
* Signorino & Ritter (1999, Table 6): Germany's and Russia's 1914
  alliance portfolios with CINC weights, as shipped in R fpsim
  (``gmyrus14``, listed in S. Miller's 2026 blog post on weighting); fpsim
  documents ``srs()`` = 0.4 (unweighted, absolute), -0.46 (CINC-weighted),
  ``bcai(..., levels = 0:3)`` = -0.04 (absolute and squared) and
  ``cohenk(..., levels = 0:3)`` = -0.07758621 (quadratic).
"""

from __future__ import annotations

import pandas as pd
import pytest

from stance.balance import similarity

LEVELS_0_3 = (0, 1, 2, 3)


def pair_frame(x, y, weights=None):
    n = len(x)
    df = pd.DataFrame({"item": list(range(n)) * 2, "actor": ["i"] * n + ["j"] * n, "value": list(x) + list(y)})
    if weights is not None:
        df["w"] = list(weights) * 2
    return df


def s_of(x, y, *, categories, weights=None, measure="s_absolute"):
    df = pair_frame(x, y, weights)
    return similarity(df, "i", "j", measure=measure, categories=categories, weights="w" if weights is not None else None,
                      item="item", actor="actor", value="value")


def test_signorino_gauss_example_1_weighted_alliances():
    r = s_of([3, 3, 2, 2], [2, 2, 3, 3], categories=LEVELS_0_3, weights=[0.5, 0.3, 0.1, 0.1])
    assert r.value == pytest.approx(1 / 3, abs=1e-12)  # "0.33"
    assert r.n_items == 4


def test_signorino_ritter_hypothetical_un_example():
    # UN votes coded 1-3 (maximum distance 2), equal weights 0.25.
    r = s_of([3, 3, 1, 2], [3, 3, 1, 3], categories=(1, 2, 3), weights=[0.25] * 4)
    assert r.value == pytest.approx(0.75, abs=1e-12)
    assert s_of([3, 3, 1, 2], [3, 3, 1, 3], categories=(1, 2, 3)).value == pytest.approx(0.75, abs=1e-12)


def test_signorino_ritter_weighted_alliance_example_of_the_combined_portfolio():
    r = s_of([3, 2, 3, 0], [2, 3, 0, 3], categories=LEVELS_0_3, weights=[0.5, 0.4, 0.05, 0.05])
    assert r.value == pytest.approx(0.2, abs=1e-12)
    # the script's combined similarity, the mean of the two portfolio scores
    un = s_of([3, 3, 1, 2], [3, 3, 1, 3], categories=(1, 2, 3)).value
    assert (r.value + un) / 2 == pytest.approx(0.475, abs=1e-12)


@pytest.mark.parametrize(("x", "y", "expected"), [
    ([0, 1, 2, 3], [3, 2, 1, 0], -1 / 3),
    ([1, 2, 2, 3], [3, 2, 2, 1], 1 / 3),
    ([2, 2, 3, 3], [3, 3, 2, 2], 1 / 3),
    ([3, 3, 3, 3], [3, 3, 3, 3], 1.0),
])
def test_signorino_ritter_page_133_examples(x, y, expected):
    assert s_of(x, y, categories=LEVELS_0_3).value == pytest.approx(expected, abs=1e-12)


# Signorino & Ritter (1999) Table 6, as fpsim's gmyrus14.
GMYRUS14 = pd.DataFrame({
    "state": ["GMY", "RUS", "UKG", "FRN", "AUH", "ITA", "BEL", "SPN", "TUR", "NTH", "SWD", "RUM", "POR", "SWZ", "GRC", "DEN", "YUG", "BUL", "NOR", "ALB"],
    "syscap": [0.25, 0.21, 0.2, 0.08, 0.08, 0.05, 0.03, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0, 0, 0, 0, 0, 0],
    "gmy": [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0],
    "rus": [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
})


def gmyrus_long() -> pd.DataFrame:
    g = GMYRUS14
    return pd.DataFrame({"state": list(g["state"]) * 2, "country": ["GMY"] * 20 + ["RUS"] * 20,
                         "alliance": list(g["gmy"]) + list(g["rus"]), "syscap": list(g["syscap"]) * 2})


def table6(measure, **kw):
    return similarity(gmyrus_long(), "GMY", "RUS", measure=measure, categories=LEVELS_0_3, item="state", actor="country", value="alliance", **kw)


def test_table6_unweighted_and_cinc_weighted_s():
    assert table6("s_absolute").value == pytest.approx(0.4, abs=1e-12)
    assert table6("s_absolute", weights="syscap").value == pytest.approx(-0.46, abs=1e-12)
    assert table6("s_absolute").n_items == 20


def test_table6_benati_capurri_alignment_index():
    assert table6("benati_capurri").value == pytest.approx(-0.04, abs=1e-12)
    assert table6("benati_capurri", distance="squared").value == pytest.approx(-0.04, abs=1e-12)


def test_table6_hage_kappa_squared_distances():
    assert table6("kappa").value == pytest.approx(-0.07758621, abs=1e-8)


def test_unobserved_category_changes_the_result_as_fpsim_warns():
    # No state has a 2 in Table 6: with the observed categories only (0, 1, 3) the quadratic
    # distances are computed on a different scale of positions; fpsim's `levels` exists for this.
    observed_only = similarity(gmyrus_long(), "GMY", "RUS", measure="kappa", categories=(0, 1, 3), scores=(0, 1, 2), item="state", actor="country", value="alliance")
    assert observed_only.value != pytest.approx(-0.07758621, abs=1e-6)
