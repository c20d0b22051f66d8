"""strongswan.conf, swanctl.conf and bgpd.conf for one namespace of the lab."""

# Plugins: crypto (openssl first, then the built-in ones as fallbacks), kernel-libipsec for
# userspace ESP on a TUN device (kernel ESP is not available here), kernel-netlink for
# addresses and routes, vici for swanctl. Source: strongSwan docs, "Plugin list" and
# "kernel-libipsec" (libipsec ESP is always UDP-encapsulated, hence encap = yes below).
PLUGINS = ("random nonce openssl aes sha1 sha2 md5 hmac gcm gmp curve25519 kdf pem pkcs1 pubkey x509 "
           "kernel-libipsec kernel-netlink socket-default vici")


def strongswan_conf(vici_socket, log_path):
    return """charon {
    load_modular = no
    load = %(plugins)s
    install_routes = no
    install_virtual_ip = no
    # scaled IKE retransmissions: a dead peer is declared after ~7 s (1 + 1.4 + 1.96 + 2.74) instead of ~165 s
    retransmit_tries = 3
    retransmit_timeout = 1.0
    retransmit_base = 1.4
    plugins {
        vici {
            socket = unix://%(vici)s
        }
    }
    filelog {
        lab {
            path = %(log)s
            time_format = %%s
            ike_name = yes
            append = yes
            default = 1
            ike = 1
            cfg = 1
            knl = 2
            net = 0
            enc = 0
            flush_line = yes
        }
    }
    syslog {
        daemon {
            default = -1
        }
    }
}
swanctl {
    socket = unix://%(vici)s
}
""" % {"plugins": PLUGINS, "vici": vici_socket, "log": log_path}


def _list(values):
    return ",".join(values)


def swanctl_conf(ns, topo, timing):
    """One connection per tunnel ending in this namespace, named after the tunnel key."""
    from lab.stack import _rekey
    ike_factor, child_factor = timing.factors(topo)
    out = ["connections {"]
    secrets = ["secrets {"]
    for tunnel in ns.tunnels:
        oci = ns.cloud == "oci"
        side = tunnel.oci_crypto if oci else tunnel.azure_crypto
        peer = tunnel.azure_crypto if oci else tunnel.oci_crypto
        local, remote = (tunnel.oci_public, tunnel.azure_public) if oci else (tunnel.azure_public, tunnel.oci_public)
        local_ts, remote_ts = tunnel.oci_ts if oci else tunnel.azure_ts
        ike_rekey, ike_life = _rekey(side.ike_lifetime, ike_factor)
        child_rekey, child_life = _rekey(side.child_lifetime, child_factor)
        # The side with the shorter phase-two lifetime starts the rekeys (field facts 4) and so
        # proposes its initiator list; the other side answers with its responder list.
        child_initiator = oci or side.child_lifetime < peer.child_lifetime
        name = "t-" + tunnel.key
        out.append("""    %(name)s {
        version = 2
        local_addrs = %(local)s
        remote_addrs = %(remote)s
        encap = yes
        mobike = no
        proposals = %(ike)s
        rekey_time = %(ike_rekey)ds
        over_time = %(ike_over)ds
        rand_time = 0s
        dpd_delay = %(dpd)ds
        keyingtries = 0
        local {
            auth = psk
            id = %(local)s
        }
        remote {
            auth = psk
            id = %(remote)s
        }
        children {
            %(name)s {
                mode = tunnel
                local_ts = %(local_ts)s
                remote_ts = %(remote_ts)s
                esp_proposals = %(esp)s
                rekey_time = %(child_rekey)ds
                life_time = %(child_life)ds
                rand_time = 0s
                start_action = %(start)s
                dpd_action = %(dpd_action)s
                close_action = %(close)s
            }
        }
    }""" % {"name": name, "local": local, "remote": remote, "ike": _list(side.ike_proposals),
            "ike_rekey": ike_rekey, "ike_over": ike_life - ike_rekey, "dpd": timing.dpd_delay,
            "local_ts": _list(local_ts), "remote_ts": _list(remote_ts),
            "esp": _list(side.esp_proposals(child_initiator)),
            "child_rekey": child_rekey, "child_life": child_life,
            # OCI initiates and re-initiates after a dead peer; the Azure side responds
            "start": "start" if oci else "none", "dpd_action": "restart" if oci else "clear",
            "close": "start" if oci else "none"})
        secrets.append("""    ike-%s {
        id-1 = %s
        id-2 = %s
        secret = "%s"
    }""" % (tunnel.key, local, remote, tunnel.psk))
    out.append("}")
    secrets.append("}")
    return "\n".join(out + secrets) + "\n"


def bgpd_conf(ns, timing, log_path):
    bgp = ns.bgp
    # neighbor-events logs why an OPEN was refused ("bad OPEN, remote AS is ..., expected ...")
    lines = ["hostname %s" % ns.key, "log file %s" % log_path, "debug bgp neighbor-events", "!",
             "router bgp %d" % bgp["asn"],
             " bgp router-id %s" % bgp["router_id"],
             # the clouds apply no inbound/outbound policy to these sessions
             " no bgp ebgp-requires-policy",
             " no bgp network import-check",
             " bgp bestpath as-path multipath-relax",
             " timers bgp %d %d" % (timing.keepalive, timing.hold)]
    for nb in bgp["neighbors"]:
        lines.append(" neighbor %s remote-as %d" % (nb["address"], nb["remote_as"]))
        lines.append(" neighbor %s timers connect %d" % (nb["address"], timing.connect_retry))
        if nb["source"]:
            # VPN: inside addresses are /32s on lo, reached through ipsec0
            lines.append(" neighbor %s update-source %s" % (nb["address"], nb["source"]))
            lines.append(" neighbor %s disable-connected-check" % nb["address"])
        if bgp["passive"]:
            lines.append(" neighbor %s passive" % nb["address"])
    lines.append(" address-family ipv4 unicast")
    for network in bgp["networks"]:
        lines.append("  network %s" % network)
    lines.append("  maximum-paths 8")
    lines.append("  maximum-paths ibgp 8")
    lines.append(" exit-address-family")
    lines.append("!")
    return "\n".join(lines) + "\n"
