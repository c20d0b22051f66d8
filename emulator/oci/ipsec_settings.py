"""The settings of an OCI IPSec tunnel, checked and turned from the shape the API writes into the
shape it reads (phaseOneConfig -> phaseOneDetails, dpdConfig -> dpdMode/dpdTimeoutInSec,
oracleInitiation -> oracleCanInitiate), and the IKE/IPSec parameters OCI allows. Pure: no store."""

import ipaddress
import re
import secrets
import string

from emulator import rules
from emulator.oci.common import check_cidr, check_display_name, check_enum, invalid, missing

DPD_TIMEOUT_RANGE = (15, 172800)              # OCI API: dpdTimeoutInSec 15-172800
ASN_MAX = 4294967295


def field_prefix(field):
    """Prefix for nested field names in error messages ("" at the top level)."""
    return field + "." if field else ""


def _canon_to_oci(canon_values, oci_names, table):
    reverse = {}
    for name in oci_names:
        reverse.setdefault(table[name], name)
    return [reverse[c] for c in canon_values if c in reverse]


def allowed_parameters():
    """AllowedIkeIPSecParameters, from the tables in rules.py."""
    p1, p2 = rules.OCI_DEFAULT_PHASE_ONE, rules.OCI_DEFAULT_PHASE_TWO
    return {
        "allowedPhaseOneParameters": {
            "encryptionAlgorithms": list(rules.OCI_PHASE_ONE_ENCRYPTION),
            "authenticationAlgorithms": list(rules.OCI_PHASE_ONE_AUTH),
            "dhGroups": list(rules.OCI_DH_GROUPS),
        },
        "allowedPhaseTwoParameters": {
            "encryptionAlgorithms": list(rules.OCI_PHASE_TWO_ENCRYPTION),
            "authenticationAlgorithms": list(rules.OCI_PHASE_TWO_AUTH),
            "pfsDhGroups": list(rules.OCI_DH_GROUPS),
        },
        "defaultPhaseOneParameters": {
            "defaultEncryptionAlgorithms": _canon_to_oci(p1["encryption"], rules.OCI_PHASE_ONE_ENCRYPTION,
                                                         rules.OCI_TO_CANON_ENC),
            "defaultAuthenticationAlgorithms": _canon_to_oci(p1["integrity"], rules.OCI_PHASE_ONE_AUTH,
                                                             rules.OCI_TO_CANON_INTEG),
            "defaultDhGroups": _canon_to_oci(p1["dh"], rules.OCI_DH_GROUPS, rules.OCI_TO_CANON_DH),
        },
        "defaultPhaseTwoParameters": {
            "defaultEncryptionAlgorithms": _canon_to_oci(p2["encryption"], rules.OCI_PHASE_TWO_ENCRYPTION,
                                                         rules.OCI_TO_CANON_ENC),
            "defaultAuthenticationAlgorithms": _canon_to_oci(p2["integrity"], rules.OCI_PHASE_TWO_AUTH,
                                                             rules.OCI_TO_CANON_INTEG),
            "defaultPfsDhGroup": rules.OCI_DEFAULT_PFS_GROUP,
        },
    }


# -- validation of tunnel settings (shared by create and update) ------------------------------------
def check_secret(secret, field):
    if not isinstance(secret, str) or not re.match(rules.OCI_SHARED_SECRET_PATTERN, secret):
        raise invalid(field, "the shared secret may contain only letters, digits and spaces (1-255 characters).")
    return secret


def generate_secret():
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(64))


def check_inside_pair(oracle_ip, customer_ip, field, required):
    """Inside tunnel addresses: CIDR notation, /30 or /31, both in the same block, distinct, and
    (for /30) neither the network nor the broadcast address."""
    if oracle_ip is None and customer_ip is None:
        if required:
            raise invalid(field, "BGP routing requires oracleInterfaceIp and customerInterfaceIp "
                                 "(a /30 or /31 pair).")
        return
    if oracle_ip is None or customer_ip is None:
        raise invalid(field, "oracleInterfaceIp and customerInterfaceIp must be given together.")
    parsed = []
    for name, value in (("oracleInterfaceIp", oracle_ip), ("customerInterfaceIp", customer_ip)):
        try:
            iface = ipaddress.IPv4Interface(value)
        except (ValueError, TypeError):
            raise invalid(field_prefix(field) + name, "%r is not an IPv4 address with prefix (e.g. 169.254.0.1/30)."
                          % (value,))
        if "/" not in str(value) or iface.network.prefixlen not in (30, 31):
            raise invalid(field_prefix(field) + name, "inside tunnel addresses must be a /30 or /31.")
        parsed.append(iface)
    oracle, customer = parsed
    if oracle.network != customer.network:
        raise invalid(field, "oracleInterfaceIp and customerInterfaceIp must be in the same /%d."
                      % oracle.network.prefixlen)
    if oracle.ip == customer.ip:
        raise invalid(field, "oracleInterfaceIp and customerInterfaceIp must differ.")
    if oracle.network.prefixlen == 30:
        for name, iface in (("oracleInterfaceIp", oracle), ("customerInterfaceIp", customer)):
            if iface.ip in (oracle.network.network_address, oracle.network.broadcast_address):
                raise invalid(field_prefix(field) + name, "%s is the network or broadcast address of its /30."
                              % iface.ip)


