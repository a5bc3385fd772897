"""Helper package of the notebook collection "Are Iran and Russia allies?".

Notebooks import it by name (``import iranrussia as ir``) because Jupyter,
nbval and Jupyter Book start kernels in the notebooks folder; tests reach it
through pytest's ``pythonpath``.
"""

from .core import AS_OF, COUNTRY_COLORS, DATA, FIGURES, ROOT, SEED, save_figure, setup
from .data import DataValidationError, load, validate_all
from .inventory import inventory
from .ledger import ledger, plot_ledger, record_verdicts, verdict_counts
from .schemas import ACTORS, TABLES

__all__ = [
    "AS_OF", "ACTORS", "COUNTRY_COLORS", "DATA", "FIGURES", "ROOT", "SEED", "TABLES",
    "DataValidationError", "inventory", "ledger", "load", "plot_ledger", "record_verdicts", "save_figure", "setup",
    "validate_all", "verdict_counts",
]
