"""Browser tests: Playwright driving Debian's Chromium against the live test server, with axe-core
(from the npm registry) run on every page visited and CSP violations treated as failures."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Visitor:
    """One browser session: log in, visit, and check each page with axe-core."""

    def __init__(self, browser, base_url: str, *, width: int = 1280, storage_state=None) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(
            base_url=base_url,
            viewport={"width": width, "height": 900},
            locale="id-ID",
            storage_state=storage_state,
        )
        self.page = self.context.new_page()
        self.csp_errors: list[str] = []
        self.page.on("console", self._console)
        self.checked: list[str] = []

    def _console(self, msg) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in msg.text or "Refused to" in msg.text:
            self.csp_errors.append(msg.text)

    def goto(self, path: str):  # type: ignore[no-untyped-def]
        response = self.page.goto(path)
        self.axe()
        return response

    def axe(self) -> None:
        """No serious or critical accessibility violation on the current page, and no CSP violation."""
        self.page.evaluate(AXE.read_text() + "\n;undefined")
        violations = self.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))"""
        )
        assert violations == [], f"axe on {self.page.url}: {violations}"
        assert self.csp_errors == [], self.csp_errors
        self.checked.append(self.page.url)

    def login(self, username: str, password: str = "demo12345") -> None:
        self.goto("/akun/masuk/")
        self.page.get_by_label("Nama pengguna").fill(username)
        self.page.get_by_label("Kata sandi").fill(password)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_load_state()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, live_server, users):  # type: ignore[no-untyped-def]
    """A new browser session, logged in as `username` (through the login page the first time in
    a test; after that with the cookies that login left, as a returning user's browser would)."""
    opened: list[Visitor] = []
    logged_in: dict[str, object] = {}

    def make(username: str | None = None, *, width: int = 1280) -> Visitor:
        v = Visitor(browser, live_server.url, width=width, storage_state=logged_in.get(username or ""))
        if username and username not in logged_in:
            v.login(username)
            logged_in[username] = v.context.storage_state()
        opened.append(v)
        return v

    yield make
    for v in opened:
        v.close()
