"""Which conditions read tax data, and what a condition implies without it: the compiler joins tax rows
only to the persons that can still be selected (rules/compiler.py, `_targets`)."""

from sqlglot import exp

from foryou.rules import catalog, language
from foryou.rules.sqlnodes import and_, or_


def reads_tax(node: language.Node, conditions: language.Conditions) -> bool:
    """Whether a condition reads the tax row of the person it tests. Household tests do not: their
    members' rows are joined inside their own subqueries."""
    if isinstance(node, (language.All, language.Any)):
        return any(reads_tax(c, conditions) for c in node.children)
    if isinstance(node, language.Not):
        return reads_tax(node.child, conditions)
    if isinstance(node, language.Compare):
        fields = [node.field] + ([conditions.lookups[node.lookup].by] if node.lookup else [])
        return any(f.source == catalog.TAX for f in fields)
    return False


def reads_tax_data(node: language.Node, conditions: language.Conditions) -> bool:
    """Whether a condition reads tax data anywhere: the person's tax row, or their household members'
    (household tests, household income), each a join with a table of hundreds of thousands of rows."""
    return catalog.TAX_CONSENT in language.Conditions(node, conditions.lookups).consents()


def implied_without_tax(compiler, node: language.Node, scope) -> exp.Expression | None:
    """A test that reads no tax data and is true wherever `node` is true (None: none found), compiled
    by `compiler` for `scope`: the node itself; for `all`, what its children imply; for `any`, what
    each of its children implies, or nothing. Added to the persons filter, it keeps the persons a taxed
    `any` can never select (水道料金減免: every household's head but the few whose household receives an
    allowance) out of the tax joins; the node itself is still tested after it, so the selection is the
    same (true ⇒ true holds under SQL's three-valued logic for each of these steps)."""
    if not reads_tax_data(node, compiler.conditions):
        return compiler.node(node, scope)
    if isinstance(node, (language.All, language.Any)):
        parts = [implied_without_tax(compiler, c, scope) for c in node.children]
        if isinstance(node, language.All):
            found = [p for p in parts if p is not None]
            return and_(*found) if found else None
        return None if any(p is None for p in parts) else or_(*parts)
    return None
