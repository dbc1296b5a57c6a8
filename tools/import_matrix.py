"""The import matrix: which package may import which, following INDIRECT imports.

Run by tests/test_import_matrix.py (so `make test` enforces it). Every module of kiosk/,
backend/ and civic_core/ is parsed (imports inside functions count: a lazy import still
runs; `if TYPE_CHECKING:` blocks do not), importing a submodule also runs its packages'
__init__, and a rule fails when a module reaches a forbidden one through any chain — the
chain is named in the message.
"""

from __future__ import annotations

import ast
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kiosk", "backend", "civic_core")
QT = ("PySide6*", "shiboken6*")
WEB = ("fastapi*", "starlette*", "sqlalchemy*", "uvicorn*", "pydantic*")
FEATURES = ("identify", "booking", "orders", "progress", "benefits", "help")
# Plain Python, checked without Qt: the flows, their wording and derivations, the API client.
PLAIN = (
    "civic_core*", "kiosk.api*", "kiosk.*.flow", "kiosk.*.wording", "kiosk.*.derive",
    "kiosk.shell.idle_policy", "kiosk.locale_pack",
)  # fmt: skip
SERVICES = ("kiosk.api*", "kiosk.speech*", "kiosk.devices*")
# kiosk/fleet is the fleet agent (heartbeats, usage, remote settings, the offline screen): it
# watches the whole kiosk, so it may use any part; only the composition root builds it.
FLEET = ("kiosk.fleet*",)
SCREENS = ("kiosk.shell*", *(f"kiosk.{f}*" for f in FEATURES), *FLEET)


@dataclass(frozen=True)
class Rule:
    sources: tuple[str, ...]  # fnmatch patterns of the modules the rule is about
    forbidden: tuple[str, ...]  # what they must never reach, directly or not
    why: str
    allowed: tuple[tuple[str, str], ...] = ()  # (source, target) pairs that are the design


def _feature_rules() -> tuple[Rule, ...]:
    """A feature reaches another only where the design says so."""
    links = {("orders", "booking")}  # 改约 continues on the booking screens
    return tuple(
        Rule((f"kiosk.{a}*",), (f"kiosk.{b}*",), f"{a} does not depend on {b}")
        for a in FEATURES
        for b in FEATURES
        if a != b and (a, b) not in links
    )


RULES: tuple[Rule, ...] = (
    Rule(("civic_core*",), ("kiosk*", "backend*", *QT, *WEB), "the core imports neither side"),
    Rule(("backend*",), ("kiosk*",), "the backend never imports the kiosk"),
    Rule(("kiosk*",), ("backend*",), "the kiosk never imports the backend"),
    Rule(PLAIN, QT, "flows, wording, api and the core never reach Qt"),
    Rule(SERVICES, SCREENS, "services (api, speech, devices) know no screen"),
    # The voice bar presses spoken digits into identification (kiosk/identify/spoken_id.py).
    Rule(
        ("kiosk.shell*",),
        tuple(f"kiosk.{f}*" for f in FEATURES),
        "the shell knows no feature",
        allowed=(("kiosk.shell.voice", "kiosk.identify*"),),
    ),  # fmt: skip
    *_feature_rules(),
    Rule(
        ("kiosk.shell*", *(f"kiosk.{f}*" for f in FEATURES), *SERVICES),
        FLEET,
        "screens and services do not know the fleet agent (kiosk/app.py wires it)",
    ),  # fmt: skip
)


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(name == p or fnmatch.fnmatchcase(name, p) for p in patterns)


def _modules(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> Iterable[ast.Import | ast.ImportFrom]:
    """Every import that runs, at any depth (functions included), skipping TYPE_CHECKING."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def _targets(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules `name` imports: ours by full name, others by their top-level package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            wanted = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            wanted = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for target in wanted:
            if target in known or target.split(".")[0] not in PACKAGES and target:
                found.add(target)
    # Importing a.b.c runs a/__init__ and a/b/__init__ first.
    for target in list(found):
        parts = target.split(".")
        found.update(
            ".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in known
        )
    found.discard(name)
    return found


@dataclass(frozen=True)
class Graph:
    edges: dict[str, set[str]]

    @classmethod
    def of(cls, root: Path = ROOT, packages: Iterable[str] = PACKAGES) -> Graph:
        known = _modules(root, packages)
        return cls({name: _targets(name, path, known) for name, path in known.items()})

    def chain(self, source: str, forbidden: tuple[str, ...]) -> list[str] | None:
        """The shortest import chain from source to a forbidden module, if there is one."""
        came_from: dict[str, str | None] = {source: None}
        queue = [source]
        while queue:
            current = queue.pop(0)
            if current != source and _matches(current, forbidden):
                path = [current]
                while (step := came_from[path[-1]]) is not None:
                    path.append(step)
                return path[::-1]
            for nxt in sorted(self.edges.get(current, ())):
                if nxt not in came_from:
                    came_from[nxt] = current
                    queue.append(nxt)
        return None


def violations(graph: Graph, rules: Iterable[Rule] = RULES) -> list[str]:
    found = []
    for rule in rules:
        kept = _drop_allowed(graph, rule)
        for source in sorted(graph.edges):
            if not _matches(source, rule.sources):
                continue
            # a package may use its own modules (kiosk.booking* inside kiosk.booking)
            targets = tuple(p for p in rule.forbidden if not _matches(source, (p,)))
            chain = kept.chain(source, targets)
            if chain:
                found.append(f"{rule.why}: {' -> '.join(chain)}")
    return found


def _drop_allowed(graph: Graph, rule: Rule) -> Graph:
    """The graph without the edges the rule allows (its design links)."""
    if not rule.allowed:
        return graph
    return Graph({
        name: {t for t in targets if not any(
            _matches(name, (a,)) and _matches(t, (b,)) for a, b in rule.allowed
        )}
        for name, targets in graph.edges.items()
    })  # fmt: skip
