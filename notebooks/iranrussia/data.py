"""Load a table from ``data/``, check it against its schema, return a typed DataFrame.

Every problem is raised as one :class:`DataValidationError` whose message names
the file, the line in the file, the column, the bad value and the rule it broke.
The rules live in :mod:`iranrussia.schemas`; pandera applies them.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import os
import pickle
import re
import tempfile
from importlib import metadata
from pathlib import Path

import pandas as pd

from .core import AS_OF, DATA, SCRATCH
from .schemas import ACTORS, TABLES, Field, Table

_TRUE, _FALSE = "true", "false"


class DataValidationError(ValueError):
    """A data file broke a rule. ``file``, ``line``, ``column``, ``value`` and ``rule`` say where and how."""

    def __init__(self, file: str, line: int | None, column: str | None, value: object, rule: str,
                 more: tuple[str, ...] = ()) -> None:
        self.file, self.line, self.column, self.value, self.rule, self.more = file, line, column, value, rule, more
        where = f"{file}, line {line if line is not None else '-'}, column {column if column else '-'}"
        plain = value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value
        text = f"{where}: value {plain!r} breaks the rule: {rule}"  # 5.0, not np.float64(5.0)
        if more:
            text += f" (and {len(more)} more problem{'s' if len(more) > 1 else ''}, first: {more[0]})"
        super().__init__(text)


def _shown(path: Path) -> str:
    """How a file is named in messages: its folder and name, never a machine path."""
    return f"{path.parent.name}/{path.name}"


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


# --------------------------------------------------------------------------- reading the CSV text

def _decode(path: Path, header_hint: list[str] | None = None) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[start:exc.start].decode("utf-8", errors="replace")
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", errors="replace")]))
        index = len(next(csv.reader([prefix]))) - 1 if prefix else 0
        column = header[index] if 0 <= index < len(header) else f"field {index + 1}"
        raise DataValidationError(_shown(path), line, column, raw[exc.start:exc.end],
                                  "the file must be UTF-8 text") from None
    return text.removeprefix("\ufeff")


def _read_records(path: Path, table: Table) -> tuple[list[str], list[list[str]], list[int]]:
    """Parse the CSV strictly, one record per line; return header, records and their line numbers."""
    shown = _shown(path)
    if not path.is_file():
        raise DataValidationError(shown, None, None, None, "the file must exist in data/")
    lines = _decode(path).split("\n")
    if not lines or not lines[0].strip():
        raise DataValidationError(shown, 1, None, "", "the first line must be the header")
    header = next(csv.reader([lines[0].rstrip("\r")]))
    known = [f.name for f in table.fields]
    for name in header:
        if name not in known:
            raise DataValidationError(shown, 1, name, name, f"unknown column; {table.filename} has: {', '.join(known)}")
        if header.count(name) > 1:
            raise DataValidationError(shown, 1, name, name, "a column may appear only once")
    for f in table.fields:
        if f.name not in header:
            raise DataValidationError(shown, 1, f.name, None, "required column is missing from the header")
    records, numbers = [], []
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line.strip():
            if number < len(lines):
                raise DataValidationError(shown, number, None, "", "blank lines are not allowed inside a table")
            continue
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as exc:
            loose = next(csv.reader([line]))
            index = next((i for i, v in enumerate(loose) if '"' in v), len(loose) - 1)
            column = header[index] if index < len(header) else f"field {index + 1}"
            raise DataValidationError(
                shown, number, column, line[:60],
                f"broken CSV quoting ({exc}): quote a field that holds a comma or quote, double inner quotes, "
                "and keep each record on one line") from None
        if len(fields) != len(header):
            index = min(len(fields), len(header)) - (1 if len(fields) > len(header) else 0)
            column = header[index] if index < len(header) else header[-1]
            raise DataValidationError(shown, number, column, line[:60],
                                      f"each row needs {len(header)} fields, this one has {len(fields)}")
        records.append(fields)
        numbers.append(number)
    return header, records, numbers


# --------------------------------------------------------------------------- schema -> pandera

_DTYPES = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "datetime64[ns]"}
_TYPE_RULES = {"integer": "must be a whole number", "number": "must be a number",
               "boolean": "must be true or false", "date": "must be a real date written YYYY-MM-DD"}
_PARTIAL = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _partial_ok(value: str) -> bool:
    if not _PARTIAL.match(value):
        return False
    try:
        pd.Timestamp(value if len(value) == 10 else (value + "-01" if len(value) == 7 else value + "-01-01"))
    except ValueError:
        return False
    return value <= AS_OF.isoformat()[: len(value)]


def _checks(f: Field, source_ids: set[str] | None) -> list[pa.Check]:
    import pandera.pandas as pa  # imported when a table is validated, not when a stored one is read

    checks: list[pa.Check] = []
    if f.enum is not None and f.type != "code_list":
        allowed = set(f.enum)
        checks.append(pa.Check(lambda s, a=allowed: s.isin(a), error=f"must be one of: {', '.join(f.enum)}"))
    if f.minimum is not None:
        checks.append(pa.Check(lambda s, m=f.minimum: s >= m, error=f"must be at least {f.minimum:g}"))
    if f.maximum is not None:
        checks.append(pa.Check(lambda s, m=f.maximum: s <= m, error=f"must be at most {f.maximum:g}"))
    if f.pattern is not None:
        checks.append(pa.Check(lambda s, p=f.pattern: s.str.fullmatch(p), error=f"must match the pattern {f.pattern}"))
    if f.type == "date":
        limit = pd.Timestamp(AS_OF)
        checks.append(pa.Check(lambda s: s <= limit, error=f"must not be after the as-of date {AS_OF}"))
    if f.type == "partial_date":
        checks.append(pa.Check(lambda s: s.map(_partial_ok).astype(bool),
                               error=f"must be a real ISO date (YYYY, YYYY-MM or YYYY-MM-DD) not after {AS_OF}"))
    if f.type == "code_list":
        allowed = set(f.enum or ACTORS)
        checks.append(pa.Check(lambda s, a=allowed: s.map(lambda v: bool(_split_list(v)) and
                                                            set(_split_list(v)) <= a).astype(bool),
                               error="must be codes from the codebook's list, separated by ';'"))
    if f.type == "source_list":
        known = source_ids or set()
        checks.append(pa.Check(lambda s, k=known: s.map(lambda v: bool(_split_list(v)) and
                                                          set(_split_list(v)) <= k).astype(bool),
                               ignore_na=True,
                               error="every id must be a row of data/sources.csv"))
    return checks


def _pandera_schemas(table: Table, source_ids: set[str] | None) -> tuple[pa.DataFrameSchema, pa.DataFrameSchema]:
    import pandera.pandas as pa

    """Two passes: first types and required fields, then values, so a bad type never hides behind a range."""
    types, values = {}, {}
    for f in table.fields:
        dtype = _DTYPES.get(f.type, "string")
        types[f.name] = pa.Column(dtype, coerce=True, nullable=not f.required)
        values[f.name] = pa.Column(dtype, checks=_checks(f, source_ids), nullable=not f.required,
                                   unique=f.unique)
    unique = list(table.primary_key) if len(table.primary_key) > 1 else None
    return (pa.DataFrameSchema(types, strict=True, ordered=False),
            pa.DataFrameSchema(values, strict=True, ordered=False, unique=unique))


_BUILTIN_RULES = {
    "not_nullable": "required: must not be empty",
    "field_uniqueness": "must be unique in the table (a duplicate)",
    "multiple_fields_uniqueness": "the key columns together must be unique (a duplicate row key)",
}


def _rule_text(check: str, column: str, table: Table) -> str:
    if check in _BUILTIN_RULES:
        return _BUILTIN_RULES[check]
    if check.startswith(("coerce_dtype", "dtype(")):
        f = next((x for x in table.fields if x.name == column), None)
        return _TYPE_RULES.get(f.type if f else "", check) if f else check
    return check


def _coerces(value: object, kind: str) -> bool:
    try:
        if kind == "integer":
            return float(value).is_integer()
        if kind == "number":
            float(value)
        elif kind == "date":
            pd.Timestamp(str(value))
            return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))
        elif kind == "boolean":
            return isinstance(value, bool)
        return True
    except (TypeError, ValueError):
        return False


def _locate(cases: pd.DataFrame, frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Give whole-column type failures (pandera reports no row) the rows that actually fail."""
    rows = []
    for _, c in cases.iterrows():
        if pd.notna(c["index"]) or not isinstance(c["column"], str) or c["column"] not in frame:
            rows.append(c)
            continue
        kind = table.field(c["column"]).type
        for i, value in frame[c["column"]].items():
            if value is not None and not _coerces(value, kind):
                rows.append(pd.Series({**c.to_dict(), "index": i, "failure_case": value}))
    return pd.DataFrame(rows)


