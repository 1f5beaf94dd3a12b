"""The Cluster Atlas domain: sourced records, loading and validation, metrics, import/export.

Imports no Streamlit: everything here is usable from the command line and from tests.
"""

from .load import DataIssue, Dataset, DataValidationError, load_dataset
from .model import (
    FIGURE_FIELDS,
    Actor,
    ActorType,
    Award,
    Cluster,
    Figure,
    Initiative,
    LighthouseProject,
    Listing,
    Programme,
    Qualifier,
    Region,
    Relation,
    Source,
    SourceOrigin,
    Sponsor,
    format_figure,
    parse_qualifier,
    parse_quantity,
)

__all__ = [
    "FIGURE_FIELDS",
    "Actor",
    "ActorType",
    "Award",
    "Cluster",
    "DataIssue",
    "DataValidationError",
    "Dataset",
    "Figure",
    "Initiative",
    "LighthouseProject",
    "Listing",
    "Programme",
    "Qualifier",
    "Region",
    "Relation",
    "Source",
    "SourceOrigin",
    "Sponsor",
    "format_figure",
    "load_dataset",
    "parse_qualifier",
    "parse_quantity",
]
