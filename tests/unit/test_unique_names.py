"""Each class of the product has one name and one home: no two modules define the same class."""

from __future__ import annotations

import ast
from collections import defaultdict

from bot.settings import ROOT

PACKAGES = ("bot", "app", "actions", "components", "channels", "web")


def test_no_two_modules_define_a_class_of_the_same_name():
    homes: dict[str, list[str]] = defaultdict(list)
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.ClassDef):
                    homes[node.name].append(str(path.relative_to(ROOT)))
    clashes = {name: paths for name, paths in homes.items() if len(paths) > 1}
    assert not clashes, f"classes defined in more than one module: {clashes}"
