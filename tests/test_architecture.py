"""House order: no import loop between the project's files, no hidden imports, no module past 300 lines.

The layering of the apps is checked by `lint-imports` (contracts in pyproject.toml); these
tests say what a contract cannot: that the whole file graph is acyclic, and how big a file is.
"""

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "evidence",
    "regions",
    "people",
    "diklat",
    "mentors",
    "projects",
    "assessments",
    "rollout",
    "records",
    "reports",
    "organise",
    "notifications",
    "demo",
    "bench",
]
MAX_LINES = 300


def project_files():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*APPS, cache_dir=None)


def test_the_cycle_finder_finds_a_loop():
    loop = grimp.ImportGraph()
    for module in ("a", "b", "c"):
        loop.add_module(module)
    loop.add_import(importer="a", imported="b")
    loop.add_import(importer="b", imported="c")
    loop.add_import(importer="c", imported="a")
    assert import_cycles(loop) == [["a", "b", "c"]]


def test_no_module_imports_one_that_imports_it_back(graph):
    assert import_cycles(graph) == []


def test_no_function_imports_a_project_module_to_dodge_a_loop():
    hidden = []
    for path in project_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if path.name == "apps.py" and function.name == "ready":
                continue  # Django's own order: an app's models may be imported only once the registry is ready
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    names = [node.module or ""] if node.level == 0 else ["."]
                elif isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                else:
                    continue
                if any(name == "." or name.split(".")[0] in APPS for name in names):
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


def test_no_module_is_longer_than_300_lines():
    long = {}
    for path in project_files():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[str(path.relative_to(ROOT))] = lines
    assert long == {}