def _raise_first(shown: str, table: Table, errors: SchemaErrors, numbers: list[int],
                 frame: pd.DataFrame) -> None:
    cases = _locate(errors.failure_cases.copy(), frame, table)
    cases["line"] = cases["index"].map(lambda i: numbers[int(i)] if pd.notna(i) else None)
    cases = cases.sort_values("line", na_position="first", kind="stable")
    problems = []
    for _, c in cases.iterrows():
        column = c["column"] if isinstance(c["column"], str) else None
        problems.append((c["line"], column, c["failure_case"], _rule_text(str(c["check"]), column or "", table)))
    seen, unique = set(), []
    for p in problems:
        key = (p[0], p[1], p[3])
        if key not in seen:
            seen.add(key)
            unique.append(p)
    line, column, value, rule = unique[0]
    line = int(line) if line is not None and pd.notna(line) else None
    more = tuple(f"line {l}, column {c}: {r}" for l, c, _, r in unique[1:])
    raise DataValidationError(shown, line, column, value, rule, more) from None


# --------------------------------------------------------------------------- public API

def _source_ids(data_dir: Path) -> set[str]:
    return set(load("sources", data_dir=data_dir)["id"])


#: Where validated tables of ``data/`` are kept between runs (never published, never committed).
STORE: Path = SCRATCH / "validated"
#: Validated tables of this process, keyed on (folder, table): the frame and the files it was checked against.
_CACHE: dict[tuple[str, str], tuple[dict[str, str], pd.DataFrame]] = {}
#: The dependencies being collected by the validations in progress (a rule may load another table).
_COLLECTING: list[dict[str, str]] = []


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


