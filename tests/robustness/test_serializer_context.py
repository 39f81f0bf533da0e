"""Every serializer an API view builds from a request gets the view's context (its request and user).

A field that scopes its choices to the user (diklat.api_fields.ScopedPrimaryKeyRelatedField) reads
``context["request"]``; built without it, a valid POST /api/feedback/<id>/budget/ was a KeyError.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
API_MODULES = ["*/api.py", "*/api_*.py", "*/api/*.py"]


def serializers_built_without_context():
    for pattern in API_MODULES:
        for path in sorted(ROOT.glob(pattern)):
            if ".venv" in path.parts or "tests" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                    continue
                keywords = {keyword.arg for keyword in node.keywords}
                if node.func.id.endswith("Serializer") and "data" in keywords and "context" not in keywords:
                    yield f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}"


def test_no_api_view_builds_a_serializer_from_request_data_without_its_context():
    assert list(serializers_built_without_context()) == []
