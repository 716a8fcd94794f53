"""The repository deploys as it stands: entry file, requirements, public config, read-only default.

Streamlit Community Cloud (and any server following the quick start) installs
``requirements.txt``, runs ``app.py`` from the repository root and reads
``.streamlit/config.toml`` there. A public copy must not show tracebacks, send usage
statistics or accept large uploads, and must not write data unless told to.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from streamlit.testing.v1 import AppTest

from tracker.load import DEFAULT_POSITIONS
from tracker.load import ENV_VAR as POSITIONS_VAR

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / ".streamlit" / "config.toml"
REQUIREMENTS = ROOT / "requirements.txt"
EDITABLE_VAR = "TRACKER_EDITABLE"

# First release of each runtime dependency with wheels for Python 3.12 (3.11 came earlier).
FIRST_WITH_PY312 = {
    "numpy": Version("1.26.0"),
    "pandas": Version("2.1.1"),
    "pyarrow": Version("14.0.0"),
    "scipy": Version("1.11.2"),
    "streamlit": Version("1.28.0"),
    "plotly": Version("5.0.0"),
    "authlib": Version("1.2.1"),
}


def requirements() -> dict[str, Requirement]:
    found = {}
    for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            found[requirement.name.lower()] = requirement
    return found


def test_entry_points_are_at_the_repository_root() -> None:
    assert (ROOT / "app.py").is_file()
    assert REQUIREMENTS.is_file()
    assert CONFIG.is_file()
    assert DEFAULT_POSITIONS.is_file(), "the bundled data set must be in the repository"


def test_public_config() -> None:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showErrorDetails"] in ("none", False)
    assert config["browser"]["gatherUsageStats"] is False
    assert 0 < config["server"]["maxUploadSize"] <= 10  # MB: articles are plain text
    # Cross-site request forgery protection stays on (Community Cloud forces it anyway).
    assert config["server"].get("enableXsrfProtection", True) is True


def test_no_secrets_in_the_repository() -> None:
    assert not (ROOT / ".streamlit" / "secrets.toml").exists()
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored


def test_python_version_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requires = project["requires-python"]
    from packaging.specifiers import SpecifierSet

    assert {"3.11", "3.12"} <= {v for v in ("3.11", "3.12") if v in SpecifierSet(requires)}


@pytest.mark.parametrize("name", ["streamlit", "pandas", "numpy", "plotly", "pyarrow", "scipy"])
def test_requirement_is_a_range_that_admits_python_3_11_and_3_12(name: str) -> None:
    requirement = requirements()[name]
    bounds = {s.operator for s in requirement.specifier}
    assert bounds & {">=", "~=", "=="} and bounds & {"<", "<=", "~=", "=="}, (
        f"{requirement}: give a lower and an upper bound, so a deploy months later still works"
    )
    # The version this suite runs on (Python 3.11) is admitted…
    installed = Version(metadata.version(name))
    assert requirement.specifier.contains(installed, prereleases=True), (requirement, installed)
    # …and so is nothing older than the first release with Python 3.12 wheels.
    lower = min(
        (Version(s.version) for s in requirement.specifier if s.operator in (">=", "~=", "==")),
    )
    assert lower >= FIRST_WITH_PY312[name], f"{requirement} admits versions without 3.12 wheels"


def _third_party_imports() -> dict[str, str]:
    """Top-level module → a file importing it, over app.py, pages/ and tracker/ (runtime code)."""
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    files += sorted((ROOT / "tracker").rglob("*.py"))
    found: dict[str, str] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("tracker", "tests"):
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_runtime_import_is_installed_by_requirements() -> None:
    distributions = metadata.packages_distributions()
    listed = set(requirements())
    # Installed alongside a listed requirement (streamlit brings these, pandas brings dateutil).
    transitive = {"packaging", "dateutil", "altair", "tornado", "requests", "typing_extensions"}
    missing = {}
    for module, where in _third_party_imports().items():
        names = {d.lower() for d in distributions.get(module, [module])}
        if not names & listed and module not in transitive:
            missing[module] = where
    assert not missing, f"imported at run time but not in requirements.txt: {missing}"


def test_sign_in_is_installable_when_auth_is_configured() -> None:
    # st.login() needs Authlib; a deploy that configures [auth] in its secrets installs only
    # requirements.txt, so sign-in (the gate in front of editing) must not need anything else.
    assert "authlib" in requirements(), "st.login needs Authlib>=1.3.2 in requirements.txt"


# --- Editing is off unless turned on ------------------------------------------------------------
def _add_page(
    monkeypatch: pytest.MonkeyPatch, secrets: dict | None = None, user: dict | None = None
) -> AppTest:
    monkeypatch.setenv(POSITIONS_VAR, str(DEFAULT_POSITIONS))
    from tests.hostile import page_hash

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at._page_hash = page_hash("pages/add_article.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Add an article"]
    return at


def _writes_possible(at: AppTest) -> bool:
    """Whether the page offers anything that adds data: the article form or an upload."""
    return bool(at.text_area) or bool(at.get("file_uploader")) or bool(at.get("form"))


def test_add_page_is_read_only_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(EDITABLE_VAR, raising=False)
    at = _add_page(monkeypatch)
    message = " ".join(i.value for i in at.info)
    assert "read-only" in message and EDITABLE_VAR in message, message
    assert not _writes_possible(at)


@pytest.mark.parametrize("value", ["0", "false", "", "no"])
def test_add_page_stays_read_only_for_false_values(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(EDITABLE_VAR, value)
    assert not _writes_possible(_add_page(monkeypatch))


def test_environment_variable_turns_editing_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EDITABLE_VAR, "1")
    assert _writes_possible(_add_page(monkeypatch))


def test_secret_turns_editing_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(EDITABLE_VAR, raising=False)
    assert _writes_possible(_add_page(monkeypatch, {"editable": True}))


AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration",
}


def test_with_auth_configured_editing_needs_a_signed_in_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(EDITABLE_VAR, "1")
    at = _add_page(monkeypatch, {"editable": True, "auth": AUTH}, {"is_logged_in": False})
    assert not _writes_possible(at)
    assert "sign in" in " ".join(i.value for i in at.info).lower()
    assert any("Sign in" in b.label for b in at.button)


def test_with_auth_configured_a_signed_in_user_may_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(EDITABLE_VAR, "1")
    user = {"is_logged_in": True, "email": "analyst@example.org", "name": "Analyst"}
    assert _writes_possible(_add_page(monkeypatch, {"editable": True, "auth": AUTH}, user))


def test_with_auth_configured_but_editing_off_nobody_may_edit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(EDITABLE_VAR, raising=False)
    user = {"is_logged_in": True, "email": "analyst@example.org"}
    assert not _writes_possible(_add_page(monkeypatch, {"auth": AUTH}, user))
