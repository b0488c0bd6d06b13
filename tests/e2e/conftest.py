"""Browser tests: Playwright driving Debian's Chromium (its headless shell, as Playwright itself
runs headless Chromium: ADR 0020) against the live test server, with axe-core (from the npm
registry) run on every page visited and CSP violations treated as failures."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """async ({selectors}) => (await axe.run(document, {
      resultTypes: ['violations'], iframes: false, selectors, ancestry: false, xpath: false,
    })).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.help + ' -> ' + v.nodes.map(n => (n.target || []).join(' ')).slice(0, 3).join(' | '))"""
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium-headless-shell")  # or /usr/bin/chromium
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

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def new_context(browser, base_url: str):  # type: ignore[no-untyped-def]
    """A browser profile of its own (cookies, cache), with axe-core in every page it opens, put
    there as the page loads."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, locale="id-ID")
    context.add_init_script(path=str(AXE))
    return context


class UserBrowser:
    """One user's browser: cookies, cache, and the tabs that user closed, which later visits
    use again (a new tab costs Chromium a page of its own to set up, about half a CPU-second)."""

    def __init__(self, context) -> None:  # type: ignore[no-untyped-def]
        self.context = context
        self.idle: list = []  # type: ignore[type-arg]

    def tab(self):  # type: ignore[no-untyped-def]
        return self.idle.pop() if self.idle else self.context.new_page()

    def put_back(self, page) -> None:  # type: ignore[no-untyped-def]
        page.goto("about:blank")  # nothing left polling the server
        self.idle.append(page)


class Visitor:
    """One browser tab: log in, visit, and check each page with axe-core."""

    def __init__(self, page, *, width: int = 1280, on_close) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.context = page.context
        self.on_close = on_close
        self.page.set_viewport_size({"width": width, "height": 900})
        self.csp_errors: list[str] = []
        self.page.on("console", self._console)
        self.checked: list[str] = []
        self.closed = False

    def _console(self, msg) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in msg.text or "Refused to" in msg.text:
            self.csp_errors.append(msg.text)

    def goto(self, path: str):  # type: ignore[no-untyped-def]
        response = self.page.goto(path)
        self.axe()
        return response

    def axe(self) -> None:
        """No serious or critical accessibility violation on the current page, and no CSP violation.

        The page's frames only ever show PDFs (a generated document, an upload), which axe cannot
        read: `iframes: false` checks the frame elements (their titles) in the page and spares
        axe the half second it waits for an answer from each frame. Elements are named (CSS
        selectors) only in a second run, when there is a violation to name."""
        found = self.page.evaluate(AXE_RUN, {"selectors": False})
        if found:
            found = self.page.evaluate(AXE_RUN, {"selectors": True})
        assert found == [], f"axe on {self.page.url}: {found}"
        assert self.csp_errors == [], self.csp_errors
        self.checked.append(self.page.url)

    def login(self, username: str, password: str = "demo12345") -> None:
        self.goto("/akun/masuk/")
        self.page.get_by_label("Nama pengguna").fill(username)
        self.page.get_by_label("Kata sandi").fill(password)
        self.page.get_by_role("button", name="Masuk").click()
        self.page.wait_for_load_state()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.page.remove_listener("console", self._console)
            self.on_close(self.page)


@pytest.fixture
def visit(browser, live_server, users):  # type: ignore[no-untyped-def]
    """A tab in `username`'s browser, logged in (through the login page the first time in a
    test; after that the tab shares the cookies and cache of that user's earlier tabs, as a
    returning user's browser would). Without a username, a tab in a browser of its own that
    nobody has logged in to."""
    browsers: dict[str, UserBrowser] = {}
    anonymous: list = []  # type: ignore[type-arg]

    def make(username: str | None = None, *, width: int = 1280) -> Visitor:
        if username is None:
            context = new_context(browser, live_server.url)
            anonymous.append(context)
            return Visitor(context.new_page(), width=width, on_close=lambda page: page.context.close())
        first = username not in browsers
        if first:
            browsers[username] = UserBrowser(new_context(browser, live_server.url))
        v = Visitor(browsers[username].tab(), width=width, on_close=browsers[username].put_back)
        if first:
            v.login(username)
        return v

    yield make
    for context in [*anonymous, *(b.context for b in browsers.values())]:
        context.close()
