from hypothesis import given
from hypothesis import strategies as st

from foryou.shared.numbers import display, is_well_formed, new_number, normalize

numbers = st.builds(lambda _: new_number(), st.integers())


def test_new_numbers_are_sixteen_digits_with_a_valid_check_digit():
    for _ in range(200):
        number = new_number()
        assert len(number) == 16 and is_well_formed(number)


def test_new_numbers_are_not_sequential_or_repeated():
    made = [new_number() for _ in range(2000)]
    assert len(set(made)) == 2000
    assert sorted(made) != made


@given(numbers, st.integers(0, 15), st.integers(1, 9))
def test_every_single_digit_error_is_caught(number, position, delta):
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert not is_well_formed(changed)


@given(numbers, st.integers(0, 14))
def test_every_adjacent_transposition_is_caught(number, position):
    a, b = number[position], number[position + 1]
    if a != b:
        swapped = number[:position] + b + a + number[position + 2:]
        assert not is_well_formed(swapped)


def test_what_residents_type_is_normalised():
    number = new_number()
    typed = "　" + display(number).replace("-", " - ").translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert normalize(typed) == number
