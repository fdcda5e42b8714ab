"""SQLGlot nodes the compiler builds conditions from: literals, tables, columns and the boolean
connectives, built as nodes directly (parsing text would cost a third of compiling time)."""

from datetime import date

from sqlglot import exp


def lit(value) -> exp.Expression:
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int):
        return exp.Literal.number(value)
    if isinstance(value, date):
        # Built as nodes: exp.cast would parse the type name on every literal.
        return exp.Cast(this=exp.Literal.string(value.isoformat()), to=exp.DataType(this=exp.DataType.Type.DATE))
    if value is None:
        return exp.Null()
    return exp.Literal.string(str(value))


def table(name: str, alias: str | None = None) -> exp.Table:
    """A table node built directly (exp.to_table parses its argument: a third of compiling time)."""
    node = exp.Table(this=exp.to_identifier(name))
    return node.as_(alias, copy=False) if alias else node


def col(name: str, table: str) -> exp.Column:
    return exp.column(name, table=table)


def paren(e: exp.Expression) -> exp.Expression:
    return exp.Paren(this=e)


def and_(*parts) -> exp.Expression:
    parts = [p for p in parts if p is not None]
    return parts[0] if len(parts) == 1 else paren(exp.and_(*[paren(p) for p in parts], copy=False))


def or_(*parts) -> exp.Expression:
    return parts[0] if len(parts) == 1 else paren(exp.or_(*[paren(p) for p in parts], copy=False))


def _not(e: exp.Expression) -> exp.Expression:
    return exp.not_(e, copy=False)


COMPARE = {"==": exp.EQ, "!=": exp.NEQ, "<": exp.LT, "<=": exp.LTE, ">": exp.GT, ">=": exp.GTE}
NEGATED = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
