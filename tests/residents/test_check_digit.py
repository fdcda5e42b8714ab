import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from foryou.residents.checkdigit import is_valid_resident_id, mod11_check_digit, with_check_digit
from foryou.residents.importer.checks import CHECK_DIGIT_MACRO

bodies = st.text(alphabet="0123456789", min_size=1, max_size=14)


def test_the_check_digit_uses_weights_two_to_seven_from_the_right():
    # 1*7 + 2*6 + 3*5 + 4*4 + 5*3 + 6*2 = 77; 77 mod 11 = 0; 11 - 0 = 11 -> 0
    assert mod11_check_digit("123456") == 0
    # 9*2 = 18; 18 mod 11 = 7; 11 - 7 = 4
    assert mod11_check_digit("9") == 4


@given(bodies)
def test_a_number_with_its_check_digit_is_valid(body):
    assert is_valid_resident_id(with_check_digit(body))


@given(bodies, st.integers(min_value=0, max_value=13), st.integers(min_value=1, max_value=9))
def test_changing_one_body_digit_is_caught_unless_the_check_folds_to_zero(body, position, delta):
    number = with_check_digit(body)
    i = position % len(body)
    changed = number[:i] + str((int(number[i]) + delta) % 10) + number[i + 1:]
    # Mod 11 with 10 and 11 both written as 0 misses a change only when both checks fold to 0.
    assert not is_valid_resident_id(changed) or number[-1] == "0"


@settings(max_examples=50)
@given(st.lists(st.text(alphabet="0123456789", min_size=1, max_size=25), min_size=1, max_size=40))
def test_the_sql_check_agrees_with_python(numbers):
    # Up to 19 digits the SQL reads the number as an integer; longer ones take the general form.
    con = duckdb.connect()
    con.execute(CHECK_DIGIT_MACRO)
    results = con.execute(
        "SELECT n, fy_check_digit_ok(n) FROM unnest(?::VARCHAR[]) t(n)", [numbers]
    ).fetchall()
    assert {n: ok for n, ok in results} == {n: is_valid_resident_id(n) for n in numbers}
