"""The requirement list for every combination of application kind and profile flags."""

import dataclasses
import itertools

import pytest

from perizinan.accounts.models import Office
from perizinan.catalog.models import PermitType
from perizinan.catalog.profile import Profile
from perizinan.catalog.selectors import requirements_for

pytestmark = pytest.mark.django_db

KINDS = ["new", "change", "technical_lead_change", "director_change"]
FLAGS = ["foreign_investment", "electromedical", "radiation", "technicians"]


def expected(kind: str, flags: dict[str, bool], *, agent=False, delegated=False, nuisance=False) -> list[int]:
    """The SOP's section G rules, written out independently of the catalogue data."""
    numbers = [n for n in range(1, 30) if n not in {7, 8, 16, 17, 25, 26, 27}]
    if flags["foreign_investment"]:
        numbers.append(7)
    if nuisance:
        numbers.append(8)
    if flags["electromedical"] or flags["radiation"]:  # radiation-emitting devices are electromedical
        numbers += [16, 17]
    if flags["technicians"]:
        numbers += [25, 26]
    if flags["radiation"]:
        numbers.append(27)
    if kind != "new":
        numbers.append(30)
    if kind == "technical_lead_change":
        numbers += [31, 32]
    if kind == "director_change":
        numbers.append(33)
    if agent:
        numbers.append(34)
    if delegated:
        numbers.append(35)
    return sorted(numbers)


@pytest.mark.parametrize("kind", KINDS)
def test_requirements_every_combination(kind):
    pak = PermitType.objects.get(code="PAK")
    for values in itertools.product([False, True], repeat=len(FLAGS) + 2):
        flags = dict(zip(FLAGS, values[:4], strict=True))
        agent, delegated = values[4], values[5]
        got = [
            r.number
            for r in requirements_for(
                pak, Profile(kind=kind, agent=agent, delegated_signing=delegated, **flags)
            )
        ]
        assert got == expected(kind, flags, agent=agent, delegated=delegated), (kind, flags, agent, delegated)


def test_nuisance_permit_follows_the_office_setting():
    pak = PermitType.objects.get(code="PAK")
    assert 8 not in [r.number for r in requirements_for(pak, Profile())]
    office = Office.current()
    office.require_nuisance_permit = True
    office.save()
    assert 8 in [r.number for r in requirements_for(pak, Profile())]


@pytest.mark.parametrize("kind", KINDS)
def test_requirements_api_matches_rules(client, kind):
    for values in itertools.product([False, True], repeat=4):
        flags = dict(zip(FLAGS, values, strict=True))
        params = {"kind": kind, **{k: str(v).lower() for k, v in flags.items()}}
        r = client.get("/api/v1/permit-types/PAK/requirements", params)
        assert r.status_code == 200
        assert [x["number"] for x in r.json()] == expected(kind, flags)


# The office's own setting, not a question put to the applicant.
OFFICE_SETTINGS = {"nuisance_permit"}


@pytest.mark.parametrize(
    "answer", [f.name for f in dataclasses.fields(Profile) if f.name not in OFFICE_SETTINGS | {"kind"}]
)
def test_every_question_of_the_profile_can_be_asked_through_the_api(client, answer):
    """A question added to the profile must reach the public endpoint, not be silently dropped there."""
    pak = PermitType.objects.get(code="PAK")
    r = client.get("/api/v1/permit-types/PAK/requirements", {"kind": "new", answer: "true"})
    assert r.status_code == 200
    wanted = [x.number for x in requirements_for(pak, Profile(**{answer: True}))]
    assert [x["number"] for x in r.json()] == wanted
    assert wanted != [x.number for x in requirements_for(pak, Profile())], f"{answer} changes no requirement"


def test_requirements_api_stage_and_titles(client):
    rows = {x["number"]: x for x in client.get("/api/v1/permit-types/PAK/requirements").json()}
    assert rows[2]["stage"] == rows[3]["stage"] == "technical_review"
    assert {x["stage"] for n, x in rows.items() if n not in (2, 3)} == {"submission"}
    assert rows[22]["title"] == "Salinan Ijazah PJT (minimal D3)"
    assert rows[22]["title_en"].startswith("Copy of the technical lead's diploma")
    assert rows[12]["title"].startswith("Status bangunan (sewa atau milik sendiri)")


def test_unknown_kind_is_422_and_unknown_type_404(client):
    r = client.get("/api/v1/permit-types/PAK/requirements", {"kind": "renewal"})
    assert r.status_code == 422 and "kind" in r.json()["detail"]
    assert client.get("/api/v1/permit-types/XYZ/requirements").status_code == 404


def test_permit_type_catalogue(client):
    [pak] = client.get("/api/v1/permit-types").json()
    assert pak["code"] == "PAK" and pak["sla_working_days"] == 7 and pak["fee"] == 0
    assert pak["clock_start"] == "recommendation" and pak["needs_recommendation"] is True
    assert pak["technical_agency"]["name"] == "Dinas Kesehatan Provinsi Kalimantan Timur"
    assert pak["number_format"] == "503/{seq:04d}/PAK/DPMPTSP/{year}"
    assert pak["kinds"] == KINDS
    assert pak["validity"] == "Selama perusahaan menjalankan kegiatan usahanya"


def test_radiation_alone_asks_for_the_electromedical_documents_too(client):
    r = client.get("/api/v1/permit-types/PAK/requirements", {"kind": "new", "radiation": "true"})
    numbers = {row["number"] for row in r.json()}
    assert {16, 17, 27} <= numbers