@functools.cache
def _code_digest() -> str:
    """The rules' own fingerprint: every module of the helper package and the versions that apply them."""
    digest = hashlib.sha256(f"{pd.__version__} {metadata.version('pandera')}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


def _fresh(folder: Path, deps: dict[str, str]) -> bool:
    return all(_file_digest(folder / filename) == digest for filename, digest in deps.items())


def _stored(name: str) -> tuple[dict[str, str], pd.DataFrame] | None:
    """The table as validated by an earlier run, if the store holds it for these rules; else None."""
    try:
        with open(STORE / f"{name}.pickle", "rb") as handle:
            code, deps, frame = pickle.load(handle)
    except Exception:  # missing, unreadable or from another version: validate again
        return None
    return (deps, frame) if code == _code_digest() else None


def _store(name: str, deps: dict[str, str], frame: pd.DataFrame) -> None:
    STORE.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".pickle", dir=STORE)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((_code_digest(), deps, frame), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, STORE / f"{name}.pickle")
    except OSError:  # a read-only checkout still runs; it only validates every time
        Path(tmp).unlink(missing_ok=True)


def load(name: str, *, data_dir: Path | None = None) -> pd.DataFrame:
    """Read ``data/<name>.csv``, validate it against its schema and return a typed DataFrame.

    Integer, number, boolean and date columns come back as pandas' nullable
    ``Int64``, ``Float64``, ``boolean`` and ``datetime64`` types; everything else
    as strings. Raises :class:`DataValidationError` naming file, line, column,
    value and rule at the first problem (sorted by line), with a count of the others.

    A table is validated once for each content: the result is kept with the SHA-256 of every file its
    check read (its own CSV, ``sources.csv`` for its source ids, any table a rule looked up), in this process
    and, for ``data/`` itself, between runs in ``_build/scratch/validated/`` together with a fingerprint of
    the helper's code and of pandas and pandera. A change to any of those files, or to the rules, validates
    it again; a table that fails is never kept. Each call returns a fresh copy, so a caller may change it.
    """
    if name not in TABLES:
        raise KeyError(f"no schema for table {name!r}; known tables: {', '.join(TABLES)}")
    folder = Path(data_dir) if data_dir is not None else DATA
    key = (str(folder.resolve()), name)
    cached = _CACHE.get(key)
    if cached is None and folder.resolve() == DATA.resolve():
        cached = _stored(name)
    if cached is None or not _fresh(folder, cached[0]):
        _COLLECTING.append({})
        try:
            frame = _load_validated(name, folder)
        finally:
            deps = _COLLECTING.pop()
        deps[TABLES[name].filename] = _file_digest(folder / TABLES[name].filename)
        cached = (deps, frame)
        if folder.resolve() == DATA.resolve():
            _store(name, deps, frame)
    _CACHE[key] = cached
    if _COLLECTING:  # another table's rule asked for this one: its check depends on these files too
        _COLLECTING[-1].update(cached[0])
    return cached[1].copy()


