"""The review's time grows linearly with the article on adversarial shapes (bench/adversarial.py builds them).

Growth, not absolute time: the CPU time of this process (best of 3) for an article of each shape at 2x size must
stay under 3x the time at 1x (linear: ~2x; before issue 19's fixes dates gave 4.0x, brackets 3.4x and Title Case
hundreds at these sizes). A 1x time under 20 ms counts as 20 ms, so timer noise cannot fail a fast shape.
Marked slow (about 15 CPU seconds in all).
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
def test_doubling_the_input_at_most_triples_the_time(shape):
    kb = default_knowledge_base()
    adversarial.review_seconds("Warm-up.", kb)
    small = adversarial.review_seconds(adversarial.make(shape, SIZE), kb, runs=3)
    large = adversarial.review_seconds(adversarial.make(shape, 2 * SIZE), kb, runs=3)
    floor = 0.02
    assert large <= 3 * max(small, floor), f"{shape}: {SIZE // 1024} KB {small:.3f} s, {2 * SIZE // 1024} KB {large:.3f} s"
