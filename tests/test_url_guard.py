"""What the bot may fetch: public addresses only, on every redirect hop, checked against the
address actually connected to, unless CITEBOT_ALLOW_PRIVATE_URLS=1; the CLI may fetch any."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from bot.telegram_config import BotConfig
from retrieval import Engine, FetchError, Settings
from retrieval import webfetch
from retrieval.webfetch import address_refusal, fetch

from .fake_bot_api import FakeBotAPI, start_citebot
from .telegram_support import api, logs_reach_caplog  # noqa: F401 - fixtures

ADMIN = 99
PAGE = (b"<html><head><title>Council budget</title></head><body><article><h1>Council budget</h1>"
        b"<p>The council froze the fees for school meals for another year, the cabinet decided today.</p>"
        b"</article></body></html>")
OVERRIDE = "set CITEBOT_ALLOW_PRIVATE_URLS=1 to allow private addresses"


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.10", "a private address"),
        ("169.254.169.254", "a link-local address"),  # the cloud metadata service
        ("fe80::1", "a link-local address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "not a public address"),  # shared address space (carrier-grade NAT)
        ("fd00::1", "a private address"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_refusal(address: str, refusal: str | None) -> None:
    assert address_refusal(address) == refusal


class _Pages(BaseHTTPRequestHandler):
    hits: list[str] = []
    redirect_to = ""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.hits.append(f"{self.server.server_address[0]}{self.path}")
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


def _serve(host: str) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer((host, 0), _Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


@pytest.fixture
def pages() -> Iterator[tuple[str, str]]:
    """Two local sites: 127.0.0.1 and 127.0.0.2."""
    _Pages.hits = []
    first, first_url = _serve("127.0.0.1")
    second, second_url = _serve("127.0.0.2")
    yield first_url, second_url
    for server in (first, second):
        server.shutdown()
        server.server_close()


def test_private_addresses_are_refused_unless_allowed(pages: tuple[str, str]) -> None:
    url = pages[0] + "/release"
    port = url.split(":")[2].split("/")[0]
    with pytest.raises(FetchError) as refused:
        fetch(url, allow_private=False)
    assert str(refused.value) == f"refused to fetch from 127.0.0.1: a loopback address; {OVERRIDE}"
    with pytest.raises(FetchError) as refused:
        fetch(f"http://localhost:{port}/release", allow_private=False)
    assert str(refused.value) == f"refused to fetch from localhost (127.0.0.1): a loopback address; {OVERRIDE}"
    assert _Pages.hits == []  # refused before a request was sent
    body, _, _ = fetch(url, allow_private=True)  # the CLI's default
    assert body == PAGE


def test_every_redirect_hop_is_checked(pages: tuple[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = pages
    # Let 127.0.0.1 stand in for a public site; everything else is checked as usual.
    real = webfetch.address_refusal
    monkeypatch.setattr(webfetch, "address_refusal", lambda a: None if a == "127.0.0.1" else real(a))
    _Pages.redirect_to = second + "/internal"
    with pytest.raises(FetchError) as refused:
        fetch(first + "/moved", allow_private=False)
    assert str(refused.value) == f"refused to fetch from 127.0.0.2: a loopback address; {OVERRIDE}"
    assert _Pages.hits == ["127.0.0.1/moved"]  # the redirect's target never saw a request
    _Pages.redirect_to = first + "/release"
    assert fetch(first + "/moved", allow_private=False)[0] == PAGE


def test_the_address_connected_to_is_checked_not_an_earlier_lookup(pages: tuple[str, str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    port = int(pages[0].rsplit(":", 1)[1])
    real = socket.getaddrinfo
    lookups: list[str] = []

    def rebinding(host, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - socket's signature
        if host == "news.example.org":  # a name that resolves to a loopback address when connected to
            lookups.append(host)
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with pytest.raises(FetchError) as refused:
        fetch(f"http://news.example.org:{port}/release", allow_private=False)
    assert str(refused.value) == (f"refused to fetch from news.example.org (127.0.0.1): a loopback address; "
                                  f"{OVERRIDE}")
    assert lookups and _Pages.hits == []


def test_the_override_comes_from_the_environment() -> None:
    assert BotConfig.from_env({}).allow_private_urls is False
    assert BotConfig.from_env({"CITEBOT_ALLOW_PRIVATE_URLS": "1"}).allow_private_urls is True
    assert BotConfig.from_env({"CITEBOT_ALLOW_PRIVATE_URLS": "0"}).allow_private_urls is False


def test_bot_add_refuses_a_private_address_and_the_override_allows_it(api: FakeBotAPI,  # noqa: F811
                                                                       pages: tuple[str, str],
                                                                       seed_engine: Engine,
                                                                       seed_settings: Settings) -> None:
    url = pages[0] + "/release"
    corpus: Path = seed_settings.corpus[0]
    files = sorted(p.name for p in corpus.iterdir())
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN})):
        api.message(ADMIN, f"/add {url}", user_id=ADMIN)
        [edit] = api.wait_calls("editMessageText", 1, timeout=20)
    assert edit.params["text"] == f"Not added: refused to fetch from 127.0.0.1: a loopback address; {OVERRIDE}"
    assert sorted(p.name for p in corpus.iterdir()) == files and _Pages.hits == []
    with start_citebot(api, seed_settings, admins=frozenset({ADMIN}), allow_private_urls=True):
        api.message(ADMIN, f"/add {url} Example Council", user_id=ADMIN)
        [_, edit] = api.wait_calls("editMessageText", 2, timeout=20)
        assert edit.params["text"].startswith("Added and indexed:\n<b>Council budget</b>\nExample Council, undated")
        api.message(ADMIN, f"/add {url}", user_id=ADMIN)
        [*_, again] = api.wait_calls("editMessageText", 3, timeout=20)
    assert again.params["text"] == ("Already in the corpus as <code>council-budget.md</code>; nothing changed.")
