"""An export whose persons file is over 256 MB (about 1.5 million residents) is imported with 2 GB of
DuckDB memory, a smaller one with 1 GB (decision 0097)."""

from foryou.residents.importer.build import LARGE_EXPORT_BYTES, SnapshotBuilder, memory_limit_for


def sparse_file(path, size):
    with open(path, "wb") as handle:
        handle.truncate(size)  # no disk blocks: only the size matters
    return path


def test_persons_file_over_256_mb_gets_2_gb(tmp_path):
    assert memory_limit_for(sparse_file(tmp_path / "large.csv", LARGE_EXPORT_BYTES + 1)) == "2GB"


def test_smaller_or_missing_persons_file_gets_1_gb(tmp_path):
    assert memory_limit_for(sparse_file(tmp_path / "small.csv", LARGE_EXPORT_BYTES)) == "1GB"
    assert memory_limit_for(tmp_path / "missing.csv") == "1GB"


def test_the_builder_sets_the_limit_it_is_given(tmp_path):
    builder = SnapshotBuilder(tmp_path / "snapshot.duckdb", None, "test", memory_limit="2GB")
    try:
        limit = builder.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        builder.con.close()
    assert limit == "1.8 GiB"  # DuckDB shows 2 GB (10^9 bytes) in GiB