def check_asn(value, field):
    text = str(value)
    if not text.isdigit() or not 1 <= int(text) <= ASN_MAX:
        raise invalid(field, "%r is not an ASN (1-%d, asplain)." % (value, ASN_MAX))
    return text


def _lifetime(value, field):
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise invalid(field, "must be a positive number of seconds.")
    return value


def default_phase_one():
    return {"isCustomPhaseOneConfig": False, "lifetime": rules.OCI_PHASE_ONE_LIFETIME_DEFAULT,
            "customAuthenticationAlgorithm": None, "customEncryptionAlgorithm": None, "customDhGroup": None}


def default_phase_two():
    return {"isCustomPhaseTwoConfig": False, "lifetime": rules.OCI_PHASE_TWO_LIFETIME_DEFAULT,
            "customAuthenticationAlgorithm": None, "customEncryptionAlgorithm": None,
            "isPfsEnabled": True, "dhGroup": rules.OCI_DEFAULT_PFS_GROUP}


def phase_one_details(config, field, current=None):
    """PhaseOneConfigDetails (write) -> TunnelPhaseOneDetails (read, the stored part)."""
    details = dict(current or default_phase_one())
    if config is None:
        return details
    custom = config.get("isCustomPhaseOneConfig", details["isCustomPhaseOneConfig"])
    details["isCustomPhaseOneConfig"] = bool(custom)
    lifetime = _lifetime(config.get("lifetimeInSeconds"), field_prefix(field) + "lifetimeInSeconds")
    if lifetime is not None:
        details["lifetime"] = lifetime
    if custom:
        for write_name, read_name, allowed in (
                ("authenticationAlgorithm", "customAuthenticationAlgorithm", rules.OCI_PHASE_ONE_AUTH),
                ("encryptionAlgorithm", "customEncryptionAlgorithm", rules.OCI_PHASE_ONE_ENCRYPTION),
                ("diffieHelmanGroup", "customDhGroup", rules.OCI_DH_GROUPS)):
            value = config.get(write_name, details.get(read_name))
            if value is None:
                raise missing("%s.%s" % (field, write_name))
            details[read_name] = check_enum(value, allowed, "%s.%s" % (field, write_name))
    else:
        details.update(customAuthenticationAlgorithm=None, customEncryptionAlgorithm=None, customDhGroup=None)
    return details


def phase_two_details(config, field, current=None):
    """PhaseTwoConfigDetails (write) -> TunnelPhaseTwoDetails (read, the stored part).

    PFS (isPfsEnabled, pfsDhGroup) applies with or without a custom phase two; OCI enables PFS
    with group 5 by default."""
    details = dict(current or default_phase_two())
    if config is None:
        return details
    custom = bool(config.get("isCustomPhaseTwoConfig", details["isCustomPhaseTwoConfig"]))
    details["isCustomPhaseTwoConfig"] = custom
    lifetime = _lifetime(config.get("lifetimeInSeconds"), field_prefix(field) + "lifetimeInSeconds")
    if lifetime is not None:
        details["lifetime"] = lifetime
    if custom:
        encryption = config.get("encryptionAlgorithm", details.get("customEncryptionAlgorithm"))
        if encryption is None:
            raise missing(field_prefix(field) + "encryptionAlgorithm")
        details["customEncryptionAlgorithm"] = check_enum(encryption, rules.OCI_PHASE_TWO_ENCRYPTION,
                                                          field_prefix(field) + "encryptionAlgorithm")
        authentication = config.get("authenticationAlgorithm", details.get("customAuthenticationAlgorithm"))
        if encryption.endswith("_GCM"):
            authentication = None        # GCM is authenticated encryption: no separate algorithm
        elif authentication is None:
            raise missing(field_prefix(field) + "authenticationAlgorithm")
        details["customAuthenticationAlgorithm"] = check_enum(authentication, rules.OCI_PHASE_TWO_AUTH,
                                                              field_prefix(field) + "authenticationAlgorithm")
    else:
        details.update(customAuthenticationAlgorithm=None, customEncryptionAlgorithm=None)
    if config.get("isPfsEnabled") is not None:
        details["isPfsEnabled"] = bool(config["isPfsEnabled"])
    if details["isPfsEnabled"]:
        group = config.get("pfsDhGroup") or details.get("dhGroup") or rules.OCI_DEFAULT_PFS_GROUP
        details["dhGroup"] = check_enum(group, rules.OCI_DH_GROUPS, field_prefix(field) + "pfsDhGroup")
    else:
        details["dhGroup"] = None
    return details


