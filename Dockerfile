# One Cluster Atlas process; compose.yaml runs several behind nginx (see the README).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MPLCONFIGDIR=/tmp/matplotlib

# geopandas, pyogrio, shapely and pyproj ship manylinux wheels with their C libraries: no apt step.
COPY requirements.txt /tmp/requirements.txt
RUN pip install -r /tmp/requirements.txt

RUN useradd --create-home --uid 10001 atlas
WORKDIR /app
# Owned by root and read-only for the app; only static/generated/ is writable, for the actor file
# the map fetches (without it the actors travel inside the map script, which also works).
COPY . /app
RUN mkdir -p /app/static/generated && chown atlas:atlas /app/static/generated
USER atlas

EXPOSE 8501
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
