"""Build tasks of the collection: validate data, execute notebooks, write the data package, benchmark.

Usage (the Makefile calls these inside the project's virtual environment):

    python tools/collection.py validate      # check every table in data/ against its schema
    python tools/collection.py execute       # run every notebook in order, store outputs in place
    python tools/collection.py datapackage   # write data/datapackage.json from the schemas
    python tools/collection.py bench --runs 3 --nbval-runs 3
    python tools/collection.py student       # write the student copies student/NN_slug.ipynb
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(NOTEBOOKS))

import nbformat  # noqa: E402
from jupyter_client.manager import KernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402
from nbval.plugin import coalesce_streams  # noqa: E402

from iranrussia import data as irdata  # noqa: E402
from iranrussia.core import BUILD_ENV  # noqa: E402
from iranrussia.inventory import with_coverage  # noqa: E402
from iranrussia.schemas import TABLES, Table  # noqa: E402

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
FLOOR_CELL = "import pandas\nimport matplotlib.pyplot\nimport networkx"


def notebooks() -> list[Path]:
    """The collection's notebooks, in reading order."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def run_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execute a notebook in a fresh kernel started in notebooks/.

    The kernel talks to this process over IPC sockets in a private temporary folder, not over TCP on
    localhost: nothing of a notebook's code or output crosses a network socket, and the kernel has no
    reason to warn about unencrypted transport.
    """
    with tempfile.TemporaryDirectory(prefix="iranrussia-kernel-") as sockets:
        manager = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(nb, km=manager, timeout=900, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(NOTEBOOKS)}})
        try:
            return client.execute()
        finally:
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)  # the run is over: no need to wait for a graceful exit


def _normalise(nb: nbformat.NotebookNode) -> None:
    """Keep only what does not depend on the machine or the moment: no execution metadata, stable cell ids, and
    each cell's stdout (and stderr) as one stream. The kernel flushes a cell's output in chunks whose number
    depends on timing, so a cell printing around slow work could be stored as two outputs one run and one the next;
    nbval merges streams the same way (``nbval.plugin.coalesce_streams``) before it compares."""
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    for number, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell["id"] = f"c{number:03d}"  # stable ids in reading order, also after cells are added
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)


def cmd_validate(_args) -> int:
    try:
        counts = irdata.validate_all()
    except irdata.DataValidationError as exc:
        print(f"data validation failed: {exc}", file=sys.stderr)
        return 1
    for name, rows in counts.items():
        print(f"  ok  data/{name}.csv  ({rows} rows)")
    return 0


def execution_order(paths: list[Path]) -> list[Path]:
    """The order the build runs notebooks in: the analysis notebooks first, the introduction last.

    The introduction shows the claims ledger that notebooks 01 onwards write, so it runs after them and
    never shows the ledger of the build before.
    """
    intro = [p for p in paths if p.stem.startswith("00_")]
    return [p for p in paths if p not in intro] + intro


def cmd_execute(args) -> int:
    os.environ[BUILD_ENV] = "1"  # this run publishes figures/ and data/claims.csv (kernels inherit it)
    chosen = execution_order([p for p in notebooks() if not args.only or p.stem in args.only])
    for path in chosen:
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        try:
            run_notebook(nb)
        except CellExecutionError as exc:
            name = getattr(exc, "ename", "Error")
            value = getattr(exc, "evalue", str(exc).strip().splitlines()[-1])
            print(f"FAILED {path.name}: {name}: {value}", file=sys.stderr)
            print(f"{path.name} was not rewritten; fix the cause and run the build again.", file=sys.stderr)
            return 1
        _normalise(nb)
        nbformat.validate(nb)
        _write_atomic(path, nbformat.writes(nb) + "\n")
        print(f"  ran {path.name} in {time.perf_counter() - started:.1f} s")
    return 0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


_FRICTIONLESS_TYPES = {"partial_date": "string", "code_list": "string", "source_list": "string"}


def _field_descriptor(f) -> dict:
    out = {"name": f.name, "type": _FRICTIONLESS_TYPES.get(f.type, f.type), "description": f.description}
    if f.type == "boolean":
        out.update(trueValues=["true"], falseValues=["false"])
    if f.type == "partial_date":
        out["format"] = "default"
        out["description"] += " ISO 8601 date at day, month or year precision."
    if f.unit:
        out["description"] += f" Unit: {f.unit}."
    constraints = {}
    if f.required:
        constraints["required"] = True
    if f.unique:
        constraints["unique"] = True
    if f.enum is not None and f.type not in _FRICTIONLESS_TYPES:
        constraints["enum"] = list(f.enum)
    if f.minimum is not None:
        constraints["minimum"] = f.minimum
    if f.maximum is not None:
        constraints["maximum"] = f.maximum
    if f.pattern is not None:
        constraints["pattern"] = f.pattern.lstrip("^").rstrip("$")
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: Table) -> dict:
    path = ROOT / "data" / table.filename
    schema = {"fields": [_field_descriptor(f) for f in table.fields], "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    return {
        "name": table.name.replace("_", "-"),
        "profile": "tabular-data-resource",
        "path": table.filename,
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": path.stat().st_size,
        "hash": f"sha256:{_sha256(path)}",
        "schema": schema,
    }


def datapackage() -> str:
    """The Frictionless Data Package descriptor, generated from the schemas and the files."""
    package = {
        "profile": "tabular-data-package",
        "name": "iran-russia-alliance",
        "title": "Are Iran and Russia allies? Data of the notebook collection",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": [_resource(t) for t in TABLES.values()],
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


EXHIBITS_START, EXHIBITS_END = "<!-- exhibits: generated by `make datapackage` -->", "<!-- end of exhibits -->"


def exhibits_markdown() -> str:
    """The README's list of exhibits: every figure with its formats and the notebook that writes it."""
    lines = [EXHIBITS_START, "", "| figure | files | notebook |", "|---|---|---|"]
    stems = sorted({p.stem for p in (ROOT / "figures").glob("*.*")})
    for stem in stems:
        formats = sorted(p.suffix.lstrip(".") for p in (ROOT / "figures").glob(f"{stem}.*"))
        notebook = next((nb.stem for nb in notebooks() if stem.startswith(nb.stem + "_")), "")
        lines.append(f"| `{stem}` | {', '.join(f'`.{f}`' for f in formats)} | {notebook} |")
    return "\n".join(lines + ["", EXHIBITS_END])


