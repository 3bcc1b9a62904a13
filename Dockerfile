# IMC road-show dashboard: one Streamlit replica, hosted profile (deploy/streamlit/config.toml).
# Build from the repository root:  docker build -t imc-roadshow .
# Run one replica:                 see docs/operations.md "Self-hosting with Docker"; several: deploy/compose.yaml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A fixed, unprivileged user; the app's code stays owned by root and read-only for it.
RUN groupadd --system --gid 10001 imc \
 && useradd --system --uid 10001 --gid imc --create-home --home-dir /home/imc --shell /usr/sbin/nologin imc

WORKDIR /app

# Dependencies first so code edits do not reinstall them. geopandas, shapely, pyproj and pyogrio
# ship manylinux wheels with GDAL/PROJ/GEOS inside: no apt packages are needed.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# The application (tests, virtualenvs, secrets and local databases are excluded by .dockerignore).
COPY . .
# The hosted profile replaces the laptop profile.
COPY deploy/streamlit/config.toml .streamlit/config.toml

# Data folder and database are volumes: /data starts as a copy of the shipped tables (a new named
# volume is seeded from the image), /app/var holds the SQLite file when no IMC_DATABASE_URL is set.
RUN mkdir -p /data /app/var \
 && cp -a imc_data/tables/. /data/ \
 && chown -R imc:imc /data /app/var
ENV IMC_DATA_DIR=/data \
    IMC_DATABASE_PATH=/app/var/imc.sqlite3
VOLUME ["/data", "/app/var"]

USER imc
EXPOSE 8501

# Streamlit answers "ok" on /_stcore/health once the server is up (python: the slim image has no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() == b'ok' else 1)"]

CMD ["streamlit", "run", "app.py"]
