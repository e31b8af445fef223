"""Break points in long tokens: the text is kept whole, and no stretch is too long to break."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sphinx_wsis.latex_flow import LONG_TOKEN, RUN, breakable, pieces


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_pieces_keep_the_text_and_bound_every_unbroken_stretch(text: str) -> None:
    parts = pieces(text)
    assert "".join(parts) == text
    marked = "\0".join(parts)  # \0: a break opportunity
    for stretch in re.split(r"[\s\0]+", marked):
        assert len(stretch) < LONG_TOKEN or len(stretch) <= RUN


def test_breakable_escapes_each_piece_and_only_adds_allowbreak() -> None:
    url = "https://example.org/" + "a" * 30 + "?x=1&y=%41"
    tex = breakable(url, lambda piece: piece.replace("&", r"\&").replace("%", r"\%"))
    assert tex.replace(r"\allowbreak{}", "") == url.replace("&", r"\&").replace("%", r"\%")
    assert tex.count(r"\allowbreak{}") >= 4
