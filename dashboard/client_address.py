"""Which client a session belongs to: the address every per-client limit is counted on.

The address is the WebSocket's peer, unless that peer is a **trusted proxy**: then the
proxy's ``X-Forwarded-For`` header is read from the right (each proxy appends the address
it saw), skipping trusted proxies, and the first other address is the client. Entries a
client wrote into the header itself sit further left and are never reached, so the header
cannot be forged through the proxy, and a client talking to the app directly is never
believed at all.

Trusted proxies are configured in ``IMC_TRUSTED_PROXIES``: comma-separated addresses,
networks (``172.16.0.0/12``) or host names (``nginx``, the compose service; looked up again
every minute, since a container's address changes when it restarts). Empty: no proxy is
trusted. docs/operations.md "Client addresses behind a proxy".

An IPv6 client is counted per ``/64`` network (one home or phone holds a whole ``/64``
and can pick a fresh address in it at will).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

TRUSTED_PROXIES_ENV = "IMC_TRUSTED_PROXIES"
LOOPBACK = "127.0.0.1"  # Streamlit reports no address for a loopback connection
NAME_TTL_SECONDS = 60.0
IPV6_PREFIX = 64

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_address(text: str) -> Address | None:
    """An IP address from a header entry (``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``), or ``None``."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has several colons
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def client_key(address: Address) -> str:
    """The text a client is counted under: the IPv4 address, or the IPv6 ``/64`` network."""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))
    return str(address)


def _resolve(name: str) -> frozenset[Address]:
    try:
        infos = socket.getaddrinfo(name, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return frozenset()
    found = (parse_address(str(info[4][0])) for info in infos)
    return frozenset(a for a in found if a is not None)


@dataclass
class TrustedProxies:
    """The proxies whose ``X-Forwarded-For`` is believed.

    Parameters
    ----------
    networks : tuple of ip_network
        Addresses (as ``/32`` or ``/128`` networks) and networks.
    names : tuple of str
        Host names, resolved with ``resolve`` at most every :data:`NAME_TTL_SECONDS`.
    """

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    names: tuple[str, ...] = ()
    resolve: Callable[[str], frozenset[Address]] = _resolve
    clock: Callable[[], float] = time.monotonic
    _resolved: dict[str, tuple[float, frozenset[Address]]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def parse(cls, value: str, **kwargs) -> TrustedProxies:
        """From ``IMC_TRUSTED_PROXIES`` text: ``"nginx"``, ``"10.0.0.5, 172.16.0.0/12"``, ``""`` (none)."""
        networks, names = [], []
        for item in (part.strip() for part in value.replace(";", ",").split(",")):
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                names.append(item)
        return cls(tuple(networks), tuple(names), **kwargs)

    def __bool__(self) -> bool:
        return bool(self.networks or self.names)

    def _named(self) -> Iterable[Address]:
        now = self.clock()
        for name in self.names:
            with self._lock:
                cached = self._resolved.get(name)
            if cached is None or now - cached[0] > NAME_TTL_SECONDS:
                cached = (now, self.resolve(name))
                with self._lock:
                    self._resolved[name] = cached
            yield from cached[1]

    def __contains__(self, address: Address) -> bool:
        if any(address in network for network in self.networks if network.version == address.version):
            return True
        return bool(self.names) and address in set(self._named())


def resolve_client(peer: str | None, forwarded_for: Iterable[str], trusted: TrustedProxies) -> str:
    """The client address of a connection, as the key limits are counted under.

    Parameters
    ----------
    peer : str or None
        The connection's peer address (``None``: loopback).
    forwarded_for : iterable of str
        The ``X-Forwarded-For`` header values, in the order received.
    trusted : TrustedProxies
        The proxies whose header is believed.
    """
    current = parse_address(peer) if peer else ipaddress.ip_address(LOOPBACK)
    if current is None:
        return str(peer)[:64]
    entries = [entry for value in forwarded_for for entry in value.split(",")]
    while current in trusted and entries:
        hop = parse_address(entries.pop())
        if hop is None:  # garbage a client wrote into the header: stop at the last real hop
            break
        current = hop
    return client_key(current)


_trusted_cache: dict[str, TrustedProxies] = {}


def trusted_proxies() -> TrustedProxies:
    """The trusted proxies configured in ``IMC_TRUSTED_PROXIES`` (parsed once per value)."""
    value = os.environ.get(TRUSTED_PROXIES_ENV, "")
    if value not in _trusted_cache:
        _trusted_cache[value] = TrustedProxies.parse(value)
    return _trusted_cache[value]


def client_address() -> str:
    """The current session's client address (``st.context``; loopback when there is none)."""
    import streamlit as st

    peer = st.context.ip_address
    peer = peer if isinstance(peer, str) else None  # AppTest and bare runs have no connection
    return resolve_client(peer, st.context.headers.get_all("X-Forwarded-For"), trusted_proxies())
