"""Writes fsum-golden.txt: inputs and Python's math.fsum of each, as float.hex (exact), for ExactSumTest.

Run with python3 (3.11 made it), from the repository root:
    python3 metrics/src/test/python/fsum_golden.py > metrics/src/test/resources/exactsum/fsum-golden.txt
ExactSumTest re-runs it and compares its output with the committed file.
Each line: NAME<TAB>EXPECTED<TAB>X1 X2 ...; EXPECTED is the hex of math.fsum, or ValueError / OverflowError.
"""
import math
import random

cases = []


def case(name, xs):
    try:
        expected = float.hex(math.fsum(xs))
    except (ValueError, OverflowError) as e:
        expected = type(e).__name__
    cases.append((name, expected, xs))


ulp1 = 2.0 ** -52
case("empty", [])
case("one", [0.1])
case("tenths", [0.1] * 10)
case("big-one-minus-big", [1e16, 1.0, -1e16])
case("cancel-chain", [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
case("halfway-fsum-doc", [1e-16, 1.0, 1e16])
case("halfway-tie-to-even", [1.0, 2.0 ** -53])
case("halfway-pushed-up", [1.0, 2.0 ** -53, 2.0 ** -106])
case("halfway-pushed-down", [1.0 + ulp1, 2.0 ** -53, -(2.0 ** -106)])
case("halfway-odd-tie", [1.0 + ulp1, 2.0 ** -53])
case("negative-halfway-pushed", [-1.0, -(2.0 ** -53), -(2.0 ** -106)])
case("tiny-and-huge", [2.0 ** 53] + [1.0] * 300 + [-(2.0 ** 53)])
case("many-tiny-one-huge", [1e-10] * 100 + [1e10])
case("subnormals", [5e-324] * 7 + [-1e-310, 1e-310, 2.5e-323])
case("signed-zeros", [-0.0, -0.0])
case("zero-sum", [3.5, -1.25, -2.25])
case("inf", [1.0, float("inf"), 2.0])
case("inf-minus-inf", [float("inf"), 1.0, float("-inf")])
case("nan", [1.0, float("nan"), 2.0])
case("intermediate-overflow", [1e308, 1e308, -1e308])
case("no-intermediate-overflow", [1e308, -1e308, 1e308])
case("near-max", [1.7976931348623157e308, -1e292, 1e292, 1e-300])
rnd = random.Random(15)
case("random-mixed-exponents", [rnd.choice([-1, 1]) * rnd.random() * 2.0 ** rnd.randint(-60, 60) for _ in range(120)])
base = [rnd.random() * 2.0 ** rnd.randint(-30, 30) for _ in range(60)]
case("random-cancelling-pairs", base + [-x * (1 + 2.0 ** -40) for x in base] + [2.0 ** -80])
case("random-counts", [float(rnd.randint(0, 2 ** 40)) for _ in range(100)])
case("random-scores", [rnd.uniform(20.0, 40.0) for _ in range(100)])

for name, expected, xs in cases:
    print(name + "\t" + expected + "\t" + " ".join(float.hex(x) for x in xs))
