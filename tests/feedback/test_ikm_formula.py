"""The IKM formula of PermenPAN-RB 14/2017 against worked examples computed by hand here.

Each example says where its numbers come from; the arithmetic is written out in the comments
so a reader can redo it with pencil and paper. No database."""

from decimal import Decimal

import pytest

from perizinan.feedback.ikm import (
    ELEMENT_FIELDS,
    ELEMENTS,
    compute,
    compute_from_sums,
    grade_of,
    minimum_sample,
)


def row(*answers: int) -> dict[str, int]:
    return dict(zip(ELEMENT_FIELDS, answers, strict=True))


def test_nine_elements_with_four_answer_labels_each():
    assert [e.code for e in ELEMENTS] == [f"U{i}" for i in range(1, 10)]
    assert str(ELEMENTS[0].name) == "Persyaratan" and str(ELEMENTS[8].name) == "Sarana dan prasarana"
    assert all(len(e.answers) == 4 for e in ELEMENTS)


def test_three_respondents_by_hand():
    # Three questionnaires typed in from paper:
    #   R1: 4 4 3 4 3 4 4 3 4    R2: 3 3 3 3 3 3 3 3 3    R3: 4 3 2 4 3 4 4 3 3
    # NRR = column sum / 3: U1 11/3, U2 10/3, U3 8/3, U4 11/3, U5 9/3, U6 11/3, U7 11/3, U8 9/3, U9 10/3
    # sum of NRR = 90/3 = 30; x 1/9 = 3.3333...; x 25 = 83.333... -> 83.33, grade B "Baik"
    result = compute(
        [row(4, 4, 3, 4, 3, 4, 4, 3, 4), row(3, 3, 3, 3, 3, 3, 3, 3, 3), row(4, 3, 2, 4, 3, 4, 4, 3, 3)]
    )
    assert result.respondents == 3
    assert [s.nrr for s in result.elements] == [Decimal(x) for x in
        ("3.6667", "3.3333", "2.6667", "3.6667", "3.0000", "3.6667", "3.6667", "3.0000", "3.3333")]  # fmt: skip
    assert result.ikm == Decimal("83.33")
    assert (result.grade, str(result.performance)) == ("B", "Baik")
    # The three lowest: U3 (2.6667), then U5 and U8 (3.0000).
    assert [s.element.code for s in result.flagged] == ["U3", "U5", "U8"]


def test_the_contracts_example_29_respondents():
    # The API contract shows U1 NRR 3.6207 and IKM 91.48 (A, Sangat Baik). With 29 respondents
    # answering 3 or 4: U1 has 18 fours and 11 threes -> sum 3*29 + 18 = 105, NRR 105/29 = 3.62069 -> 3.6207.
    # U2..U9 sums 106,106,106,106,106,107,107,106 (19, 19, ... and 20 fours): all sums 955.
    # IKM = 955 / 29 / 9 * 25 = 91.4751... -> 91.48.
    # With the weight rounded to 0.111 it would be 955/29 * 0.111 * 25 = 91.38: the weight must be 1/9.
    fours = {"u1": 18, "u2": 19, "u3": 19, "u4": 19, "u5": 19, "u6": 19, "u7": 20, "u8": 20, "u9": 19}
    rows = [{f: 4 if i < fours[f] else 3 for f in ELEMENT_FIELDS} for i in range(29)]
    result = compute(rows)
    assert result.elements[0].nrr == Decimal("3.6207")
    assert result.ikm == Decimal("91.48")
    assert (result.grade, str(result.performance)) == ("A", "Sangat Baik")


def test_all_best_answers_give_exactly_100():
    # NRR 4 everywhere: 9 x 4 x 1/9 x 25 = 100.00 (a rounded weight 0.111 would give 99.90).
    assert compute([row(4, 4, 4, 4, 4, 4, 4, 4, 4)]).ikm == Decimal("100.00")


def test_the_grade_c_boundary_reached_exactly():
    # 5 respondents, 45 answers: 27 threes and 18 twos, sum 117. IKM = 117 / 45 * 25 = 65.00 exactly: C.
    rows = [row(3, 3, 3, 3, 3, 2, 2, 2, 3), row(3, 3, 3, 3, 3, 2, 2, 2, 3), row(3, 3, 3, 3, 3, 2, 2, 2, 3)]
    rows += [row(3, 3, 2, 2, 2, 3, 3, 2, 2), row(3, 3, 3, 2, 2, 3, 3, 2, 2)]
    assert sum(sum(r.values()) for r in rows) == 117
    result = compute(rows)
    assert result.ikm == Decimal("65.00")
    assert (result.grade, str(result.performance)) == ("C", "Kurang Baik")


def test_halves_round_up_at_the_second_decimal():
    # Every element: 17001 over 5000 answers, NRR 3.4002; IKM = 3.4002 x 25 = 85.005 exactly -> 85.01
    # (round-half-even or a binary float would print 85.00).
    sums = dict.fromkeys(ELEMENT_FIELDS, 17001)
    result = compute_from_sums(5000, sums, dict.fromkeys(ELEMENT_FIELDS, 5000))
    assert result.ikm == Decimal("85.01")


@pytest.mark.parametrize(
    ("value", "grade", "label"),
    [
        ("100.00", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25.00", "D", "Tidak Baik"),
    ],
)
def test_grade_boundaries(value, grade, label):
    letter, performance = grade_of(Decimal(value))
    assert (letter, str(performance)) == (grade, label)


def test_no_respondents_has_no_index():
    result = compute([])
    assert result.respondents == 0 and result.ikm is None and result.grade is None and result.flagged == []


@pytest.mark.parametrize("bad", [0, 5, "3", None])
def test_answers_outside_1_to_4_are_refused(bad):
    with pytest.raises((ValueError, KeyError)):
        compute([{**row(3, 3, 3, 3, 3, 3, 3, 3, 3), "u4": bad}])


@pytest.mark.parametrize(
    ("population", "sample"),
    # Krejcie & Morgan (1970) Table 1: 100 -> 80, 1000 -> 278, 10000 -> 370; between rows, the
    # next row (101 -> the row of 110, 86); below 10 everyone; beyond 100000, 384.
    [(0, 0), (5, 5), (10, 10), (100, 80), (101, 86), (1000, 278), (10000, 370), (2_000_000, 384)],
)
def test_minimum_sample_krejcie_morgan(population, sample):
    assert minimum_sample(population) == sample


def test_nothing_is_flagged_when_every_element_scores_alike():
    assert compute([row(3, 3, 3, 3, 3, 3, 3, 3, 3)]).flagged == []
    # One element below the rest: only that one (the others tie above the mean).
    assert [s.element.code for s in compute([row(3, 3, 3, 2, 3, 3, 3, 3, 3)]).flagged] == ["U4"]
