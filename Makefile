# Two commands do all the set-up: `make build` and `make test`.
# Both create the virtual environment .venv from the pinned requirements when it is
# missing or older than requirements.txt / constraints.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed

# Run everything inside the environment and keep Jupyter to this project's kernel.
export PATH := $(BIN):$(PATH)
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: build test lab bench datapackage student clean bytecode

$(STAMP): requirements.txt constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	@touch $(STAMP)

# The notebooks' kernels import the helper package from notebooks/iranrussia. Compile it once, as pip compiles
# what it installs, so that no kernel compiles it again (as each would where PYTHONDONTWRITEBYTECODE is set).
bytecode: $(STAMP)
	@$(PY) -m compileall -q notebooks/iranrussia

## build: validate data, execute every notebook in order, write figures and the site (_build/html)
build: $(STAMP) bytecode
	$(PY) tools/collection.py validate
	$(PY) tools/collection.py execute
	$(PY) tools/collection.py datapackage
	$(PY) tools/collection.py student
	$(BIN)/jupyter-book build . --all --warningiserror --nitpick --quiet

## test: unit tests, data validation, notebook hygiene, site checks and nbval (strict) on every notebook
test: $(STAMP) bytecode
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg

## lab: open JupyterLab on the collection (make lab STUDENT=1: on the student copies, solutions removed)
lab: $(STAMP)
ifdef STUDENT
	$(BIN)/jupyter lab student/00_introduction.ipynb
else
	$(BIN)/jupyter lab notebooks/00_introduction.ipynb
endif

## student: write the student copies student/NN_slug.ipynb from the notebooks (never edit them by hand)
student: $(STAMP)
	$(PY) tools/collection.py student

## bench: time each notebook and the whole collection against a bare kernel (not a test)
bench: $(STAMP) bytecode
	$(PY) tools/collection.py bench --runs 5 --nbval-runs 3

## datapackage: rewrite data/datapackage.json after editing data or schemas
datapackage: $(STAMP)
	$(PY) tools/collection.py datapackage

clean:
	rm -rf _build
