"""Hardened configuration for public hosting, and no secret in git.

Two Streamlit profiles: the laptop profile ``.streamlit/config.toml`` (offline presenter) and
the hosted profile ``deploy/streamlit/config.toml`` (what the Docker image runs). Both must keep
Streamlit's protections on; the hosted one must restrict WebSocket hosts. Secrets come from
``secrets.toml`` / the environment and never from a tracked file.
"""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest

from .conftest import ROOT

LAPTOP = ROOT / ".streamlit" / "config.toml"
HOSTED = ROOT / "deploy" / "streamlit" / "config.toml"
SECRETS_EXAMPLE = ROOT / ".streamlit" / "secrets.toml.example"
PROFILES = {"laptop": LAPTOP, "hosted": HOSTED}
MAX_UPLOAD_MB = 10  # staff upload CSV / GeoJSON tables; Streamlit's default is 200 MB


def _options(path) -> dict[str, object]:
    """The profile as flat ``section.option`` names, as Streamlit spells them."""
    flat: dict[str, object] = {}
    for section, values in tomllib.loads(path.read_text(encoding="utf-8")).items():
        for name, value in values.items():
            flat[f"{section}.{name}"] = value
    return flat


@pytest.fixture(params=sorted(PROFILES))
def profile(request) -> dict[str, object]:
    return _options(PROFILES[request.param])


def test_every_option_is_one_streamlit_knows(profile):
    # A misspelt option ("allowedHost") would be ignored with only a log line.
    from streamlit import config

    unknown = sorted(name for name in profile if name not in config._config_options_template and "theme" not in name)
    assert unknown == []


def test_protections_on_and_details_hidden(profile):
    expected = {
        "browser.gatherUsageStats": False,
        "server.headless": True,
        "server.enableXsrfProtection": True,
        "server.enableCORS": True,
        "server.fileWatcherType": "none",
        "server.runOnSave": False,
        # static/ holds only the web fonts (tests/test_theme.py)
        "server.enableStaticServing": True,
        "server.enableAgentApi": False,
        "client.toolbarMode": "viewer",
        "client.showErrorDetails": "none",
        "client.showErrorLinks": False,
    }
    assert {name: profile.get(name) for name in expected} == expected


def test_upload_size_bounded(profile):
    assert 0 < profile["server.maxUploadSize"] <= MAX_UPLOAD_MB


def test_allowed_hosts_are_an_explicit_list(profile):
    hosts = profile["server.allowedHosts"]
    assert hosts, "an empty list accepts any Host header"
    assert "*" not in hosts
    assert not any(h.startswith("*.") for h in hosts)


def test_no_cookie_secret_in_any_profile(profile):
    assert "server.cookieSecret" not in profile


def test_laptop_profile_listens_on_localhost_only():
    assert _options(LAPTOP)["server.address"] == "localhost"


def test_hosted_profile_reads_secrets_from_mounted_files():
    hosted = _options(HOSTED)
    assert hosted["server.address"] == "0.0.0.0"
    assert "/run/secrets/imc_secrets.toml" in hosted["secrets.files"]


@pytest.mark.slow
def test_streamlit_reads_the_hosted_profile_and_the_environment(tmp_path):
    """Streamlit itself (not only tomllib) picks the profile and the shared secret up."""
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text(HOSTED.read_text(encoding="utf-8"), encoding="utf-8")
    probe = (
        "import json; from streamlit import config; "
        "print(json.dumps({k: config.get_option(k) for k in "
        "['server.allowedHosts', 'server.enableXsrfProtection', 'client.showErrorDetails', 'server.cookieSecret']}))"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "STREAMLIT_SERVER_COOKIE_SECRET": "shared-test-secret"}
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    seen = json.loads(out.strip().splitlines()[-1])
    assert seen == {
        "server.allowedHosts": ["localhost", "127.0.0.1"],
        "server.enableXsrfProtection": True,
        "client.showErrorDetails": "none",
        "server.cookieSecret": "shared-test-secret",
    }


# --- secrets ----------------------------------------------------------------------------------


