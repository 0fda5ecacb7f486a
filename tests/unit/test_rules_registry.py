"""Rule modules are discovered: one that is in the folder registers without being listed."""

import ast
from pathlib import Path

import imgwizard.rules as rules_package
from imgwizard.rules import RULES, registry


def _modules_with_rules() -> set[str]:
    found = set()
    for path in Path(rules_package.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Name) and d.id == "rule" for d in node.decorator_list
            ):
                found.add(f"imgwizard.rules.{path.stem}")
    return found


def test_every_module_with_a_rule_is_registered():
    with_rules = _modules_with_rules()
    assert len(with_rules) >= 7  # deadlines, documents, eligibility, fees, letters, ...
    assert with_rules <= set(registry.MODULES)
    assert {r.__module__ for r in RULES} == with_rules


def test_each_rule_registers_once():
    assert len({id(r) for r in RULES}) == len(RULES)
