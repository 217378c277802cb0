"""docker-compose.yml and the Dockerfile describe production: checked without a Docker engine.

The YAML is always parsed and checked here (PyYAML); the compose tool itself validates the file when
Debian's `docker-compose` (v1) or the `docker compose` plugin is installed, and that test is skipped
otherwise.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat", "migrate")
SECRETS = ("POSTGRES_PASSWORD", "GEOPORTAL_SECRET_KEY")
# What an operator must provide; compose refuses to start without each one.
REQUIRED_ENV = {
    "POSTGRES_PASSWORD": "pw-for-test",
    "GEOPORTAL_SECRET_KEY": "key-for-test",
    "GEOPORTAL_ALLOWED_HOSTS": "geoportal.example.ru",
}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def compose_command() -> list[str] | None:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return ["docker", "compose"]
    return None


def run_config(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = compose_command()
    if command is None:
        pytest.skip(
            "neither `docker-compose` nor the `docker compose` plugin is installed "
            "(Debian: apt-get install docker-compose); the YAML checks below still run"
        )
    empty = tmp_path / "empty.env"  # isolates the check from a developer's .env file
    empty.write_text("")
    return subprocess.run(
        [*command, "-f", str(COMPOSE), "--env-file", str(empty), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), **env},
    )


def test_compose_tool_accepts_the_file(tmp_path):
    result = run_config(tmp_path, REQUIRED_ENV)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("missing", sorted(REQUIRED_ENV))
def test_compose_tool_refuses_to_start_without_a_required_variable(tmp_path, missing):
    result = run_config(tmp_path, {k: v for k, v in REQUIRED_ENV.items() if k != missing})
    assert result.returncode != 0
    assert missing in result.stderr


def test_services_and_images(compose):
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert re.fullmatch(r"postgis/postgis:15-3\.\d+", services["db"]["image"])
    assert services["redis"]["image"].startswith("redis:")
    for name in APP_SERVICES:
        assert services[name]["build"] == ".", name
        assert services[name]["image"] == "geoportal:latest", name
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "geoportal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "geoportal", "beat"]
    assert "migrate" in " ".join(services["migrate"]["command"])


def test_healthchecks(compose):
    services = compose["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]
    web_check = services["web"]["healthcheck"]["test"]
    assert "curl" in web_check and "http://localhost:8000/healthz" in web_check
    assert "ping" in " ".join(services["worker"]["healthcheck"]["test"])


def test_app_services_wait_for_healthy_dependencies(compose):
    services = compose["services"]
    for name in ("web", "worker"):
        depends = services[name]["depends_on"]
        assert depends["db"] == {"condition": "service_healthy"}, name
        assert depends["redis"] == {"condition": "service_healthy"}, name
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, name
    assert services["beat"]["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert services["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}


def test_volumes_keep_database_media_and_static(compose):
    assert {"db-data", "media", "static"} <= set(compose["volumes"])
    services = compose["services"]
    assert "db-data:/var/lib/postgresql/data" in services["db"]["volumes"]
    for name in APP_SERVICES:
        assert "media:/app/var/media" in services[name]["volumes"], name
        assert "static:/app/var/static" in services[name]["volumes"], name


def test_app_environment(compose):
    for name in APP_SERVICES:
        env = compose["services"][name]["environment"]
        assert {
            "DATABASE_URL",
            "GEOPORTAL_SECRET_KEY",
            "GEOPORTAL_CELERY_BROKER_URL",
            "GEOPORTAL_ALLOWED_HOSTS",
        } <= set(env), name
        assert env["DATABASE_URL"].startswith("postgis://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["GEOPORTAL_CELERY_BROKER_URL"] == "redis://redis:6379/0"
        # The healthcheck calls http://localhost:8000, so localhost must be an allowed host.
        assert env["GEOPORTAL_ALLOWED_HOSTS"].split(",")[0] == "localhost"


def test_no_secret_is_hard_coded(compose):
    text = COMPOSE.read_text(encoding="utf-8")
    for secret in SECRETS:
        # Every use of a secret is a required interpolation: no default after :- or -.
        uses = re.findall(r"\$\{" + secret + r"([^}]*)\}", text)
        assert uses, secret
        assert all(use.startswith(":?") for use in uses), f"{secret} has a default: {uses}"
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET|TOKEN|KEY", key):
                assert re.fullmatch(r"\$\{[A-Z_]+:\?[^}]*\}", str(value)), f"{name}.{key} is hard-coded"
        url = (service.get("environment") or {}).get("DATABASE_URL", "")
        if url:
            password = re.match(r"postgis://[^:]+:(.*)@", url).group(1)
            assert password == "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", name


def test_dockerfile_builds_front_end_and_runs_unprivileged():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = re.findall(r"^FROM (\S+)", text, flags=re.MULTILINE)
    assert stages[-1] == "python:3.11-slim-bookworm"
    assert any(stage.startswith("node:") for stage in stages[:-1])
    assert "npm ci" in text and "npm run --silent build" in text
    assert re.search(r"apt-get install .*libgdal32 gdal-bin", text)
    assert "RUN pip install ." in text
    assert "COPY --from=frontend /src/frontend/dist frontend/dist" in text
    assert re.search(r"^USER (?!root)\S+", text, flags=re.MULTILINE)
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "var", "frontend/node_modules", ".env"} <= set(ignored)
