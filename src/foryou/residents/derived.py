"""Tables derived from the imported ones, which targeting reads instead of aggregating a million rows per
query. The import builds them into each snapshot (importer/build.py); in-memory cities for program
examples and property tests build them the same way (rules/schema.py); a snapshot built before a table
existed gets it as a view when opened (store.open_snapshot), slower but with the same answers."""

# Each household's total income per tax year, over its current members who have a tax row for that year:
# what `household_income` means (rules/catalog.py). A household none of whose members has a row for the
# year has no row here, so its income is unknown (NULL), as when summing the members' rows directly.
HOUSEHOLD_INCOMES = (
    "SELECT p.hid, t.fiscal_year, SUM(t.total_income) AS total_income "
    "FROM persons p JOIN resident_tax t ON t.pid = p.pid WHERE p.is_current GROUP BY p.hid, t.fiscal_year"
)

DERIVED = {"household_incomes": HOUSEHOLD_INCOMES}
