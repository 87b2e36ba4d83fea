"""The agreement indices against hand-computed values, including the edge cases."""

import math

import pandas as pd
import pytest

from enighed import analysis

approx = pytest.approx


def test_null_variance_and_ad_cutoff_for_five_options():
    # σ²_EU = (A² − 1) / 12 = 24 / 12; Burke & Dunlap's c/6 = 5/6.
    assert analysis.null_variance(5) == 2.0
    assert analysis.ad_cutoff(5) == approx(0.8333, abs=1e-4)


def test_item_indices_by_hand():
    # 4, 4, 5, 3: mean 4; deviations 0, 0, 1, −1; s² = 2/3; r_wg = 1 − (2/3)/2 = 2/3;
    # AD = (0 + 0 + 1 + 1) / 4 = 0.5; SD = √(2/3).
    s = analysis.item_stats([4, 4, 5, 3])
    assert (s.n, s.mean) == (4, 4.0)
    assert s.variance == approx(2 / 3)
    assert s.sd == approx(math.sqrt(2 / 3))
    assert s.rwg == approx(2 / 3)
    assert s.ad == approx(0.5)


def test_everyone_answers_the_same_is_full_agreement():
    s = analysis.item_stats([3, 3, 3, 3, 3])
    assert (s.rwg, s.ad, s.sd) == (1.0, 0.0, 0.0)


def test_maximal_disagreement_is_truncated_to_zero_agreement():
    # 1, 5, 1, 5: mean 3, deviations ±2, s² = 4·4/3 = 16/3 > σ²_EU = 2, so
    # r_wg = 1 − 8/3 < 0 → 0; AD = 2 (the largest possible on 1-5).
    s = analysis.item_stats([1, 5, 1, 5])
    assert s.variance == approx(16 / 3)
    assert s.rwg == 0.0
    assert s.ad == approx(2.0)
    assert s.ad > analysis.ad_cutoff()


def test_one_respondent_has_a_mean_but_no_agreement_index():
    s = analysis.item_stats([4])
    assert (s.n, s.mean) == (1, 4.0)
    assert (s.sd, s.rwg, s.ad) == (None, None, None)
    assert analysis.item_stats([]).n == 0


def test_missing_answers_are_left_out():
    # 4, –, 5, 4: n = 3, mean 13/3; s² = (1/9 + 4/9 + 1/9)/2 = 1/3; r_wg = 1 − 1/6 = 5/6;
    # AD = (1/3 + 2/3 + 1/3)/3 = 4/9.
    s = analysis.item_stats([4, None, 5, float("nan"), 4])
    assert s.n == 3
    assert s.mean == approx(13 / 3)
    assert s.rwg == approx(5 / 6)
    assert s.ad == approx(4 / 9)


def test_rwg_j_by_hand_and_its_truncation():
    # Item variances 2/3 and 0: s̄² = 1/3, ratio 1/6, J = 2: 2·(5/6) / (2·(5/6) + 1/6) = 10/11.
    assert analysis.rwg_j([2 / 3, 0.0]) == approx(10 / 11)
    assert analysis.rwg_j([0.0, 0.0, 0.0]) == 1.0
    assert analysis.rwg_j([3.0, 2.5]) == 0.0  # more spread than random answering
    assert analysis.rwg_j([]) is None


def test_rwg_j_equals_rwg_for_one_item():
    assert analysis.rwg_j([2 / 3]) == approx(analysis.rwg(2 / 3))


def test_t_quantiles_match_the_tables():
    assert analysis.t_ppf(0.975, 1) == approx(12.7062, abs=1e-3)
    assert analysis.t_ppf(0.975, 6) == approx(2.4469, abs=1e-4)
    assert analysis.t_ppf(0.975, 10) == approx(2.2281, abs=1e-4)
    assert analysis.t_ppf(0.975, 1000) == approx(1.9623, abs=1e-3)
    assert analysis.t_ppf(0.025, 10) == approx(-2.2281, abs=1e-4)