def apply_tunnel_settings(tunnel, config, field):
    """Validate ``config`` (CreateIPSecConnectionTunnelDetails / UpdateIPSecConnectionTunnelDetails)
    and apply it to the stored ``tunnel``. Only given fields change."""
    at = field_prefix(field)
    if config.get("displayName") is not None:
        tunnel["displayName"] = check_display_name(config["displayName"], at + "displayName")
    if config.get("routing") is not None:
        tunnel["routing"] = check_enum(config["routing"], rules.OCI_ROUTING, at + "routing")
    if config.get("ikeVersion") is not None:
        tunnel["ikeVersion"] = check_enum(config["ikeVersion"], rules.OCI_IKE_VERSIONS, at + "ikeVersion")
    if config.get("oracleInitiation") is not None:
        tunnel["oracleCanInitiate"] = check_enum(config["oracleInitiation"], rules.OCI_ORACLE_INITIATION,
                                                 at + "oracleInitiation")
    if config.get("natTranslationEnabled") is not None:
        tunnel["natTranslationEnabled"] = check_enum(config["natTranslationEnabled"], rules.OCI_NAT_TRANSLATION,
                                                     at + "natTranslationEnabled")
    apply_dpd(tunnel, config.get("dpdConfig"), at + "dpdConfig")
    tunnel["phaseOneDetails"] = phase_one_details(config.get("phaseOneConfig"), at + "phaseOneConfig",
                                                  tunnel.get("phaseOneDetails"))
    tunnel["phaseTwoDetails"] = phase_two_details(config.get("phaseTwoConfig"), at + "phaseTwoConfig",
                                                  tunnel.get("phaseTwoDetails"))
    apply_bgp(tunnel, config.get("bgpSessionConfig"), at + "bgpSessionConfig")
    if tunnel.get("routing") == "POLICY":
        domain = config.get("encryptionDomainConfig") or tunnel.get("encryptionDomainConfig") or {}
        tunnel["encryptionDomainConfig"] = {
            "oracleTrafficSelector": [check_cidr(c, at + "encryptionDomainConfig.oracleTrafficSelector")
                                      for c in domain.get("oracleTrafficSelector") or []],
            "cpeTrafficSelector": [check_cidr(c, at + "encryptionDomainConfig.cpeTrafficSelector")
                                   for c in domain.get("cpeTrafficSelector") or []],
        }
    else:
        tunnel["encryptionDomainConfig"] = None


def apply_dpd(tunnel, dpd, field):
    """dpdConfig (write) -> dpdMode, dpdTimeoutInSec (read)."""
    if dpd is None:
        return
    if dpd.get("dpdMode") is not None:
        tunnel["dpdMode"] = check_enum(dpd["dpdMode"], rules.OCI_DPD_MODES, field + ".dpdMode")
    if dpd.get("dpdTimeoutInSec") is not None:
        timeout = dpd["dpdTimeoutInSec"]
        if not isinstance(timeout, int) or not DPD_TIMEOUT_RANGE[0] <= timeout <= DPD_TIMEOUT_RANGE[1]:
            raise invalid(field + ".dpdTimeoutInSec", "must be between %d and %d seconds." % DPD_TIMEOUT_RANGE)
        tunnel["dpdTimeoutInSec"] = timeout


def apply_bgp(tunnel, bgp, field):
    """bgpSessionConfig (write) -> bgpSessionInfo (read); BGP routing needs the inside pair and the ASN."""
    info = tunnel.setdefault("bgpSessionInfo", {})
    if bgp is not None:
        for key in ("oracleInterfaceIp", "customerInterfaceIp"):
            if key in bgp:
                info[key] = bgp[key]
        if bgp.get("customerBgpAsn") is not None:
            info["customerBgpAsn"] = check_asn(bgp["customerBgpAsn"], field + ".customerBgpAsn")
    is_bgp = tunnel.get("routing") == "BGP"
    check_inside_pair(info.get("oracleInterfaceIp"), info.get("customerInterfaceIp"), field, required=is_bgp)
    if is_bgp and not info.get("customerBgpAsn"):
        raise invalid(field + ".customerBgpAsn", "BGP routing requires the customer BGP ASN.")
    info["oracleBgpAsn"] = str(rules.ORACLE_BGP_ASN) if is_bgp else None