def _load_validated(name: str, folder: Path) -> pd.DataFrame:
    table = TABLES[name]
    path = folder / table.filename
    shown = _shown(path)
    header, records, numbers = _read_records(path, table)
    frame = pd.DataFrame(records, columns=header, dtype=object).replace({"": None})
    for f in table.fields:
        if f.type == "boolean":
            frame[f.name] = frame[f.name].map(lambda v: {_TRUE: True, _FALSE: False}.get(v, v))
    needs_sources = any(f.type == "source_list" for f in table.fields)
    types, values = _pandera_schemas(table, _source_ids(folder) if needs_sources else None)
    from pandera.errors import SchemaErrors  # imported when a table is validated, not when a stored one is read

    try:
        typed = types.validate(frame, lazy=True)
        typed = values.validate(typed, lazy=True)
    except SchemaErrors as exc:
        _raise_first(shown, table, exc, numbers, frame)
    def other(name: str) -> pd.DataFrame:
        return load(name, data_dir=folder)

    for rule in table.row_rules:
        ok = rule.test(typed, other).fillna(False).astype(bool)
        if not ok.all():
            bad = [i for i, good in enumerate(ok) if not good]
            first = bad[0]
            more = tuple(f"line {numbers[i]}, column {rule.column}: {rule.rule}" for i in bad[1:])
            raise DataValidationError(shown, numbers[first], rule.column, typed[rule.column].iloc[first],
                                      rule.rule, more)
    return typed[[f.name for f in table.fields]].reset_index(drop=True)


def validate_all(data_dir: Path | None = None) -> dict[str, int]:
    """Load every table; return the number of rows of each. Raises at the first bad file."""
    return {name: len(load(name, data_dir=data_dir)) for name in TABLES}


def write_table(frame: pd.DataFrame, name: str, *, data_dir: Path | None = None) -> None:
    """Write a table back to ``data/`` atomically, in schema column order, booleans as true/false."""
    table = TABLES[name]
    folder = Path(data_dir) if data_dir is not None else DATA
    out = frame[[f.name for f in table.fields]].copy()
    for f in table.fields:
        if f.type == "boolean":
            out[f.name] = out[f.name].map({True: _TRUE, False: _FALSE})
        elif f.type == "date":
            out[f.name] = pd.to_datetime(out[f.name]).dt.strftime("%Y-%m-%d")
    fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".csv", dir=folder)
    os.close(fd)
    try:
        out.to_csv(tmp, index=False, lineterminator="\n")
        os.replace(tmp, folder / table.filename)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
