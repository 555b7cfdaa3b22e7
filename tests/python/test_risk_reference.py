"""firmnet risk and firmnet shock against a dense-matrix reference written here with numpy.

The reference iterates the production function of Diem et al. (Sci. Rep. 12:7719, 2022;
docs/risk.md) synchronously on dense matrices until nothing moves by more than 1e-14, for
each initially failing firm: W[j, i] the volume j supplies to i; per customer i and
supplier industry k the lost share L_ik = sum_{j in k} W[j, i] (1 - h_j) / T_ik; downstream
h_d = min(min_k (1 - e_k L_ik), 1 - sum_k (1 - e_k) T_ik L_ik / s_in_i); upstream
h_u = 1 - sum_c W[i, c] (1 - h_c) / x_i, x_i = max(s_out_i, revenue_i). Channels "both"
iterate each channel alone and take the minimum; "coupled" iterate both in one map.
With replaceability a lost supplier's loss is scaled in the downstream channel by
sigma_j = min(1, s_out_j / sum_{l in industry of j} s_out_l h_l) (1 when that sum is 0).
Industry rules are matched here by their own prefix rule, not firmnet's code.
"""
import csv
import os

import h5py
import numpy as np

from firmnet_testlib import parse_args, run, strings

INDUSTRIES = ["C10.1", "C10.2", "C25", "G46", "H49"]
RULES = [("C10", "C10", 1.0), ("C", "G", 0.5), ("C25", "C10.2", 1.0), ("G", "", 0.0), ("C10.1", "", 0.25)]


def essential_share(supplier, customer):
    """The rule with the longest total prefix (then the longer supplier prefix); 0 without one."""
    s, c = supplier.replace(".", ""), customer.replace(".", "")
    best, best_key = 0.0, None
    for rs, rc, value in RULES:
        rs, rc = rs.replace(".", ""), rc.replace(".", "")
        if s.startswith(rs) and c.startswith(rc):
            key = (len(rs) + len(rc), len(rs))
            if best_key is None or key > best_key:
                best, best_key = value, key
    return best


def reference_levels(W, industry, share, sales, cap, channels, replaceable=False):
    """Levels after the shock that caps firm i at cap[i]."""
    n = W.shape[0]
    s_out = W.sum(axis=1)
    s_in = W.sum(axis=0)
    codes = sorted(set(industry))
    member = np.array([[1.0 if industry[j] == k else 0.0 for j in range(n)] for k in codes])  # K x n
    T = member @ W  # T[k, i]: volume of industry k bought by i
    E = np.array([[share(k, industry[i]) for i in range(n)] for k in codes])  # K x n

    def replaceability(h):
        if not replaceable:
            return np.ones(n)
        available = member @ (s_out * h)  # remaining output of each industry
        own = member.T @ available  # of each firm's industry
        return np.where(own > s_out, s_out / np.where(own > 0, own, 1.0), 1.0)

    def downstream(h):
        lost = member @ (W * ((1.0 - h) * replaceability(h))[:, None])  # lost[k, i]
        with np.errstate(invalid="ignore", divide="ignore"):
            frac = np.where(T > 0, lost / T, 0.0)
        essential = np.where(T > 0, 1.0 - E * frac, 1.0).min(axis=0)
        linear = np.where(s_in > 0, 1.0 - ((1.0 - E) * lost).sum(axis=0) / np.where(s_in > 0, s_in, 1.0), 1.0)
        return np.minimum(essential, linear)

    def upstream(h):
        return np.where(sales > 0, 1.0 - (W @ (1.0 - h)) / np.where(sales > 0, sales, 1.0), 1.0)

    def fixed_point(step):
        h = cap.copy()
        for _ in range(200000):
            new = np.maximum(0.0, np.minimum(cap, step(h)))
            if np.abs(new - h).max() < 1e-14:
                return new
            h = new
        raise AssertionError("reference did not converge")

    if channels == "both":
        return np.minimum(fixed_point(downstream), fixed_point(upstream))
    if channels == "coupled":
        return fixed_point(lambda h: np.minimum(downstream(h), upstream(h)))
    return fixed_point(downstream if channels == "downstream" else upstream)


def failed(n, i):
    cap = np.ones(n)
    cap[i] = 0.0
    return cap


