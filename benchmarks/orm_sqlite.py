"""The comparison point for bench_targeting: 児童扶養手当 written by hand as a Django-ORM query over
the same data copied into SQLite tables (indexed the way a Django developer would index them)."""

import sqlite3
import statistics
import time

from django.db import connection, models
from django.db.models import Case, Exists, F, OuterRef, Subquery, When

from foryou.rules.ages import latest_birth_for_age


class BenchPerson(models.Model):
    resident_id = models.CharField(max_length=20, unique=True)
    household_id = models.CharField(max_length=20, db_index=True)
    birth_date = models.DateField(null=True)
    relationship = models.CharField(max_length=20)
    is_current = models.BooleanField()

    class Meta:
        app_label = "residents"
        db_table = "bench_person"
        managed = True  # so that schema_editor creates the indexes too (never migrated: benchmark only)


class BenchTax(models.Model):
    resident_id = models.CharField(max_length=20)
    fiscal_year = models.IntegerField()
    total_income = models.BigIntegerField()
    dependants = models.IntegerField()

    class Meta:
        app_label = "residents"
        db_table = "bench_tax"
        managed = True  # so that schema_editor creates the indexes too (never migrated: benchmark only)
        indexes = [models.Index(fields=["resident_id", "fiscal_year"], name="bench_tax_person_year")]


class BenchAllowance(models.Model):
    resident_id = models.CharField(max_length=20, db_index=True)
    program_code = models.CharField(max_length=40)
    status = models.CharField(max_length=20)

    class Meta:
        app_label = "residents"
        db_table = "bench_allowance"
        managed = True  # so that schema_editor creates the indexes too (never migrated: benchmark only)


def load(duck) -> None:
    with connection.schema_editor() as editor:
        for model in (BenchPerson, BenchTax, BenchAllowance):
            editor.create_model(model)
    copies = {
        BenchPerson: "SELECT resident_id, household_id, birth_date, relationship, is_current FROM persons",
        BenchTax: "SELECT resident_id, fiscal_year, total_income, dependants FROM resident_tax",
        BenchAllowance: "SELECT resident_id, program_code, status FROM allowances",
    }
    raw: sqlite3.Connection = connection.connection
    for model, sql in copies.items():
        rows = duck.execute(sql).fetchall()
        columns = [f.column for f in model._meta.fields if f.column != "id"]
        raw.executemany(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                        [tuple(str(v) if hasattr(v, "isoformat") else v for v in row) for row in rows])
    raw.commit()
    raw.execute("ANALYZE")


def jido_fuyo_queryset(ctx):
    """programs/jido-fuyo-teate.yml, by hand."""
    members = BenchPerson.objects.filter(household_id=OuterRef("household_id"), is_current=True)
    tax = BenchTax.objects.filter(resident_id=OuterRef("resident_id"), fiscal_year=ctx.tax_year)
    limits = [2_080_000, 2_460_000, 2_840_000, 3_220_000]
    limit = Case(*[When(deps=k, then=v) for k, v in enumerate(limits)],
                 When(deps__gt=3, then=limits[-1] + (F("deps") - 3) * 380_000))
    return (
        BenchPerson.objects.filter(is_current=True, relationship="世帯主",
                                   birth_date__lte=latest_birth_for_age(18, "years", ctx.as_of))
        .filter(Exists(members.filter(relationship__in=["子", "孫"],
                                      birth_date__gt=latest_birth_for_age(18, "years", ctx.fiscal_year_start))))
        .exclude(Exists(members.filter(relationship__in=["妻", "夫", "妻(未届)", "夫(未届)"])))
        .exclude(Exists(BenchAllowance.objects.filter(resident_id=OuterRef("resident_id"), program_code="JIDO_FUYO",
                                                      status="受給中")))
        .annotate(income=Subquery(tax.values("total_income")[:1]), deps=Subquery(tax.values("dependants")[:1]))
        .filter(income__lte=limit)
    )


def orm_count(duck, _path, ctx, repeat: int) -> tuple[float, int]:
    load(duck)
    times, count = [], 0
    for _ in range(max(1, repeat // 5)):
        started = time.perf_counter()
        count = jido_fuyo_queryset(ctx).count()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), count
