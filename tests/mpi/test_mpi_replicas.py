"""Replica-parallel firmnet-mpi: community runs, resolution-scan points, park-test null chains and
betweenness sources or KADABRA batches split over the ranks give stored results bit-identical to
the single process (replicate r keeps its seed on any rank; betweenness adds in fixed point), on 1
and 2 threads."""
import os

from mpi_testlib import assert_same_result, parse_args, run, run_mpi

args = parse_args()
net = os.path.join(args.work_dir, "scenario.h5")
run(args.firmnet, "generate", "scenario", "-o", net, "--quiet")
n = str(args.ranks)

# Leiden runs (seeds 1..7): memberships, consensus shares and stability over all runs. Seven
# runs do not divide evenly over 2 or 4 ranks.
run(args.firmnet, "communities", net, "--runs", "7", "--name", "runs_single", "--quiet")
run_mpi(args, args.ranks, "communities", net, "--runs", "7", "--name", "runs_mpi" + n, "--quiet")
assert_same_result(net, "runs_single", "runs_mpi" + n)

# Resolution scan: five grid points, a Leiden run each.
run(args.firmnet, "communities", net, "--scan", "0.5:2:5", "--name", "scan_single", "--quiet")
run_mpi(args, args.ranks, "communities", net, "--scan", "0.5:2:5", "--name", "scan_mpi" + n, "--quiet")
assert_same_result(net, "scan_single", "scan_mpi" + n)

# Park test: 8 null chains of 39 replicates, plus the community step's 5 runs.
run(args.firmnet, "parks", net, "--null-models", "39", "--name", "parks_single", "--quiet")
run_mpi(args, args.ranks, "parks", net, "--null-models", "39", "--name", "parks_mpi" + n, "--quiet")
assert_same_result(net, "parks_single", "parks_mpi" + n)

# Betweenness: exact (every source), sampled pivots and KADABRA batches, split over the ranks; the
# single process on 1 and 2 threads and the ranks all store the same bits.
for label, options in (("exact", []), ("pivots", ["--samples", "60"]), ("kadabra", ["--epsilon", "0.03"])):
    argv = ["centrality", net, "--measures", "betweenness", "--seed", "5", *options, "--quiet"]
    run(args.firmnet, *argv, "--name", f"bc_{label}_single", "--threads", "1")
    run(args.firmnet, *argv, "--name", f"bc_{label}_threads", "--threads", "2")
    assert_same_result(net, f"bc_{label}_single", f"bc_{label}_threads")
    run_mpi(args, args.ranks, *argv, "--name", f"bc_{label}_mpi" + n)
    assert_same_result(net, f"bc_{label}_single", f"bc_{label}_mpi" + n)

# Only rank 0 prints: one table, not one per rank.
out = run_mpi(args, args.ranks, "communities", net, "--runs", "3", "--name", "printed").stdout
assert out.count("Communities:") == 1, out
print(f"replicas on {args.ranks} ranks: bit-identical to the single process")
