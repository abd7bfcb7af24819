"""Stored text in an editable field: each control one visible cell, and back to the stored bytes."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len

from tracker.text import from_field, to_field

RAW_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
EVIL = "Evil \x1b]0;PWNED\x07 \x1b[2J\x1b[31mRED"
# Characters whose field form is theirs alone: no C1 or bidi (all shown as �), no control pictures.
distinct = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters="".join(
            map(chr, [*range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x2400, 0x2427), 0xFFFD])
        ),
    )
)


@given(st.text())
@example(EVIL)
def test_a_field_shows_every_control_character_as_one_visible_cell(text):
    for lines in (False, True):
        shown = to_field(text, lines=lines)
        assert len(shown) == len(text)
        leftover = set(RAW_CONTROL.findall(shown))
        assert leftover <= ({"\n", "\t"} if lines else set())
        assert all(cell_len(shown[i]) == 1 for i, c in enumerate(text) if RAW_CONTROL.match(c) and shown[i] != c)


def test_escape_and_bell_are_their_control_pictures():
    assert to_field(EVIL) == "Evil ␛]0;PWNED␇ ␛[2J␛[31mRED"
    assert to_field("a\r\nb\x7f\x9b\u202e") == "a␍␊b␡��"
    assert to_field("a\r\nb\tc", lines=True) == "a␍\nb\tc"


@given(st.text(), st.booleans())
@example(EVIL, False)
@example("\x9b \u202e ␛ real picture \ufffd", True)
def test_an_unedited_field_gives_back_the_stored_text_exactly(text, lines):
    shown = to_field(text, lines=lines)
    assert from_field(shown, shown, text, lines=lines) == text


@given(distinct, st.data())
@example(EVIL, None)
def test_one_edit_changes_only_what_was_typed_over(text, data):
    shown = to_field(text)
    if data is None:
        i, j, typed = len(text), len(text), " ok"
    else:
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, len(text)))
        typed = data.draw(distinct)
    after = shown[:i] + to_field(typed) + shown[j:]
    assert from_field(shown, after, text) == text[:i] + typed + text[j:]


@given(st.text(), st.text(), st.booleans())
def test_what_is_stored_after_any_edit_shows_as_the_field_does(text, after_text, lines):
    after = to_field(after_text, lines=lines)
    assert to_field(from_field(to_field(text, lines=lines), after, text, lines=lines), lines=lines) == after


def test_controls_that_share_a_symbol_and_real_control_pictures_survive_an_edit_beside_them():
    stored = "C1 \x9b and \u202e, a real ␛ picture, an ESC \x1b"
    shown = to_field(stored)
    assert from_field(shown, "> " + shown, stored) == "> " + stored
    assert from_field(shown, shown + " <", stored) == stored + " <"
    assert from_field(shown, shown.replace("real", "true"), stored) == stored.replace("real", "true")
