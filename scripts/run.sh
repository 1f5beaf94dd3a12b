#!/usr/bin/env bash
# Set up (once) and start Cluster Atlas on the shipped data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" "$@"
