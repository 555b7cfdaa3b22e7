"""Replica-parallel firmnet-mpi: community runs, resolution-scan points and park-test null chains
split over the ranks give stored results bit-identical to the single process (replicate r keeps
its seed on any rank)."""
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

# Only rank 0 prints: one table, not one per rank.
out = run_mpi(args, args.ranks, "communities", net, "--runs", "3", "--name", "printed").stdout
assert out.count("Communities:") == 1, out
print(f"replicas on {args.ranks} ranks: bit-identical to the single process")
