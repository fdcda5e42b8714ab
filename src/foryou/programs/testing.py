"""Running a program's own examples (rules as code): each example city is evaluated both by the
reference evaluator and by the compiled SQL on DuckDB, and both must give the expected answer."""

from dataclasses import dataclass, field
from datetime import date

import duckdb

from foryou.shared.jp.dates import fiscal_year
from foryou.programs.definition import Program, ProgramTest
from foryou.rules import compiler
from foryou.rules.compiler import EvalContext
from foryou.rules.reference import City, Evaluator
from foryou.rules.schema import create_tables

PERSON_DEFAULTS = {
    "household": "H1", "sex": "1", "relationship": "世帯主", "ward": "中央区", "ward_code": "12101",
    "town_code": "0012001", "town": "千葉港", "postal_code": "2608722", "resident_since": date(2000, 4, 1),
    "current": True,
}


@dataclass
class ExampleResult:
    program: Program
    test: ProgramTest
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def example_city(test: ProgramTest) -> City:
    persons = []
    for raw in test.persons:
        p = PERSON_DEFAULTS | raw
        persons.append({
            "resident_id": str(p["id"]), "household_id": str(p["household"]), "birth_date": p.get("birth_date"),
            "sex": str(p["sex"]), "relationship": p["relationship"], "ward_name": p["ward"], "ward_code": str(p["ward_code"]),
            "town_code": str(p["town_code"]), "town_name": p["town"], "postal_code": str(p["postal_code"]),
            "resident_since": p["resident_since"], "is_current": bool(p["current"]),
        })
    tax = [{"resident_id": str(t["id"]), "fiscal_year": t.get("fiscal_year", fiscal_year(test.as_of)),
            "total_income": t.get("total_income", 0), "income_levy": t.get("income_levy", 0),
            "per_capita_levy": t.get("per_capita_levy", 0), "tax_status": str(t.get("tax_status", "0")),
            "dependants": t.get("dependants", 0)} for t in test.resident_tax]
    checkups = [{"resident_id": str(c["id"]), "kind": c["kind"], "done_on": c["done_on"]} for c in test.checkups]
    allowances = [{"resident_id": str(a["id"]), "program_code": a["program"], "start_date": a.get("start", date(2000, 1, 1)),
                   "end_date": a.get("end"), "status": a.get("status", "受給中")} for a in test.allowances]
    return City(persons, tax, checkups, allowances)


def context(test: ProgramTest, city: City) -> EvalContext:
    years = [t["fiscal_year"] for t in city.resident_tax if t["fiscal_year"] <= fiscal_year(test.as_of)]
    return EvalContext(test.as_of, max(years) if years else fiscal_year(test.as_of))


def run_test(program: Program, test: ProgramTest) -> ExampleResult:
    outcome = ExampleResult(program, test)
    city = example_city(test)
    ctx = context(test, city)
    reference = Evaluator(program.conditions, ctx, city).matches()
    con = duckdb.connect()
    create_tables(con, city)
    compiled = {r[0] for r in con.execute(compiler.to_sql(compiler.ids_query(program.conditions, ctx))).fetchall()}
    for engine, found in (("reference", reference), ("SQL", compiled)):
        for who in test.qualify:
            if who not in found:
                outcome.failures.append(f"{who} should qualify but does not ({engine})")
        for who in test.not_qualify:
            if who in found:
                outcome.failures.append(f"{who} should not qualify but does ({engine})")
    return outcome


def run_all(programs: list[Program]) -> list[ExampleResult]:
    return [run_test(program, test) for program in programs for test in program.tests]