def test_secrets_example_documents_every_secret_and_holds_none():
    text = SECRETS_EXAMPLE.read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    for name in (
        "STREAMLIT_SERVER_COOKIE_SECRET",
        "IMC_DATABASE_URL",
        "staff_password_hash",
        "IMC_STAFF_PASSWORD_HASH",
        "staff_emails",
        "cookie_secret",
        "client_secret",
    ):
        assert name in text, f"{name} is not documented"
    assert all(value == "" for value in parsed.values() if isinstance(value, str)), "the example must hold no value"


def _tracked_files() -> list[str]:
    result = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("not a git checkout")
    return [name for name in result.stdout.decode().split("\0") if name]


def test_secret_files_are_ignored_by_git_and_docker():
    ignored = subprocess.run(
        ["git", "check-ignore", ".streamlit/secrets.toml", "deploy/.env", "deploy/secrets.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ignored == [".streamlit/secrets.toml", "deploy/.env", "deploy/secrets.toml"]
    dockerignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for name in (".streamlit/secrets.toml", "deploy/.env", "deploy/secrets.toml", ".git"):
        assert name in dockerignore


SECRET_FILE_NAMES = re.compile(r"(^|/)(secrets\.toml|\.env|id_rsa|id_ed25519)$|\.(pem|key|p12|pfx)$")
# A value assigned to a secret-looking name: quoted, at least 8 characters, not a placeholder,
# with a digit in it (random values have one; names of secrets such as "staff_password_hash" do not).
SECRET_ASSIGNMENT = re.compile(
    r"""(?ix)\b(cookie_?secret|client_secret|password(_hash)?|secret_key|api_key|token)\b
        \s*[:=]\s*["'](?=[^"']*\d)([^"'\s${}<>]{8,})["']"""
)
SECRET_SHAPES = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "database URL with a password": re.compile(r"postgres(ql)?(\+\w+)?://\w+:(?!\$|PASSWORD@|password@)[^@\s/]+@"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"),
}


def test_no_secret_is_committed():
    problems = []
    for name in _tracked_files():
        if SECRET_FILE_NAMES.search(name):
            problems.append(f"{name}: a secret file is tracked")
            continue
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for label, shape in SECRET_SHAPES.items():
            if shape.search(text):
                problems.append(f"{name}: {label}")
        for match in SECRET_ASSIGNMENT.finditer(text):
            # Tests may use throw-away passwords they create themselves; real files may not.
            if not name.startswith("tests/"):
                problems.append(f"{name}: {match.group(1)} has a literal value")
    assert problems == []


def test_the_secret_scanner_catches_what_it_should():
    # The scanner above must not pass vacuously.
    assert SECRET_ASSIGNMENT.search('cookie_secret = "9f8e7d6c5b4a39281706"')
    assert not SECRET_ASSIGNMENT.search('cookie_secret = ""')
    assert not SECRET_ASSIGNMENT.search('SECRET_KEY = "staff_password_hash"')
    assert SECRET_SHAPES["database URL with a password"].search("postgresql+psycopg://imc:" + "hunter2@db:5432/imc")
    assert not SECRET_SHAPES["database URL with a password"].search(
        "postgresql+psycopg://imc:${POSTGRES_PASSWORD:?set it}@db:5432/imc"
    )
    assert not SECRET_SHAPES["database URL with a password"].search("postgresql+psycopg://imc:$password@127.0.0.1")
    assert SECRET_FILE_NAMES.search("deploy/.env") and not SECRET_FILE_NAMES.search("deploy/.env.example")


def test_every_secret_the_code_reads_is_in_the_example():
    example = SECRETS_EXAMPLE.read_text(encoding="utf-8")
    pattern = re.compile(r"""(?:st\.secrets(?:\.get\(|\[)|_secret\()\s*["'](\w+)["']""")
    read = set()
    for path in [ROOT / "app.py", *(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        if path.exists():
            read |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert read, "no secret reads found: the pattern no longer matches the code"
    assert sorted(name for name in read if name not in example) == []


def test_both_profiles_share_one_theme():
    # The accessible colours (tests/browser/test_a11y.py) must hold on the hosted site as well.
    laptop = {k: v for k, v in _options(LAPTOP).items() if k.startswith("theme.")}
    assert laptop == {k: v for k, v in _options(HOSTED).items() if k.startswith("theme.")}
    assert {"theme.textColor", "theme.linkColor"} <= set(laptop)
