"""Downloading a photo a person sent as a URL (Zalo): bounded, and only from public addresses.

A URL comes from the platform but points anywhere, so the download is guarded: https only, every
address the host resolves to must be public (no loopback, private, link-local or reserved
target, which would let a message reach the bot's own network), the connection goes to the
address that was checked (a second DNS answer cannot swap it), redirects are followed by hand and
checked the same way, the body stops being read past the size limit, and the whole download has
a time limit. Tests against a local emulator allow private addresses and plain http.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from typing import Final
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from bot.channel import DownloadFailed
from locales import N_
from storage.evidence import EvidenceRejected

MAX_REDIRECTS: Final = 3

Resolver = Callable[[str, int], Awaitable[list[str]]]


class PhotoTooLarge(EvidenceRejected):
    """The photo behind a URL is larger than the limit."""

    message = N_("This photo is larger than the limit of {limit} MB. Please send a smaller one.")


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def is_public(address: str) -> bool:
    """Whether an address is a public one (an IPv4-mapped IPv6 address is judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class UrlFetcher:
    """Fetches the bytes behind a photo URL, or raises :class:`DownloadFailed` (retryable when a
    new try may succeed) or :class:`PhotoTooLarge`."""

    def __init__(
        self,
        max_bytes: int,
        timeout: float,
        *,
        allow_private: bool = False,
        allow_http: bool | None = None,
        client: httpx.AsyncClient | None = None,
        resolver: Resolver = resolve,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.allow_private = allow_private
        #: plain http too (None: when private addresses are allowed, as against an emulator)
        self.allow_http = allow_http
        self.client = client or httpx.AsyncClient(timeout=timeout, follow_redirects=False)
        self.resolver = resolver

    async def close(self) -> None:
        """Close the connections."""
        await self.client.aclose()

    async def fetch(self, url: str) -> bytes:
        """The body at ``url``, following at most three redirects."""
        try:
            async with asyncio.timeout(self.timeout):
                for _hop in range(MAX_REDIRECTS + 1):
                    target, headers, extensions = await self._pinned(url)
                    request = self.client.build_request(
                        "GET", target, headers=headers, extensions=extensions
                    )
                    response = await self.client.send(request, stream=True)
                    try:
                        location = response.headers.get("location")
                        if response.is_redirect and location:
                            url = urljoin(url, location)
                            continue
                        return await self._body(response)
                    finally:
                        await response.aclose()
        except TimeoutError as error:
            raise DownloadFailed(f"no answer within {self.timeout:g} s") from error
        except httpx.HTTPError as error:  # the message of a connection error names no secret
            raise DownloadFailed(f"{type(error).__name__}: {error}") from error
        raise DownloadFailed("too many redirects", retryable=False)

    async def _pinned(self, url: str) -> tuple[str, dict[str, str], dict[str, object]]:
        """The URL rewritten to the checked address, with the Host header and TLS name kept."""
        parts = urlsplit(url)
        plain = self.allow_private if self.allow_http is None else self.allow_http
        allowed = {"https", "http"} if plain else {"https"}
        if parts.scheme not in allowed or not parts.hostname:
            raise DownloadFailed(f"not an https URL: {parts.scheme}://", retryable=False)
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = await self.resolver(host, port)
        except OSError as error:
            raise DownloadFailed(f"cannot resolve {host}: {error}") from error
        if not addresses:
            raise DownloadFailed(f"cannot resolve {host}")
        if not self.allow_private:
            refused = [a for a in addresses if not is_public(a)]
            if refused:
                raise DownloadFailed(
                    f"{host} resolves to a non-public address {refused[0]}", retryable=False
                )
        address = addresses[0]
        shown = f"[{address}]" if ":" in address else address
        pinned = urlunsplit((parts.scheme, f"{shown}:{port}", parts.path, parts.query, ""))
        host_header = host if parts.port is None else f"{host}:{parts.port}"
        return pinned, {"Host": host_header}, {"sni_hostname": host}

    async def _body(self, response: httpx.Response) -> bytes:
        if response.status_code >= 400:
            retryable = response.status_code >= 500 or response.status_code in {408, 429}
            raise DownloadFailed(f"HTTP {response.status_code}", retryable=retryable)
        limit = round(self.max_bytes / 1_000_000)
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            raise PhotoTooLarge(limit=limit)
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > self.max_bytes:  # stop reading: the rest is never downloaded
                raise PhotoTooLarge(limit=limit)
            chunks.append(chunk)
        return b"".join(chunks)
