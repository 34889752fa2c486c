"""The review's time grows linearly with the article on adversarial shapes (bench/adversarial.py builds them).

Growth, not absolute time: the CPU time of this process (best of 3) for an article of each shape at 4x size must
stay under 6x the time at 1x (linear: ~4x; quadratic: 16x; before issue 19's fixes, doubling alone gave 4.0x for
dates, 3.4x for brackets and hundreds for Title Case). Quadrupling, not doubling, keeps a shared machine's noise
(the 1x time of one shape varied 0.15-0.25 s within a minute) from failing a linear shape while a quadratic one
still fails by far. A 1x time under 20 ms counts as 20 ms, so timer noise cannot fail a fast shape.
Marked slow (about a minute of CPU in all).
"""

import importlib.util
from pathlib import Path

import pytest

from factcheck.pipeline import default_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
SIZE = 64 * 1024


def _adversarial():
    spec = importlib.util.spec_from_file_location("adversarial", ROOT / "bench" / "adversarial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


adversarial = _adversarial()


@pytest.mark.slow
@pytest.mark.parametrize("shape", adversarial.SHAPES)
def test_quadrupling_the_input_at_most_sextuples_the_time(shape):
    kb = default_knowledge_base()
    small_text, large_text = adversarial.make(shape, SIZE), adversarial.make(shape, 4 * SIZE)
    # One unmeasured review of the large text first: indexes the KB builds on first use are built then, not
    # inside one of the timed runs.
    adversarial.review_seconds(large_text, kb, runs=1)
    small = adversarial.review_seconds(small_text, kb, runs=3)
    large = adversarial.review_seconds(large_text, kb, runs=3)
    floor = 0.02
    assert large <= 6 * max(small, floor), f"{shape}: {SIZE // 1024} KB {small:.3f} s, {4 * SIZE // 1024} KB {large:.3f} s"
