"""The same residents, seed, as-of and encoding give the same bytes; another seed another city."""

from datetime import date

from foryou.dev.synth import FILES, generate

AS_OF = date(2026, 11, 27)


def export_bytes(directory):
    return {name: (directory / name).read_bytes() for name in FILES}


def test_the_same_seed_writes_identical_files(tmp_path):
    first = generate(3000, seed=42, out_dir=tmp_path / "a", as_of=AS_OF)
    second = generate(3000, seed=42, out_dir=tmp_path / "b", as_of=AS_OF)

    assert first == second
    assert export_bytes(tmp_path / "a") == export_bytes(tmp_path / "b")


def test_another_seed_writes_another_city(tmp_path):
    generate(3000, seed=1, out_dir=tmp_path / "a", as_of=AS_OF)
    generate(3000, seed=2, out_dir=tmp_path / "b", as_of=AS_OF)

    assert (tmp_path / "a" / "persons.csv").read_bytes() != (tmp_path / "b" / "persons.csv").read_bytes()


def test_writing_again_overwrites_the_export_in_place(tmp_path):
    generate(2000, seed=5, out_dir=tmp_path, as_of=AS_OF)
    (tmp_path / "persons.csv").write_text("stale")

    generate(2000, seed=5, out_dir=tmp_path, as_of=AS_OF)

    assert (tmp_path / "persons.csv").read_bytes().startswith("宛名番号,".encode())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)


def test_persons_csv_has_exactly_the_requested_number_of_rows_with_crlf_endings(tmp_path):
    counts = generate(1234, seed=9, out_dir=tmp_path, as_of=AS_OF)

    data = (tmp_path / "persons.csv").read_bytes()
    assert counts["persons.csv"] == 1234
    assert data.count(b"\r\n") == 1235  # header + rows
    assert data.count(b"\n") == data.count(b"\r\n")


def test_a_tiny_city_still_has_a_head_in_its_only_household(tmp_path):
    generate(1, seed=3, out_dir=tmp_path, as_of=AS_OF)

    lines = (tmp_path / "persons.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert ",世帯主," in lines[1]
