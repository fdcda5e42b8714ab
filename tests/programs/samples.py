"""Program files for tests that need a program beside the small imported city (tests/residents)."""

from pathlib import Path

# Adults living with a child under three: in the small city, 千葉 太郎 and 花子 (count 2, funnel 4 → 3 → 2).
PARENTS = """
code: parents
name: 子育て世帯
department: こども家庭支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - household:
        some_member: {field: age_years, op: "<", value: 3}
"""


def write_programs(folder: Path, **files: str) -> Path:
    """A folder of program files, `name=text` each written to name.yml."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return folder
