"""IMC data: curated tables, their schema, one loading and validation path, and queries.

No Streamlit and no plotting here, so the CLI, tests and notebooks use it directly.
"""

from .findings import Finding, Report
from .load import DEFAULT_DATA_DIR, Dataset, data_dir_from_env, data_fingerprint, load_dataset

__all__ = ["DEFAULT_DATA_DIR", "Dataset", "Finding", "Report", "data_dir_from_env", "data_fingerprint", "load_dataset"]
