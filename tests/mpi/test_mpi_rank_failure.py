"""A rank killed in the middle of a firmnet-mpi job: the job fails (non-zero exit, a message naming
the dead rank), the network file keeps its bytes and its earlier result, and no temporary file
is left beside it."""
import glob
import hashlib
import os
import subprocess
import time

import h5py

from mpi_testlib import mpi_command, parse_args, run

args = parse_args()
net = os.path.join(args.work_dir, "net.h5")
run(args.firmnet, "generate", "scale", "--firms", "20000", "--links", "100000", "-o", net, "--quiet")
run(args.firmnet, "communities", net, "--name", "earlier", "--quiet")
before = hashlib.sha256(open(net, "rb").read()).hexdigest()


def rank_pid(rank):
    """The pid of the firmnet-mpi process of that rank (OpenMPI sets OMPI_COMM_WORLD_RANK)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                if os.path.basename(f.read().split(b"\0")[0]) != b"firmnet-mpi":
                    continue
            with open(f"/proc/{entry}/environ", "rb") as f:
                environ = f.read().split(b"\0")
        except OSError:
            continue
        if f"OMPI_COMM_WORLD_RANK={rank}".encode() in environ and f"firmnet_test_job={os.getpid()}".encode() in environ:
            return int(entry)
    return None


def cpu_seconds(pid):
    """User plus system CPU time of a process so far (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# 2,000 Leiden runs on 20,000 firms take minutes on 2 ranks, so the job cannot end before the
# kill on any machine; rank 1 dies once it has used 0.3 s of CPU, past start-up, not after a
# wall-clock delay that a fast or loaded machine moves.
env = dict(os.environ, firmnet_test_job=str(os.getpid()), OMP_NUM_THREADS="1")
job = subprocess.Popen(mpi_command(args, args.ranks, "communities", net, "--runs", "2000", "--name", "doomed"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
victim = None
deadline = time.time() + 60
while victim is None and time.time() < deadline and job.poll() is None:
    victim = rank_pid(1)
    time.sleep(0.05)
assert victim is not None, "rank 1 never started"
while cpu_seconds(victim) < 0.3 and time.time() < deadline:
    assert job.poll() is None, "the job ended before rank 1 was killed"
    time.sleep(0.02)
os.kill(victim, 9)
try:
    out, err = job.communicate(timeout=60)
except subprocess.TimeoutExpired:
    # The surviving rank would otherwise run its share of the 2,000 runs for minutes.
    survivor = rank_pid(0)
    if survivor is not None:
        os.kill(survivor, 9)
    job.kill()
    raise AssertionError("the job went on for 60 s after rank 1 was killed")
assert job.returncode != 0, "the job succeeded although a rank was killed"
assert "rank 1" in err and ("signal 9" in err or "Killed" in err), err

after = hashlib.sha256(open(net, "rb").read()).hexdigest()
assert before == after, "the network file changed"
with h5py.File(net, "r") as f:
    assert "earlier" in f["results"] and "doomed" not in f["results"]
leftovers = glob.glob(net + ".tmp-*")
assert not leftovers, leftovers
print("a killed rank ends the job; the file is intact")
