"""Progression rules for the commands that run them: the built-in ones and installed plug-ins.

Installed packages offer rules in the ``lumbar.rules`` entry-point group (see the
tutorial on writing your own rule); the commands that run rules load them first, so
that a program naming a plug-in rule runs as it was written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from lumbar.cli._streams import UsageError

if TYPE_CHECKING:
    from lumbar.model._program import RuleRef
    from lumbar.progression._protocol import ProgressionRule
    from lumbar.progression._registry import RuleRegistry


class Rules:
    """The built-in rules and the installed plug-ins, loaded when made."""

    def __init__(self) -> None:
        from lumbar.progression._defaults import default_registry

        self.registry: RuleRegistry = default_registry()
        built_in = tuple(self.registry)
        self.plugins: tuple[str, ...] = self.registry.load_entry_points()
        self.built_in = built_in

    def check(self, names: Iterable[tuple[str, str]]) -> None:
        """Each ``(where, name)`` names a known rule; else one line naming it and the plug-ins."""
        for where, name in names:
            if name not in self.registry:
                plugins = ", ".join(self.plugins) if self.plugins else "none"
                raise UsageError(
                    f"{where}: unknown rule {name!r}; built-in rules: "
                    f"{', '.join(self.built_in)}; installed plug-ins (entry-point group "
                    f"lumbar.rules): {plugins}"
                )

    def check_refs(self, refs: Iterable[RuleRef], where: str) -> None:
        """The rules a program names are all known."""
        self.check((f"{where}[{index}]", ref.name) for index, ref in enumerate(refs))

    def stack(self, names: list[str]) -> ProgressionRule:
        """The rule stack named, outermost first, each rule with its default parameters."""
        from lumbar.model._program import RuleRef
        from lumbar.progression._defaults import rule_from_refs

        self.check((f"--rules[{index}]", name) for index, name in enumerate(names))
        return rule_from_refs([RuleRef(name=name) for name in names], self.registry)

    def stack_of(self, refs: Iterable[RuleRef]) -> ProgressionRule:
        """The rule stack that ``refs`` (a program's rules) name, plug-ins included.

        An empty tuple names the default stack.
        """
        from lumbar.progression._defaults import default_rule, rule_from_refs

        refs = tuple(refs)
        return rule_from_refs(refs, self.registry) if refs else default_rule()
