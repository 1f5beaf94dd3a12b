"""The Cluster Atlas domain: sourced records, loading and validation, metrics, import/export.

Imports no Streamlit: everything here is usable from the command line and from tests.
"""

from .dataset import DataIssue, Dataset, DataValidationError
from .readers.datafiles import load_dataset
from .records.model import (
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
    "load_dataset",
    "parse_qualifier",
    "parse_quantity",
]
