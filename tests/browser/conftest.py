"""Browser tests: a running app (one server per environment) driven by Chromium.

    @pytest.mark.browser
    def test_x(app_url, page):
        page.goto(f"{app_url}/evidence?actor=france")
        wait_for_app(page)
        assert_no_exception(page)
        screenshot(page, "evidence-france")

    @pytest.mark.browser
    def test_y(start_app, page):
        base = start_app({"TRACKER_POSITIONS": str(path), "TRACKER_EDITABLE": "1"})

Servers start once per distinct environment and stop at the end of the session. Without
Chromium the tests are skipped — unless ``TRACKER_REQUIRE_BROWSER=1`` (CI), then they fail.
Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT = 60.0  # seconds for a server to answer its health check
APP_TIMEOUT = 60_000  # milliseconds for a page run to finish
NOT_RUNNING = "[data-testid='stApp'][data-test-script-state='notRunning']"
NO_SKELETON = "() => !document.querySelector(\"[data-testid='stSkeleton']\")"


def chromium_path() -> str | None:
    """Debian's Chromium, wherever it is installed."""
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test, marked or not."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the app did not answer within {STARTUP_TIMEOUT}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def start_app(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[Mapping[str, str]], str]]:
    """Factory: start (or reuse) a server whose environment adds `env`; returns its base URL."""
    servers: dict[tuple[tuple[str, str], ...], tuple[str, subprocess.Popen]] = {}
    logs = tmp_path_factory.mktemp("server-logs")

    def start(env: Mapping[str, str] | None = None) -> str:
        key = tuple(sorted((env or {}).items()))
        if key in servers:
            return servers[key][0]
        port = _free_port()
        log = logs / f"streamlit-{port}.log"
        environment = {**os.environ, **dict(key)}
        handle = log.open("w")
        process = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "app.py",
                "--server.headless", "true",
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
            ],
            cwd=ROOT,
            env=environment,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        base_url = f"http://127.0.0.1:{port}"
        servers[key] = (base_url, process)
        _wait_healthy(base_url, process, log)
        return base_url

    yield start
    for _, process in servers.values():
        process.terminate()
    for _, process in servers.values():
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_url(start_app) -> str:
    """The app on the bundled data."""
    return start_app({})


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session (skipped, or failed on CI, when it is missing)."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found: apt-get install -y chromium"
        if os.environ.get("TRACKER_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Factory for pages in fresh contexts (new sessions), e.g. to open a shared link."""
    contexts = []

    def make(color_scheme: str = "light"):
        context = browser.new_context(
            viewport=VIEWPORT, color_scheme=color_scheme, accept_downloads=True
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A light-theme page at 1280×800."""
    return new_page()


def wait_for_app(page, timeout: int = APP_TIMEOUT) -> None:
    """Wait until the app has drawn its page and no script run is in progress."""
    page.wait_for_selector("[data-testid='stMain']", timeout=timeout)
    page.wait_for_selector(NOT_RUNNING, timeout=timeout)
    # A run may start right after the first one (URL corrections, reruns): let it settle.
    page.wait_for_timeout(300)
    page.wait_for_selector(NOT_RUNNING, timeout=timeout)
    # Widgets whose code is still loading show as skeletons; wait until they are drawn.
    page.wait_for_function(NO_SKELETON, timeout=timeout)


def assert_no_exception(page) -> None:
    """The page shows no Streamlit exception box."""
    shown = page.locator("[data-testid='stException']")
    assert shown.count() == 0, shown.all_inner_texts()


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save a PNG under test-artifacts/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
