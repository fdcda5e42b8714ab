"""The fallback rule, for any registrant language and any set of language versions a notice has: the
registrant's own version when there is one, else やさしい日本語 when there is one, else Japanese — always
a version the notice has."""

from hypothesis import given
from hypothesis import strategies as st

from foryou.notices.translations import delivered
from foryou.shared.languages import EASY_JAPANESE, JAPANESE, NAMES

CODES = list(NAMES)
asked = st.one_of(st.sampled_from(CODES), st.text(max_size=8), st.none())
versions = st.sets(st.sampled_from([c for c in CODES if c != JAPANESE])).map(lambda s: {JAPANESE, *s})


@given(asked, versions)
def test_the_version_got_is_theirs_else_easy_japanese_else_japanese(language, offered):
    got = delivered(language, offered)
    assert got in offered
    if language in offered:
        assert got == language
    elif EASY_JAPANESE in offered:
        assert got == EASY_JAPANESE
    else:
        assert got == JAPANESE


@given(versions)
def test_a_japanese_reader_always_gets_the_japanese(offered):
    assert delivered(JAPANESE, offered) == JAPANESE
