"""Every action is defined completely, in one place (its transition, composed in transitions.py)."""

import ast
from pathlib import Path

import perizinan.workflow as workflow
from perizinan.documents.producers import known_kinds
from perizinan.workflow import effects, effects_intake, effects_issuing, effects_technical, optional_steps
from perizinan.workflow.actions import all_actions
from perizinan.workflow.states import STEPS, State


def test_every_action_has_its_complete_definition():
    kinds = known_kinds()
    for name, a in all_actions().items():
        assert a.label and a.doc, name
        assert a.roles, name
        assert a.direction in {"forward", "back", "reject", "note"}, name
        assert a.sources and all(s in State.values for s in a.sources), name
        assert (a.target is None) == (a.direction == "note"), name
        assert a.target is None or a.target in State.values, name
        assert a.step is None or a.step in STEPS, name
        # Effects are named functions of the effects module of their phase, or of effects.py
        # for those no phase owns (or, for the steps only some permit types have, of
        # optional_steps.py).
        homes = (effects, effects_intake, effects_technical, effects_issuing, optional_steps)
        home = {m.__name__: m for m in homes}[a.effect.__module__]
        assert callable(a.effect) and getattr(home, a.effect.__name__) is a.effect, name
        for doc in a.documents:
            assert doc.kind in kinds, (name, doc.kind)
        for f in a.fields:
            assert f.type in {"text", "file", "date", "choice", "bool"}, (name, f.name)
            assert f.type != "file" or f.requirement is not None, (name, f.name)


def test_the_documents_of_lampiran_1_are_declared_by_their_steps():
    produced = {name: {d.kind for d in a.documents} for name, a in all_actions().items() if a.documents}
    assert produced == {
        "submit": {"application_form", "power_of_attorney_handle", "power_of_attorney_sign"},
        "cs_accept": {"checklist_form"},
        "register": {"registration_receipt"},
        "verify": {"verification_form", "cover_letter"},
        "verify_return": {"verification_form"},
        "deliver_to_agency": {"liaison_receipt"},
        "draft_licence": {"draft_licence"},
        "section_approve": {"draft_licence"},
        "division_approve": {"draft_licence"},
        "sign": {"licence_signed"},
        "number_licence": {"licence"},
        "hand_over": {"handover_receipt"},
        # The steps only some permit types have (optional_steps.py).
        "verify_for_drafting": {"verification_form"},
        "record_payment": {"payment_receipt"},
    }


def test_powers_of_attorney_only_when_the_application_has_them():
    submit = all_actions()["submit"]

    class App:
        has_agent = False
        delegated_signing = True

    assert [d.kind for d in submit.documents if d.wanted(App())] == [
        "application_form",
        "power_of_attorney_sign",
    ]


def test_the_workflow_imports_no_documents_code():
    offenders = []
    for path in Path(workflow.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("perizinan.documents")]
    assert offenders == []