def write_network(path_dir, rng, n, m):
    industry = [INDUSTRIES[rng.integers(len(INDUSTRIES))] for _ in range(n)]
    W = np.zeros((n, n))
    for _ in range(m):
        a, b = rng.integers(n), rng.integers(n)
        if a != b:
            W[a, b] += float(rng.integers(1, 10))
    revenue = [float(W[i].sum() * 3) if rng.random() < 0.3 and W[i].sum() > 0 else float("nan") for i in range(n)]
    with open(os.path.join(path_dir, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "industry", "revenue"])
        for i in range(n):
            w.writerow([f"f{i}", "firm", industry[i], "" if np.isnan(revenue[i]) else revenue[i]])
    with open(os.path.join(path_dir, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "weight"])
        for a, b in zip(*np.nonzero(W)):
            w.writerow([f"f{a}", f"f{b}", "supply", W[a, b]])
    with open(os.path.join(path_dir, "essential.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["supplier_industry", "customer_industry", "essential"])
        for row in RULES:
            w.writerow(row)
    sales = np.array([max(W[i].sum(), 0.0 if np.isnan(revenue[i]) else revenue[i]) for i in range(n)])
    return W, industry, sales


def stored_column(h5, result, column, order):
    with h5py.File(h5, "r") as f:
        ids = list(strings(f["nodes"], "id"))
        values = f[f"results/{result}/{column}"][:]
    by_id = dict(zip(ids, values))
    return np.array([by_id[i] for i in order])


def main():
    args = parse_args()
    rng = np.random.default_rng(19)
    for trial, (n, m) in enumerate([(10, 25), (18, 45), (30, 70)]):
        work = os.path.join(args.work_dir, f"net{trial}")
        os.makedirs(work)
        W, industry, sales = write_network(work, rng, n, m)
        h5 = os.path.join(work, "net.h5")
        run(args.firmnet, "import", "--nodes", os.path.join(work, "nodes.csv"), "--edges",
            os.path.join(work, "edges.csv"), "-o", h5, "--quiet")
        order = [f"f{i}" for i in range(n)]
        output = W.sum(axis=1)
        linked = (W.sum(axis=0) + output) > 0
        for channels in ["both", "coupled", "downstream", "upstream"]:
            run(args.firmnet, "risk", h5, "--essential", os.path.join(work, "essential.csv"), "--all", "--tolerance",
                "1e-13", "--channels", channels, "--name", f"risk_{channels}", "--quiet")
            got = stored_column(h5, f"risk_{channels}", "esri", order)
            for i in range(min(n, 15)):
                if not linked[i]:
                    assert got[i] == 0.0
                    continue
                h = reference_levels(W, industry, essential_share, sales, failed(n, i), channels)
                expected = (output * (1.0 - h)).sum() / output.sum()
                assert abs(got[i] - expected) < 1e-9, (trial, channels, i, got[i], expected)
        # Replaceable suppliers (the downstream channel's losses scaled by sigma).
        for channels in ["both", "coupled"]:
            run(args.firmnet, "risk", h5, "--essential", os.path.join(work, "essential.csv"), "--all", "--tolerance",
                "1e-13", "--channels", channels, "--replaceable", "--name", f"replaceable_{channels}", "--quiet")
            got = stored_column(h5, f"replaceable_{channels}", "esri", order)
            for i in np.nonzero(linked)[0][:10]:
                h = reference_levels(W, industry, essential_share, sales, failed(n, i), channels, replaceable=True)
                expected = (output * (1.0 - h)).sum() / output.sum()
                assert abs(got[i] - expected) < 1e-9, (trial, "replaceable", channels, i, got[i], expected)
        # Without a table: the two extremes.
        run(args.firmnet, "risk", h5, "--all", "--tolerance", "1e-13", "--name", "bounds", "--quiet")
        upper = stored_column(h5, "bounds", "esri", order)
        linear = stored_column(h5, "bounds", "esri_linear", order)
        for i in np.nonzero(linked)[0][:6]:
            h_all = reference_levels(W, industry, lambda s, c: 1.0, sales, failed(n, i), "both")
            h_none = reference_levels(W, industry, lambda s, c: 0.0, sales, failed(n, i), "both")
            assert abs(upper[i] - (output * (1.0 - h_all)).sum() / output.sum()) < 1e-9
            assert abs(linear[i] - (output * (1.0 - h_none)).sum() / output.sum()) < 1e-9
        # One scenario: three firms lose 40% of production.
        failing = [0, 1, 2]
        run(args.firmnet, "shock", h5, "--fail", "f0,f1,f2", "--fraction", "0.4", "--essential",
            os.path.join(work, "essential.csv"), "--tolerance", "1e-13", "--quiet")
        level = stored_column(h5, "shock", "level", order)
        cap = np.ones(n)
        cap[failing] = 0.6
        expected = reference_levels(W, industry, essential_share, sales, cap, "both")
        assert np.abs(level - expected).max() < 1e-9, np.abs(level - expected).max()
    print("ok")


if __name__ == "__main__":
    main()
