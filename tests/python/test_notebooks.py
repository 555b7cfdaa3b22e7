"""The notebooks in notebooks/ execute against a freshly analysed demo network (06 makes its own panel beside it).

Builds the demo network in the work dir with the CLI (import, communities, centrality, anchors,
parks, concentration), then runs every notebook with `jupyter nbconvert --execute` (Debian's
nbconvert, through this interpreter) with FIRMNET_FILE and FIRMNET set, headless (MPLBACKEND=Agg;
the notebooks draw through the inline backend, which renders with Agg). Fails when a notebook
raises (each notebook also asserts its own cross-checks against the stored results), when an
executed notebook has no plots, or when a committed notebook carries outputs. The notebooks
import the firmnet package (PYTHONPATH, set by ctest); where its compiled part is not built
(sanitizer builds) the first four fall back to its pure reader and 05, which writes a network
from pandas, is not run.
"""
import importlib.util
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nbformat  # noqa: E402

from firmnet_testlib import Checker, parse_args, run  # noqa: E402

# Minimum plots per notebook: the figures each one draws on the demo network.
EXPECTED_IMAGES = {
    "01_quickstart": 1,
    "02_park_vs_cluster": 3,
    "03_anchor_firms": 4,
    "04_value_chain": 3,
    "05_spreadsheet_to_map": 1,
    "06_cluster_evolution": 4,
}
# Notebooks that need the compiled module (firmnet._core), not only the pure reader.
MODULE_NOTEBOOKS = {"05_spreadsheet_to_map"}


def analyse_demo(firmnet, source_dir, network):
    demo = os.path.join(source_dir, "datasets", "demo")
    run(firmnet, "--quiet", "import", "--nodes", os.path.join(demo, "nodes.csv"),
        "--edges", os.path.join(demo, "edges.csv"), "-o", network)
    run(firmnet, "--quiet", "communities", network, "--name", "leiden")
    run(firmnet, "--quiet", "centrality", network, "--measures", "degree,pagerank,betweenness")
    run(firmnet, "--quiet", "anchors", network, "--communities", "leiden")
    run(firmnet, "--quiet", "parks", network, "--communities", "leiden", "--null-models", "49")
    run(firmnet, "--quiet", "concentration", network)


def images(notebook):
    return sum("image/png" in output.get("data", {})
               for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs)


def main():
    args = parse_args()
    check = Checker()
    notebook_dir = os.path.join(args.source_dir, "notebooks")
    names = sorted(n[:-len(".ipynb")] for n in os.listdir(notebook_dir) if n.endswith(".ipynb"))
    check.equal("notebooks present", names, sorted(EXPECTED_IMAGES))

    for name in names:
        committed = nbformat.read(os.path.join(notebook_dir, name + ".ipynb"), as_version=4)
        code = [c for c in committed.cells if c.cell_type == "code"]
        check.true(f"{name}: committed without outputs",
                   all(not c.outputs and c.execution_count is None for c in code))
        check.true(f"{name}: starts with a parameter cell reading FIRMNET_FILE",
                   code and "parameters" in code[0].metadata.get("tags", []) and "FIRMNET_FILE" in code[0].source)

    network = os.path.join(args.work_dir, "demo.h5")
    started = time.monotonic()
    analyse_demo(args.firmnet, args.source_dir, network)
    analysed = time.monotonic()

    env = dict(os.environ, FIRMNET_FILE=os.path.abspath(network), FIRMNET=os.path.abspath(args.firmnet),
               MPLBACKEND="Agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
    command = [sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
               "--ExecutePreprocessor.timeout=300", "--output-dir", args.work_dir]
    if importlib.util.find_spec("firmnet._core") is None:
        print(f"firmnet._core not built: {', '.join(sorted(MODULE_NOTEBOOKS))} not run")
        names = [name for name in names if name not in MODULE_NOTEBOOKS]
    # Two nbconvert processes (one per core) share the notebooks; most of their time is kernel start-up.
    batches = [names[i::2] for i in range(2) if names[i::2]]
    procs = [subprocess.Popen(command + [os.path.join(notebook_dir, name + ".ipynb") for name in batch],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for batch in batches]
    for batch, proc in zip(batches, procs):
        _, stderr = proc.communicate()
        check.equal(f"jupyter nbconvert --execute {' '.join(batch)}: exit code", proc.returncode, 0)
        if proc.returncode != 0:
            print(stderr[-6000:])
    executed = time.monotonic()

    for name in names:
        path = os.path.join(args.work_dir, name + ".ipynb")
        if not os.path.exists(path):
            check.true(f"{name}: executed notebook written", False)
            continue
        notebook = nbformat.read(path, as_version=4)
        errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        check.equal(f"{name}: error outputs", len(errors), 0)
        check.true(f"{name}: every code cell ran",
                   all(c.execution_count is not None for c in notebook.cells if c.cell_type == "code"))
        count = images(notebook)
        check.true(f"{name}: at least {EXPECTED_IMAGES.get(name, 1)} plots (got {count})",
                   count >= EXPECTED_IMAGES.get(name, 1))

    print(f"analysis {analysed - started:.1f} s, notebooks {executed - analysed:.1f} s")
    check.finish()


if __name__ == "__main__":
    main()
