"""Fetching a release from the web: http(s) only, bounded in size and time.

With `allow_private=False` (the bot's /add) no request reaches a loopback,
private, link-local, multicast or reserved address: every connection, the
first and each redirect's, is checked against the address actually connected
to, so a name that resolves differently the second time gains nothing. When
a proxy makes the connection instead, the address the name resolves to is
checked.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from .errors import FetchError

MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT = 20.0
USER_AGENT = "citebot/0.1 (+https://github.com/citebot)"
PRIVATE_OVERRIDE = "CITEBOT_ALLOW_PRIVATE_URLS=1"


def address_refusal(address: str) -> str | None:
    """Why `address` may not be fetched from (e.g. "a loopback address"), or None when it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, test in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} address"
    if not ip.is_global:
        return "not a public address"
    return None


def _refuse(host: str, address: str, reason: str) -> FetchError:
    shown = host if host == address else f"{host} ({address})"
    return FetchError(f"refused to fetch from {shown}: {reason}; set {PRIVATE_OVERRIDE} to allow private addresses")


def _check_name(host: str, port: int) -> None:
    """Refuse a host name any of whose addresses is not public (used where a proxy connects for us)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as e:
        raise FetchError(f"cannot fetch from {host}: {e.strerror or e}") from None
    for info in infos:
        address = str(info[4][0])
        reason = address_refusal(address)
        if reason:
            raise _refuse(host, address, reason)


def _proxy_hosts() -> set[str]:
    return {urllib.parse.urlparse(p).hostname or "" for p in urllib.request.getproxies().values()}


def _guarded(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
    """`base` whose sockets are checked, once connected, against the address they reached."""

    class Guarded(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - http.client's own
            super().__init__(*args, **kwargs)
            self._create_connection = self._connect_checked

        def _connect_checked(self, address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT,  # noqa: ANN001
                             source_address=None) -> socket.socket:
            sock = socket.create_connection(address, timeout, source_address)
            try:
                if self.host in _proxy_hosts():  # a proxy connects: check where the name leads
                    if self._tunnel_host:
                        _check_name(self._tunnel_host, self._tunnel_port or 443)
                else:
                    peer = str(sock.getpeername()[0])
                    reason = address_refusal(peer)
                    if reason:
                        raise _refuse(self.host, peer, reason)
            except BaseException:
                sock.close()
                raise
            return sock

    Guarded.__name__ = f"Guarded{base.__name__}"
    return Guarded


class _GuardedHTTP(urllib.request.HTTPHandler):
    def http_open(self, req):  # noqa: ANN001, ANN201 - urllib's names
        return self.do_open(_guarded(http.client.HTTPConnection), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req):  # noqa: ANN001, ANN201
        return self.do_open(_guarded(http.client.HTTPSConnection), req, context=self._context)


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        parts = urllib.parse.urlparse(newurl)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"refused a redirect to {newurl!r}: only http(s) is allowed")
        if not self.allow_private and parts.hostname and _proxy_hosts() - {""} and \
                not urllib.request.proxy_bypass(parts.hostname):
            _check_name(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, max_bytes: int = MAX_DOWNLOAD_BYTES, timeout: float = FETCH_TIMEOUT,
          allow_private: bool = True) -> tuple[bytes, str, str]:
    """Download `url`.

    Args:
        url: An http(s) URL.
        max_bytes: Largest body accepted.
        timeout: Seconds for the whole download.
        allow_private: Whether loopback, private, link-local, multicast and
            reserved addresses may be reached (the CLI: yes; the bot: no, unless
            CITEBOT_ALLOW_PRIVATE_URLS=1).

    Returns:
        (body, content type, final URL).

    Raises:
        FetchError: Not http(s), a refused address, unreachable, an HTTP error,
            slower than `timeout` seconds in all, or larger than `max_bytes`.
    """
    parts = urllib.parse.urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url!r}")
    deadline = time.monotonic() + timeout
    handlers: list[urllib.request.BaseHandler] = [_SafeRedirects(allow_private)]
    if not allow_private:
        handlers += [_GuardedHTTP(), _GuardedHTTPS()]
        if parts.hostname and _proxy_hosts() - {""} and not urllib.request.proxy_bypass(parts.hostname) \
                and parts.scheme == "http":
            _check_name(parts.hostname, parts.port or 80)  # a plain-http proxy connects for us
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url} is too large ({int(length):,} bytes; the limit is {max_bytes:,})")
            # Read in pieces against one deadline for the whole download: a
            # server dripping a byte at a time must not hold us past `timeout`.
            chunks: list[bytes] = []
            size = 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"cannot fetch {url}: took longer than {timeout:g} s")
                chunk = response.read1(65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is too large (over {max_bytes:,} bytes)")
            return b"".join(chunks), response.headers.get_content_type(), response.geturl()
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as e:
        reason = getattr(e, "reason", None) or e
        if isinstance(reason, FetchError):
            raise reason from None
        raise FetchError(f"cannot fetch {url}: {reason}") from None
