"""Alignment analytics over events, relation statements and imported layers.

The relation score r(a, b, t) is computed for all dyads at once in DuckDB (``scores``); on top
of it: dyad series, alignment similarity, signed networks and blocs (``signed``), shifts and
axis tests.  Every result has ``to_dict()`` giving the contract JSON of DESIGN.md section 3;
docs/analysis.md defines every measure.
"""

from allegiance.analysis.api import (
    alignment,
    alignment_matrix,
    axis,
    blocs,
    blocs_by_period,
    dyad_series,
    shifts,
    signed_network,
)
from allegiance.analysis.periods import Period, parse_layers, parse_period
from allegiance.analysis.results import (
    Alignment,
    Axis,
    AxisPoint,
    Blocs,
    DyadSeries,
    SeriesPoint,
    Shift,
    Shifts,
    SignedNetwork,
)
from allegiance.analysis.signed import frustration, partition_signed, spectral_partition

__all__ = [
    "Alignment",
    "Axis",
    "AxisPoint",
    "Blocs",
    "DyadSeries",
    "Period",
    "SeriesPoint",
    "Shift",
    "Shifts",
    "SignedNetwork",
    "alignment",
    "alignment_matrix",
    "axis",
    "blocs",
    "blocs_by_period",
    "dyad_series",
    "frustration",
    "parse_layers",
    "parse_period",
    "partition_signed",
    "shifts",
    "signed_network",
    "spectral_partition",
]
