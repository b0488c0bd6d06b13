"""No code names a permit type (docs/adr/0018-second-permit-type.md): what differs between
permit types is their data (catalog/data/*.json, the admin), never a branch on a code.

Every string literal in perizinan/**/*.py (docstrings aside) is checked for the code of a
permit type the data defines; migrations (which load the data) are outside the rule, and so
is the demo, whose seed application is for the office's real permit type.
"""

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "perizinan"
DATA = [ROOT / "catalog" / "data", Path(__file__).resolve().parent / "fixtures" / "permit_types"]
# The demo seeds one application of the office's real permit type and says so.
ALLOWED = {"demo.py", "workflow/management/commands/run_demo.py"}


def codes() -> set[str]:
    return {json.loads(f.read_text(encoding="utf-8"))["code"] for d in DATA for f in d.glob("*.json")}


def docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def test_the_permit_type_codes_are_known():
    assert {"PAK", "UJI-BIAYA"} <= codes()


def test_no_code_outside_the_data_names_a_permit_type():
    pattern = re.compile(
        r"(?<![A-Za-z0-9_-])(" + "|".join(map(re.escape, sorted(codes()))) + r")(?![A-Za-z0-9_])"
    )
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" in f"/{rel}" or rel in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree)
        for node in ast.walk(tree):
            literal = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            if literal and pattern.search(node.value):
                found.append(f"{rel}:{node.lineno}: {node.value[:80]!r}")
    assert found == []