def test_welch_interval_by_hand():
    # 4,4,5,3 vs 2,3,2,1: diff 2; s²/n = 1/6 each; se = √(1/3); df = (1/3)² / (2·(1/6)²/3) = 6;
    # half-width = t(0.975, 6) · se = 2.446912 · 0.57735 = 1.41273.
    d = analysis.welch_difference([4, 4, 5, 3], [2, 3, 2, 1])
    assert d.diff == approx(2.0)
    assert d.ci_low == approx(2 - 1.41273, abs=1e-4)
    assert d.ci_high == approx(2 + 1.41273, abs=1e-4)


def test_welch_interval_edge_cases():
    same = analysis.welch_difference([3, 3, 3], [2, 2, 2])
    assert (same.diff, same.ci_low, same.ci_high) == (1.0, 1.0, 1.0)
    single = analysis.welch_difference([4], [2, 3])
    assert single.diff == approx(1.5) and single.ci_low is None
    assert analysis.welch_difference([], [1, 2]).diff is None


def _frame(rows):
    """rows: (respondent, level, item, block, value)"""
    return analysis.answers_frame(
        {
            "besvarelse": r,
            "niveau": lv,
            "spoergsmaal": q,
            "blok": b,
            "indsatsomraade": 7 if b == "loesning" else None,
            "vaerdi": v,
        }
        for r, lv, q, b, v in rows
    )


def _survey():
    """Strategic: 4 respondents, practical: 4, forum: 2. Item 1 is a problem, 2-3 solutions."""
    rows = []
    strategic = {1: [4, 4, 5, 3], 2: [4, 4, 4, 4], 3: [5, 4, 5, 4]}
    practical = {1: [4, 5, 4, 4], 2: [2, 3, 2, 1], 3: [1, 5, 1, 5]}
    forum = {1: [5, 5], 2: [1, 2], 3: [3, 3]}
    for level, data in (("strategisk", strategic), ("praktisk", practical), ("forum", forum)):
        for item, values in data.items():
            for i, v in enumerate(values):
                rows.append((f"{level}{i}", level, item, "problem" if item == 1 else "loesning", v))
    return _frame(rows), {"strategisk": 4, "praktisk": 4, "forum": 2}


def _find(rows, **kw):
    matches = [r for r in rows if all(r.get(k) == v for k, v in kw.items())]
    assert len(matches) == 1, (kw, matches)
    return matches[0]


def test_analyse_block_indices_by_hand():
    result = analysis.analyse(*_survey())["resultater"]
    # Strategic solutions: items 2 (s² 0) and 3 (5,4,5,4: s² 1/3) → s̄² = 1/6, ratio 1/12, J = 2:
    # 2·(11/12) / (2·(11/12) + 1/12) = 22/23. AD: item 2: 0, item 3: 0.5 → 0.25.
    row = _find(result, niveau="strategisk", omfang="blok", blok="loesning")
    assert row["rwg"] == approx(22 / 23)
    assert row["ad"] == approx(0.25)
    assert row["n"] == 4 and row["antal_items"] == 2 and not row["undertrykt"]
    # Practical solutions: item 2 (2,3,2,1: s² 2/3), item 3 (1,5,1,5: s² 16/3): s̄² = 3 > 2 → 0.
    assert _find(result, niveau="praktisk", omfang="blok", blok="loesning")["rwg"] == 0.0
    # Practical problems: 4,5,4,4: s² = 1/4; r_wg(1) = 1 − 1/8.
    assert _find(result, niveau="praktisk", omfang="blok", blok="problem")["rwg"] == approx(7 / 8)
    # Between (strategic + practical pooled), problems: 4,4,5,3,4,5,4,4: mean 4.125,
    # s² = (0.015625·5 + 0.765625·2 + 1.265625)/7 = 0.410714; r_wg = 1 − 0.205357.
    mellem = _find(result, niveau="mellem", omfang="blok", blok="problem")
    assert mellem["rwg"] == approx(1 - 0.410714 / 2, abs=1e-5)
    assert mellem["n"] == 8