def with_exhibits(text: str) -> str:
    head, rest = text.split(EXHIBITS_START, 1)
    return head + exhibits_markdown() + rest.split(EXHIBITS_END, 1)[1]


def cmd_datapackage(_args) -> int:
    _write_atomic(ROOT / "data" / "datapackage.json", datapackage())
    print("  wrote data/datapackage.json")
    for doc in (ROOT / "README.md", ROOT / "data" / "README.md"):
        _write_atomic(doc, with_coverage(doc.read_text(encoding="utf-8")))
        print(f"  wrote the coverage table in {doc.relative_to(ROOT)}")
    readme = ROOT / "README.md"
    _write_atomic(readme, with_exhibits(readme.read_text(encoding="utf-8")))
    print("  wrote the list of exhibits in README.md")
    return 0


def _time_once(nb_text: str) -> float:
    nb = nbformat.reads(nb_text, as_version=4)
    started = time.perf_counter()
    run_notebook(nb)
    return time.perf_counter() - started


def _nbval_seconds(path: Path, work: Path) -> float:
    """pytest's own time (its JUnit report) for nbval on one notebook, as `make test` runs it: from the start of
    the session to its end, kernel start included, the Python and pytest start-up before it excluded."""
    import subprocess
    import xml.etree.ElementTree as ElementTree

    report = work / "nbval.xml"
    env = {k: v for k, v in os.environ.items() if k != BUILD_ENV}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(path), "--nbval",
                           "--nbval-current-env", "--nbval-sanitize-with", "tests/sanitize.cfg",
                           f"--junit-xml={report}"], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: nbval failed on {path.relative_to(ROOT).as_posix()}:\n{done.stdout[-3000:]}")
    root = ElementTree.parse(report).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    return float(suite.get("time"))


def _bench_nbval(runs: int, names: list[str]) -> None:
    """Each notebook under nbval just after the floor notebook under nbval, in rounds; medians as in the bench."""
    work = ROOT / "_build" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    floor_nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    floor_path = work / "floor.ipynb"
    _write_atomic(floor_path, nbformat.writes(floor_nb))
    paths = {p.stem: p for p in notebooks() if p.stem in names}
    times = {name: [] for name in paths}
    floors = {name: [] for name in paths}
    for _ in range(runs):
        for name, path in paths.items():
            floors[name].append(_nbval_seconds(floor_path, work))
            times[name].append(_nbval_seconds(path, work))
    print(f"\nunder nbval (as `make test` runs it), median of {runs} rounds; time = pytest's own time for one "
          "notebook, floor = the same for a notebook of the floor's one cell, timed just before it")
    _bench_table(times, floors, runs)


def _bench_table(times: dict[str, list[float]], floors: dict[str, list[float]], runs: int) -> None:
    print(f"| {'notebook':<22} | {'median s':>9} | {'floor s':>8} | {'ratio':>6} |")
    print(f"|{'-' * 24}|{'-' * 11}|{'-' * 10}|{'-' * 8}|")
    for name in times:
        ratio = statistics.median(t / f for t, f in zip(times[name], floors[name]))
        print(f"| {name:<22} | {statistics.median(times[name]):>9.2f} | {statistics.median(floors[name]):>8.2f} | "
              f"{ratio:>6.2f} |")
    totals = [sum(times[name][r] for name in times) for r in range(runs)]
    floor_totals = [sum(floors[name][r] for name in times) for r in range(runs)]
    ratio = statistics.median(t / f for t, f in zip(totals, floor_totals))
    print(f"| {'whole collection':<22} | {statistics.median(totals):>9.2f} | {statistics.median(floor_totals):>8.2f} | "
          f"{ratio:>6.2f} |")
    print(f"rounds, whole collection / its {len(times)} floors: "
          f"{', '.join(f'{t / f:.2f}' for t, f in zip(totals, floor_totals))}")


