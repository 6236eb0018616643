"""A real browser (Debian's headless Chromium) on the running server: record, entity, SPARQL pages.

Chromium is driven over the DevTools protocol through a pipe (``--remote-debugging-pipe``), so
no driver package is needed. Screenshots go to ``output/screenshots/``.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "serve"
SHOTS = ROOT / "output" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                 "(apt-get install chromium)")]


class Browser:
    """Just enough of the DevTools protocol: open a page, evaluate, wait for loads, screenshot."""

    def __init__(self, profile: Path) -> None:
        cmd_r, self._cmd_w = os.pipe()
        self._resp_r, resp_w = os.pipe()

        def fds() -> None:  # Chromium reads commands on fd 3 and answers on fd 4
            os.dup2(cmd_r, 3)
            os.dup2(resp_w, 4)

        self.proc = subprocess.Popen(
            [str(CHROMIUM), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             "--window-size=1280,1400", "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(cmd_r)
        os.close(resp_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buf:
            chunk = os.read(self._resp_r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        msg, _, self._buf = self._buf.partition(b"\0")
        return json.loads(msg)

    def call(self, method: str, params: dict[str, Any] | None = None, session: bool = False) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self._cmd_w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(e.get("method") == event for e in self.events):
                self.events.clear()
                return
            self.events.append(self._read())
        raise TimeoutError(event)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.call("Browser.close")
        self.proc.wait(10)
        os.close(self._cmd_w)
        os.close(self._resp_r)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import sys; from pathlib import Path; from archivekg.serve import run_serve; "
            "run_serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]), workers=1, query_processes=1, timeout=5)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(DATA), str(port)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if requests.get(url + "/health", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium"))
    yield b
    b.close()


def test_record_page(server: str, browser: Browser) -> None:
    browser.open(server + "/doc/document/118180")
    assert browser.js("document.querySelector('h1').textContent").startswith("Cable from the Xinjiang")
    marks = browser.js("Array.from(document.querySelectorAll('.text mark a')).map(a => a.textContent)")
    assert any("around 2,000" in m for m in marks)
    assert browser.js("document.documentElement.lang") == "en"
    unlabeled = browser.js("Array.from(document.querySelectorAll('input,textarea,select'))"
                           ".filter(i => !(i.labels && i.labels.length) && !i.getAttribute('aria-label')).length")
    assert unlabeled == 0
    browser.screenshot(SHOTS / "record.png")
    assert (SHOTS / "record.png").stat().st_size > 10_000


def test_entity_page_with_map_and_timeline(server: str, browser: Browser) -> None:
    browser.open(server + "/doc/place/tacheng-county")
    assert browser.js("document.querySelectorAll('svg.map circle').length") >= 2
    assert browser.js("document.querySelectorAll('svg.timeline .mark').length") >= 2
    # Drawn in the page: the map has a real size and nothing came from another host.
    assert browser.js("document.querySelector('svg.map').getBoundingClientRect().height") > 150
    hosts = browser.js("performance.getEntriesByType('resource').map(r => new URL(r.name).host)")
    assert all(h == server.split("//")[1] for h in hosts)
    assert "Wikidata Q1338591" in browser.js("document.body.innerText")
    browser.screenshot(SHOTS / "entity.png")


def test_running_a_query_on_the_sparql_page(server: str, browser: Browser) -> None:
    browser.open(server + "/sparql")
    query = ("SELECT ?place ?label WHERE { ?place a <http://www.cidoc-crm.org/cidoc-crm/E53_Place> ; "
             "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label")
    browser.js(f"document.getElementById('query').value = {json.dumps(query)}")
    browser.events.clear()
    browser.js("document.getElementById('run').click()")
    browser.wait_for("Page.loadEventFired")
    cells = browser.js("Array.from(document.querySelectorAll('#results td')).map(td => td.textContent)")
    assert "Tacheng County" in cells and "Soviet Union" in cells
    browser.screenshot(SHOTS / "sparql.png")


def test_timeline_and_map_pages(server: str, browser: Browser) -> None:
    browser.open(server + "/timeline?year=1962")
    assert browser.js("document.querySelectorAll('svg.timeline .mark').length") >= 3
    browser.screenshot(SHOTS / "timeline.png")
    browser.open(server + "/map")
    assert browser.js("document.querySelectorAll('svg.map circle').length") == 3
    browser.screenshot(SHOTS / "map.png")
