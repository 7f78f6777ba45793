"""Golden data for the edges metrics, from independent implementations (not the Java code under test).

- thin_cases.txt: random binary images and their thinning by scikit-image's ``thin`` (the Lam-Lee-Suen
  two-subiteration algorithm that MATLAB's ``bwmorph(bw, 'thin', Inf)`` documents; scikit-image tests it against
  MATLAB output).
- match_fixture.txt: for each BSDS fixture prediction binarised at pb >= 0.5 and thinned, and each annotator, the
  optimal one-to-one matching under correspondPixels' costs (rint(100 * distance) per matched pair, the outlier
  cost ceil(100 * 100 * maxDist) for every unmatched pixel of either map, ``maxDist = 0.0075 * diagonal``), solved
  by scipy's sparse LAPJV (``min_weight_full_bipartite_matching``) on the complete outlier graph. The optimal cost
  is unique, so the Java solver must reproduce both the match count and the summed pair cost.

Run from the repository root with a Python that has numpy, scipy, scikit-image and Pillow (Debian:
``apt-get install python3-skimage``):

    python3 metrics/src/test/python/edges_golden.py data metrics/src/test/resources/golden/edges
"""

import math
import os
import sys

import numpy as np
from PIL import Image
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching
from skimage.morphology import thin


def thin_cases(out_path, seed=20261126, count=12):
    rng = np.random.default_rng(seed)
    with open(out_path, "w") as f:
        f.write("# seed %d; per case: 'case W H', H input rows, H expected rows (1 = foreground)\n" % seed)
        for c in range(count):
            h, w = int(rng.integers(8, 40)), int(rng.integers(8, 40))
            kind = c % 3
            if kind == 0:  # speckle
                img = rng.random((h, w)) < 0.45
            elif kind == 1:  # blobs: box-smoothed noise, thresholded
                a = rng.random((h + 4, w + 4))
                s = sum(a[i:i + h, j:j + w] for i in range(5) for j in range(5)) / 25
                img = s > np.quantile(s, 0.55)
            else:  # thick strokes
                img = np.zeros((h, w), bool)
                for _ in range(3):
                    y0, x0 = rng.integers(0, h), rng.integers(0, w)
                    y1, x1 = rng.integers(0, h), rng.integers(0, w)
                    t = int(rng.integers(1, 5))
                    for k in range(100):
                        y = int(round(y0 + (y1 - y0) * k / 99))
                        x = int(round(x0 + (x1 - x0) * k / 99))
                        img[max(0, y - t // 2):y + (t + 1) // 2, max(0, x - t // 2):x + (t + 1) // 2] = True
            out = thin(img)
            f.write("case %d %d\n" % (w, h))
            for r in img.astype(np.uint8):
                f.write("".join(map(str, r)) + "\n")
            for r in out.astype(np.uint8):
                f.write("".join(map(str, r)) + "\n")


def match_cost(b1, b2, max_dist=0.0075, outlier_factor=100.0):
    h, w = b1.shape
    md = max_dist * math.hypot(h, w)
    ow = math.ceil(outlier_factor * md * 100)
    r = int(math.ceil(md))
    p1 = np.argwhere(b1)
    set2 = {tuple(p) for p in np.argwhere(b2)}
    edges = []
    for (y, x) in p1:
        for v in range(-r, r + 1):
            for u in range(-r, r + 1):
                d2 = u * u + v * v
                if d2 > md * md:
                    continue
                q = (y + v, x + u)
                if q in set2:
                    edges.append(((y, x), q, int(round(math.sqrt(d2) * 100))))
    if not edges:
        return 0, 0
    n1map, n2map = {}, {}
    for a, b, _ in edges:
        n1map.setdefault(a, len(n1map))
        n2map.setdefault(b, len(n2map))
    n1, n2 = len(n1map), len(n2map)
    rows, cols, wts = [], [], []
    # rows: map1 nodes [0, n1) then map2 "unmatched" slots [n1, n1 + n2)
    # cols: map2 nodes [0, n2) then map1 "unmatched" slots [n2, n2 + n1)
    for a, b, c in edges:
        i, j = n1map[a], n2map[b]
        rows.append(i); cols.append(j); wts.append(c + 1)
        rows.append(n1 + j); cols.append(n2 + i); wts.append(ow + 1)  # outlier-outlier, as CSA prices it
    for i in range(n1):
        rows.append(i); cols.append(n2 + i); wts.append(ow + 1)
    for j in range(n2):
        rows.append(n1 + j); cols.append(j); wts.append(ow + 1)
    n = n1 + n2
    g = coo_matrix((wts, (rows, cols)), shape=(n, n)).tocsr()
    r_ind, c_ind = min_weight_full_bipartite_matching(g)
    count, cost = 0, 0
    for ri, ci in zip(r_ind, c_ind):
        if ri < n1 and ci < n2:
            count += 1
            cost += int(g[ri, ci]) - 1
    return count, cost


def match_fixture(data_dir, out_path, threshold=0.5):
    bench = os.path.join(data_dir, "edges", "bsds_bench")
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(bench, "png")) if f.endswith(".png"))
    with open(out_path, "w") as f:
        f.write("# id annotator threshold pred_pixels_after_thin gt_pixels matches summed_pair_cost\n")
        for iid in ids:
            pb = np.asarray(Image.open(os.path.join(bench, "png", iid + ".png")).convert("L"), dtype=np.float64) / 255
            bmap = thin(pb >= threshold)
            k = 1
            while os.path.exists(os.path.join(bench, "gt_png", "%s_bdry%d.png" % (iid, k))):
                gt = np.asarray(Image.open(os.path.join(bench, "gt_png", "%s_bdry%d.png" % (iid, k))).convert("L")) > 0
                m, c = match_cost(bmap, gt)
                f.write("%s %d %g %d %d %d %d\n" % (iid, k, threshold, int(bmap.sum()), int(gt.sum()), m, c))
                k += 1


if __name__ == "__main__":
    data, out = sys.argv[1], sys.argv[2]
    thin_cases(os.path.join(out, "thin_cases.txt"))
    match_fixture(data, os.path.join(out, "match_fixture.txt"))
