"""The client address limits are counted on: X-Forwarded-For believed only from a trusted proxy."""

from __future__ import annotations

import ipaddress

import pytest

from dashboard.client_address import TrustedProxies, resolve_client

NGINX = "172.18.0.5"
NONE = TrustedProxies.parse("")


def test_without_a_trusted_proxy_the_peer_is_the_client_whatever_it_claims():
    assert resolve_client("203.0.113.7", ["10.9.9.9"], NONE) == "203.0.113.7"
    assert resolve_client("203.0.113.7", ["10.9.9.9"], TrustedProxies.parse(NGINX)) == "203.0.113.7"


def test_through_the_trusted_proxy_the_address_it_appended_is_the_client():
    trusted = TrustedProxies.parse(NGINX)
    # nginx appends the address it saw ($proxy_add_x_forwarded_for) to whatever the client sent.
    assert resolve_client(NGINX, ["203.0.113.7"], trusted) == "203.0.113.7"
    assert resolve_client(NGINX, ["10.9.9.9, 203.0.113.7"], trusted) == "203.0.113.7"  # forged entry ignored
    assert resolve_client(NGINX, ["10.9.9.9", "203.0.113.7"], trusted) == "203.0.113.7"  # repeated header
    assert resolve_client(NGINX, [], trusted) == NGINX  # no header: the proxy itself


def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    trusted = TrustedProxies.parse(f"{NGINX}, 10.0.0.0/8")  # a load balancer in front of nginx
    assert resolve_client(NGINX, ["198.51.100.2, 10.1.2.3"], trusted) == "198.51.100.2"
    assert resolve_client(NGINX, ["10.9.9.9, 10.1.2.3"], trusted) == "10.9.9.9"  # all trusted: the first


def test_garbage_in_the_header_stops_the_walk():
    trusted = TrustedProxies.parse("127.0.0.1")
    assert resolve_client(None, ["<script>, 127.0.0.1"], trusted) == "127.0.0.1"
    assert resolve_client(None, ["127.0.0.2:5555"], trusted) == "127.0.0.2"  # a port is dropped


def test_loopback_and_address_forms():
    assert resolve_client(None, [], NONE) == "127.0.0.1"  # Streamlit reports no address for loopback
    assert resolve_client("::ffff:203.0.113.7", [], NONE) == "203.0.113.7"
    # One IPv6 home or phone holds a whole /64: counted as one client.
    assert resolve_client("2001:db8:1:2::1", [], NONE) == resolve_client("2001:db8:1:2:ffff::9", [], NONE)
    assert resolve_client("2001:db8:1:2::1", [], NONE) == "2001:db8:1:2::/64"
    assert resolve_client("2001:db8:1:3::1", [], NONE) != "2001:db8:1:2::/64"
    trusted = TrustedProxies.parse("::1")
    assert resolve_client("::1", ["[2001:db8::7]:443"], trusted) == "2001:db8::/64"


def test_a_proxy_named_by_host_name_is_looked_up_again_after_a_minute():
    now = [0.0]
    addresses = {"nginx": {ipaddress.ip_address(NGINX)}}
    trusted = TrustedProxies.parse(
        "nginx", resolve=lambda name: frozenset(addresses.get(name, ())), clock=lambda: now[0]
    )
    assert resolve_client(NGINX, ["203.0.113.7"], trusted) == "203.0.113.7"
    addresses["nginx"] = {ipaddress.ip_address("172.18.0.9")}  # nginx restarted with a new address
    now[0] = 30.0
    assert resolve_client("172.18.0.9", ["203.0.113.7"], trusted) == "172.18.0.9"  # still the old answer
    now[0] = 61.0
    assert resolve_client("172.18.0.9", ["203.0.113.7"], trusted) == "203.0.113.7"
    assert resolve_client(NGINX, ["203.0.113.7"], trusted) == NGINX  # the old address is no longer trusted


@pytest.mark.parametrize("value", ["", " , ", ";"])
def test_an_empty_setting_trusts_nobody(value):
    assert not TrustedProxies.parse(value)
    assert resolve_client("127.0.0.1", ["203.0.113.7"], TrustedProxies.parse(value)) == "127.0.0.1"