def cmd_bench(args) -> int:
    """Time each notebook in a fresh kernel against the floor, in rounds: each notebook run follows a run of the
    floor, so a slow spell of the machine weighs on both sides of its ratio; the medians over rounds are
    reported. A first pass starts with nothing stored (as after a clone) and is reported apart."""
    os.environ.pop(BUILD_ENV, None)  # time the notebooks as nbval and a reader run them: nothing published
    floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
    floor_text = nbformat.writes(floor_nb)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in notebooks()}
    shutil.rmtree(irdata.STORE, ignore_errors=True)  # the first run after a clone or a data change validates
    first_floor = _time_once(floor_text)
    cold = sum(_time_once(t) for t in texts.values())
    floors = {name: [] for name in texts}  # the floor timed just before each notebook, in each round
    times = {name: [] for name in texts}
    for _ in range(args.runs):
        for name, text in texts.items():
            floors[name].append(_time_once(floor_text))
            times[name].append(_time_once(text))
    n = len(texts)
    print(f"median of {args.runs} rounds; floor = fresh kernel importing pandas, matplotlib, networkx, timed just "
          "before each notebook; ratio = median over rounds of (time / that floor)")
    _bench_table(times, floors, args.runs)
    print(f"first run after a clone (nothing yet in {irdata.STORE.relative_to(ROOT).as_posix()}/): "
          f"{cold:.2f} s, {cold / (n * first_floor):.2f} times the floor")
    if args.nbval_runs:
        _bench_nbval(args.nbval_runs, list(texts))
    return 0


STUDENT = ROOT / "student"
STUDENT_NOTE = ("*Student copy of `notebooks/{name}`, generated by `make student`: the solutions are removed and "
                "each exercise that asks for code has an empty cell to work in. Running it writes nothing to "
                "`data/` or `figures/` (what it makes goes to `_build/scratch/`). Do not edit this file in the "
                "repository; edit the notebook and run `make student`.*")
STUDENT_PATH = ("import sys\n\nsys.path.insert(0, \"../notebooks\")  # the helper package lives beside the "
                "teaching notebooks\n")
STARTER = "# your code here\n"


def student_copy(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """A student's copy of a notebook: solution cells (tagged ``solution``) removed, a starter code cell after
    each exercise whose solution had code, every output cleared, and the helper package put on the path."""
    cells, pending_code = [], False
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution" in tags:
            pending_code = pending_code or cell.cell_type == "code"
            continue
        if pending_code:
            cells.append(nbformat.v4.new_code_cell(STARTER, metadata={"tags": ["starter"]}))
            pending_code = False
        cells.append(nbformat.from_dict(cell))
    if pending_code:
        cells.append(nbformat.v4.new_code_cell(STARTER, metadata={"tags": ["starter"]}))
    first_code = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    cells[first_code].source = STUDENT_PATH + cells[first_code].source
    cells.insert(1, nbformat.v4.new_markdown_cell(STUDENT_NOTE.format(name=name)))
    for i, cell in enumerate(cells):
        cell.id = f"s{i:03d}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            cell.metadata = {k: v for k, v in cell.metadata.items() if k == "tags"}
    copy = nbformat.v4.new_notebook(cells=cells)
    copy.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    return copy


def cmd_student(args) -> int:
    out = Path(args.out) if args.out else STUDENT
    out.mkdir(parents=True, exist_ok=True)
    for path in notebooks():
        copy = student_copy(nbformat.read(path, as_version=4), path.name)
        nbformat.validate(copy)
        _write_atomic(out / path.name, nbformat.writes(copy) + "\n")
    print(f"  wrote {len(notebooks())} student copies to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out.name}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate").set_defaults(func=cmd_validate)
    ex = sub.add_parser("execute")
    ex.add_argument("--only", nargs="*", help="notebook stems to run (default: all)")
    ex.set_defaults(func=cmd_execute)
    sub.add_parser("datapackage").set_defaults(func=cmd_datapackage)
    bench = sub.add_parser("bench")
    bench.add_argument("--runs", type=int, default=3)
    bench.add_argument("--nbval-runs", type=int, default=0, help="also time each notebook under nbval, in rounds")
    bench.set_defaults(func=cmd_bench)
    student = sub.add_parser("student")
    student.add_argument("--out", help="folder to write to (default: student/)")
    student.set_defaults(func=cmd_student)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