def test_analyse_suppresses_groups_below_three_without_keeping_numbers():
    result = analysis.analyse(*_survey())
    forum_rows = [r for r in result["resultater"] if r["niveau"] == "forum"]
    assert forum_rows and all(r["undertrykt"] for r in forum_rows)
    assert all(r[k] is None for r in forum_rows for k in ("middel", "spredning", "rwg", "ad"))
    forum_diffs = [d for d in result["forskelle"] if "forum" in (d["niveau_a"], d["niveau_b"])]
    assert forum_diffs and all(d["undertrykt"] and d["forskel"] is None for d in forum_diffs)


def test_pooled_result_is_suppressed_when_one_level_is_small():
    frame, counts = _survey()
    small = frame[
        ~((frame["niveau"] == "strategisk") & frame["besvarelse"].isin(["strategisk0", "strategisk1"]))
    ]
    result = analysis.analyse(small, {**counts, "strategisk": 2})
    assert all(r["undertrykt"] for r in result["resultater"] if r["niveau"] in ("mellem", "strategisk"))
    assert not _find(result["resultater"], niveau="praktisk", omfang="blok", blok="problem")["undertrykt"]


def test_item_with_too_few_answers_is_suppressed_while_the_group_is_shown():
    frame, counts = _survey()
    # Only two strategic respondents answered item 3.
    frame = frame[
        ~(
            (frame["niveau"] == "strategisk")
            & (frame["spoergsmaal"] == 3)
            & frame["besvarelse"].isin(["strategisk0", "strategisk1"])
        )
    ]
    result = analysis.analyse(frame, counts)["resultater"]
    assert _find(result, niveau="strategisk", omfang="spoergsmaal", spoergsmaal_id=3)["undertrykt"]
    assert not _find(result, niveau="strategisk", omfang="spoergsmaal", spoergsmaal_id=2)["undertrykt"]
    assert _find(result, niveau="mellem", omfang="spoergsmaal", spoergsmaal_id=3)["undertrykt"]


def test_between_level_differences_by_hand():
    diffs = analysis.analyse(*_survey())["forskelle"]
    item2 = _find(diffs, spoergsmaal_id=2, niveau_a="strategisk", niveau_b="praktisk")
    # 4,4,4,4 vs 2,3,2,1: diff 2; se = √(0 + (2/3)/4); df = 3 → t = 3.182446.
    se = math.sqrt((2 / 3) / 4)
    assert item2["forskel"] == approx(2.0)
    assert item2["ci_lav"] == approx(2 - 3.182446 * se, abs=1e-4)
    assert item2["ci_hoej"] == approx(2 + 3.182446 * se, abs=1e-4)
    block = next(
        d
        for d in diffs
        if d["blok"] == "loesning"
        and "spoergsmaal_id" not in d
        and (d["niveau_a"], d["niveau_b"]) == ("strategisk", "praktisk")
    )
    # Block scores: strategic respondents (4+5)/2, (4+4)/2, (4+5)/2, (4+4)/2 = 4.25 mean;
    # practical (2+1)/2, (3+5)/2, (2+1)/2, (1+5)/2 = 1.5, 4, 1.5, 3 → 2.5; diff 1.75.
    assert block["forskel"] == approx(1.75)
    # Item gaps: item 2: |4 − 2| = 2; item 3: |4.5 − 3| = 1.5 → mean 1.75.
    assert block["abs_forskel"] == approx(1.75)


def test_distribution_for_the_lbf_overview():
    d = analysis.distribution([0.5, 0.7, 0.9, 1.0])
    assert d["antal"] == 4
    assert d["median"] == approx(0.8)
    assert d["andel_enige"] == approx(0.75)
    assert analysis.distribution([])["antal"] == 0


def test_answers_frame_accepts_no_rows():
    frame = analysis.answers_frame([])
    assert isinstance(frame, pd.DataFrame) and frame.empty
    assert analysis.analyse(frame, {}) == {"resultater": [], "forskelle": []}
