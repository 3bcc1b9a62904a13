"""The Dockerfile, compose file and nginx config, checked statically.

No Docker engine runs where these tests run, so the image is never built here; what can be
checked without one is checked: the files parse, say what the deployment needs, and nginx
accepts its configuration (``nginx -t``). tests/deploy/test_replicas.py then runs that nginx
configuration in front of two live replicas.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tools.servers import NGINX_CONF, ROOT, nginx_binary, nginx_test, render_nginx_config

from .servers import require

DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "deploy" / "compose.yaml"


def _instructions() -> list[tuple[str, str]]:
    """Dockerfile instructions as (KEYWORD, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, args = line.partition(" ")
            out.append((keyword.upper(), args.strip()))
    return out


def test_dockerfile_slim_base_non_root_healthcheck_volumes():
    steps = _instructions()
    keywords = [k for k, _ in steps]
    base = dict(steps)["FROM"]
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", base), base
    users = [args for k, args in steps if k == "USER"]
    assert users and users[-1] not in ("root", "0"), "the app must not run as root"
    assert keywords.index("USER") < keywords.index("CMD")
    assert "/_stcore/health" in dict(steps)["HEALTHCHECK"]
    volumes = " ".join(args for k, args in steps if k == "VOLUME")
    assert "/data" in volumes and "/app/var" in volumes
    env = " ".join(args for k, args in steps if k == "ENV")
    assert "IMC_DATA_DIR=/data" in env
    assert any(k == "COPY" and "deploy/streamlit/config.toml .streamlit/config.toml" in a for k, a in steps)
    assert dict(steps)["CMD"] == '["streamlit", "run", "app.py"]'


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    patterns = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for pattern in (".git", ".venv", ".streamlit/secrets.toml", "deploy/.env", "deploy/secrets.toml", "var", "tests"):
        assert pattern in patterns


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_compose_runs_replicas_behind_nginx_with_postgres(compose):
    services = compose["services"]
    assert set(services) == {"app", "nginx", "db"}
    app = services["app"]
    replicas = app["deploy"]["replicas"]
    assert re.fullmatch(r"\$\{IMC_REPLICAS:-([2-9]|\d\d+)\}", str(replicas)), "several replicas by default, set by env"
    assert "ports" not in app, "replicas are reached through nginx only"
    assert services["nginx"]["image"].startswith("nginx:")
    assert "./nginx/imc.conf:/etc/nginx/conf.d/default.conf:ro" in services["nginx"]["volumes"]
    assert services["db"]["image"].startswith("postgres:")
    assert any(v.endswith(":/var/lib/postgresql/data") for v in services["db"]["volumes"])
    assert app["depends_on"]["db"]["condition"] == "service_healthy"


def test_compose_shares_one_cookie_secret_domain_and_database(compose):
    env = compose["services"]["app"]["environment"]
    # One service scaled to N replicas: every replica gets this one environment.
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${IMC_COOKIE_SECRET:?")
    assert env["STREAMLIT_SERVER_ALLOWED_HOSTS"].startswith("${IMC_DOMAIN:?")
    assert env["IMC_DATABASE_URL"].startswith("postgresql+psycopg://imc:${POSTGRES_PASSWORD:?")
    assert "imc-data:/data" in compose["services"]["app"]["volumes"]
    assert compose["secrets"]["imc_secrets"]["file"] == "./secrets.toml"
    assert compose["services"]["app"]["secrets"] == [{"source": "imc_secrets", "target": "imc_secrets.toml"}]


def test_env_example_names_every_variable_compose_reads(compose):
    used = set(re.findall(r"\$\{(\w+)", COMPOSE.read_text(encoding="utf-8")))
    example = (ROOT / "deploy" / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^(\w+)=", example, flags=re.MULTILINE))
    assert used == documented
    assert re.search(r"^IMC_COOKIE_SECRET=$", example, flags=re.MULTILINE), "the example holds no secret"


def test_nginx_config_has_affinity_websocket_and_failover():
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert "hash $imc_route consistent;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert "proxy_http_version 1.1;" in text
    assert re.search(r"proxy_next_upstream\s+error timeout", text)


def test_nginx_accepts_the_config(tmp_path):
    require("nginx", nginx_binary() is not None, "apt-get install -y nginx (.ci/run does)")
    config = render_nginx_config(tmp_path / "nginx", 8080, [8501, 8502])
    checked = nginx_test(config)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr
