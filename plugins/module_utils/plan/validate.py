# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Validation of an intent: every problem at once, each message starting with the input field.

:func:`validate_intent` runs the argument spec (types, choices, required options) and then the
rules of both clouds; rules whose inputs failed the spec are skipped (their value is unusable).
Each rule's source is in docs/planning.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.interconnect.oci_azure.plugins.module_utils import cloud_rules as R
from ansible_collections.interconnect.oci_azure.plugins.module_utils.oci_checks import ocid_problems
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import addressing as A
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import constants as C
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import crypto
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import designs as D
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import psk
from ansible_collections.interconnect.oci_azure.plugins.module_utils.plan import spec as S


class PlanValidationError(ValueError):
    """The intent cannot be planned; ``errors`` lists every problem, each naming its field."""

    def __init__(self, errors, warnings=None):
        super(PlanValidationError, self).__init__(
            "the interconnect plan has %d problem(s):\n- %s" % (len(errors), "\n- ".join(errors)))
        self.errors = list(errors)
        self.warnings = list(warnings or [])


def normalise(params, spec=None):
    """Apply the argument spec: (validated parameters, error lines, fields with spec errors)."""
    validator = ArgumentSpecValidator(spec or S.INTENT_SPEC)
    result = validator.validate(dict(params or {}))
    lines = []
    for err in result.errors:
        lines.extend(S.format_spec_error(err))
    return result.validated_parameters, lines, S.error_fields(lines)


def reserved_asn(asn):
    for low, high, why in C.AZURE_RESERVED_ASN_RANGES:
        if low <= asn <= high:
            return why
    return None


class _Checker:
    def __init__(self, params, skip):
        self.p = params
        self.skip = skip
        self.errors = []
        self.warnings = []
        self.scenario = params.get("scenario")
        self.design = D.DESIGNS.get(self.scenario)
        # (field label, IPNetwork) of every range the plan or the user puts in place
        self.ranges = []

    def ok(self, *fields):
        return not any(f in self.skip for f in fields)

    def err(self, msg):
        self.errors.append(msg)

    # -- names, scenario --------------------------------------------------------------------------
    def check_name_prefix(self):
        prefix = self.p.get("name_prefix")
        if not self.ok("name_prefix") or prefix is None:
            return
        if not re.match(C.NAME_PREFIX_PATTERN, prefix):
            self.err("name_prefix: %r must be 1-%d characters, letters, digits and hyphens, "
                     "starting with a letter and ending with a letter or digit (safe in both "
                     "clouds' resource names)" % (prefix, C.NAME_PREFIX_MAX))

    def check_existing(self):
        """What the inventory brings is named as each cloud names it: a DRG by its OCID (a guessed
        name would create a second DRG), a gateway by its Azure name."""
        drg_id = self.p.get("drg_id")
        if drg_id and self.ok("drg_id"):
            for problem in ocid_problems(drg_id, "drg_id", ("drg",)):
                self.err(problem)
        name = self.p.get("azure_gateway_name")
        if name is not None and self.ok("azure_gateway_name") and not re.match(C.AZURE_GATEWAY_NAME_PATTERN, name):
            self.err("azure_gateway_name: %r is not an Azure gateway name (1-80 letters, digits, "
                     "underscores, periods and hyphens, starting with a letter or digit and ending "
                     "with a letter, digit or underscore)" % name)

    # -- CIDRs ------------------------------------------------------------------------------------
    def _network_list(self, field):
        nets = []
        values = self.p.get(field)
        if not self.ok(field) or values is None:
            return nets
        if len(values) == 0:
            self.err("%s: at least one CIDR is required" % field)
        for i, text in enumerate(values):
            label = "%s[%d]" % (field, i)
            try:
                net = A.parse_network(text)
            except A.AddressError as exc:
                self.err("%s: %s" % (label, exc))
                continue
            if not A.is_unicast(net):
                self.err("%s: %s is multicast or reserved (class D/E); OCI and Azure reject it"
                         % (label, net))
                continue
            nets.append((label, net))
        return nets

    def check_cidrs(self):
        self.vcn = self._network_list("vcn_cidrs")
        self.vnet = self._network_list("vnet_cidrs")
        for label, net in self.vcn + self.vnet:
            self._claim(label, net)
        self.check_gateway_subnet()

    def check_gateway_subnet(self):
        """The GatewaySubnet a run creates lies in the VNet (Azure: NetcfgSubnetRangeOutsideVnet)."""
        text = self.p.get("azure_gateway_subnet_cidr")
        if not self.ok("azure_gateway_subnet_cidr", "vnet_cidrs") or not text:
            return
        try:
            subnet = A.parse_network(text)
        except A.AddressError as exc:
            self.err("azure_gateway_subnet_cidr: %s" % exc)
            return
        if self.vnet and not any(A.within(subnet, net) for dummy, net in self.vnet):
            self.err("azure_gateway_subnet_cidr: %s is not inside the VNet's address space (%s); "
                     "Azure requires GatewaySubnet to lie in it"
                     % (subnet, ", ".join(str(net) for dummy, net in self.vnet)))

    def _claim(self, label, net, allow=()):
        """Record a range; report it against every earlier range it overlaps."""
        for other_label, other in self.ranges:
            if other_label in allow:
                continue
            if A.overlaps(net, other):
                self.err("%s: %s overlaps %s %s" % (label, net.cidr if net.size > 1 else net.ip,
                                                    other_label, other.cidr))
        self.ranges.append((label, net))

    # -- ASNs -------------------------------------------------------------------------------------
    def check_asns(self):
        if self.design is None or self.design["routing"] == "static":
            return
        asns = {}
        for field in ("azure_asn", "oracle_asn"):
            value = self.p.get(field)
            if not self.ok(field) or value is None:
                continue
            if not C.ASN_MIN <= value <= C.ASN_MAX - 1:
                self.err("%s: %d is outside the ASN range %d-%d"
                         % (field, value, C.ASN_MIN, C.ASN_MAX - 1))
                continue
            asns[field] = value
        oracle = asns.get("oracle_asn")
        if oracle is not None:
            why = reserved_asn(oracle)
            if why:
                self.err("oracle_asn: %d is reserved (%s); Azure rejects it as a peer ASN"
                         % (oracle, why))
        if self.design["routing"] == "fastconnect":
            return
        azure = asns.get("azure_asn")
        if azure is not None and azure != C.DEFAULT_AZURE_ASN:
            why = reserved_asn(azure)
            if why:
                self.err("azure_asn: %d is reserved (%s); Azure rejects it as a gateway ASN "
                         "(use the default %d or a private ASN such as 65010)"
                         % (azure, why, C.DEFAULT_AZURE_ASN))
        if azure is not None and azure == oracle:
            self.err("azure_asn: %d equals oracle_asn; the two BGP sides need different ASNs"
                     % azure)

    # -- SKU --------------------------------------------------------------------------------------
    def check_skus(self, custom_policy):
        if self.design is None:
            return
        if self.design["routing"] == "fastconnect":
            self.check_expressroute_gateway()
            return
        sku = self.p.get("gateway_sku")
        if not self.ok("gateway_sku") or sku is None:
            return
        if sku == "Basic":
            if self.design["routing"] == "bgp":
                self.err("gateway_sku: Basic cannot run BGP, which scenario %s needs; use "
                         "VpnGw1AZ or larger" % self.scenario)
            if self.design["vng_instances"] == 2:
                self.err("gateway_sku: Basic cannot be active-active, which scenario %s needs; "
                         "use VpnGw1AZ or larger" % self.scenario)
            if custom_policy:
                self.err("gateway_sku: Basic cannot use a custom IPsec policy (crypto_profile %s "
                         "/ crypto); use VpnGw1AZ or larger, or crypto_profile "
                         "azure-default" % self.p.get("crypto_profile"))
        if sku in R.AZURE_VPN_SKUS_NO_CREATE:
            self.err("gateway_sku: %s is a non-AZ SKU that Azure no longer creates (since %s, "
                     "Microsoft Learn gateway-sku-consolidation); plan %s, its availability-zone "
                     "equivalent (an existing %s gateway is still managed by "
                     "azure_virtual_network_gateway)"
                     % (sku, R.AZURE_VPN_SKUS_NO_CREATE_SINCE, R.AZURE_VPN_SKU_AZ_EQUIVALENT[sku], sku))

    def check_expressroute_gateway(self):
        """FastPath SKUs and ErGwScale's scale units (cloud_rules: AZURE_FASTPATH_SKUS,
        AZURE_FASTPATH_MIN_SCALE_UNITS)."""
        sku = self.p.get("expressroute_gateway_sku")
        fields = ("expressroute_gateway_sku", "fastpath", "expressroute_gateway_min_scale_units",
                  "expressroute_gateway_max_scale_units")
        if not self.ok(*fields) or sku is None:
            return
        low = self.p.get("expressroute_gateway_min_scale_units")
        high = self.p.get("expressroute_gateway_max_scale_units")
        fastpath = self.p.get("fastpath")
        if fastpath and sku not in C.AZURE_FASTPATH_SKUS:
            self.err("expressroute_gateway_sku: FastPath (fastpath: true) needs %s (ErGwScale with "
                     "at least %d scale units), not %s; choose one of them or set fastpath: false"
                     % (", ".join(C.AZURE_FASTPATH_SKUS), C.AZURE_FASTPATH_MIN_SCALE_UNITS, sku))
        if sku != "ErGwScale":
            for name, value in (("expressroute_gateway_min_scale_units", low),
                                ("expressroute_gateway_max_scale_units", high)):
                if value is not None:
                    self.err("%s: only an ErGwScale gateway has scale units (expressroute_gateway_sku "
                             "is %s)" % (name, sku))
            return
        if low is None:
            self.err("expressroute_gateway_min_scale_units: required with ErGwScale (%d-%d%s)"
                     % (R.AZURE_ER_SCALE_UNITS_MIN, R.AZURE_ER_SCALE_UNITS_MAX,
                        "; FastPath needs at least %d" % C.AZURE_FASTPATH_MIN_SCALE_UNITS
                        if fastpath else ""))
            return
        high = low if high is None else high
        for name, value in (("expressroute_gateway_min_scale_units", low),
                            ("expressroute_gateway_max_scale_units", high)):
            if not R.AZURE_ER_SCALE_UNITS_MIN <= value <= R.AZURE_ER_SCALE_UNITS_MAX:
                self.err("%s: %d is outside ErGwScale's %d-%d scale units"
                         % (name, value, R.AZURE_ER_SCALE_UNITS_MIN, R.AZURE_ER_SCALE_UNITS_MAX))
        if high < low:
            self.err("expressroute_gateway_max_scale_units: %d is below the minimum %d" % (high, low))
        elif high > low and low < R.AZURE_ER_AUTOSCALE_MIN_UNITS:
            self.err("expressroute_gateway_min_scale_units: %d; an autoscaling ErGwScale gateway (max "
                     "above min) needs a minimum of %d or more (Microsoft Learn, scalable ExpressRoute "
                     "gateway); set min = max for a fixed size" % (low, R.AZURE_ER_AUTOSCALE_MIN_UNITS))
        if fastpath and low < C.AZURE_FASTPATH_MIN_SCALE_UNITS:
            self.err("expressroute_gateway_min_scale_units: %d; FastPath on ErGwScale needs at least "
                     "%d scale units (Microsoft Learn, scalable ExpressRoute gateway): set it to %d "
                     "or more, or set fastpath: false"
                     % (low, C.AZURE_FASTPATH_MIN_SCALE_UNITS, C.AZURE_FASTPATH_MIN_SCALE_UNITS))

    # -- tunnel inside addresses -------------------------------------------------------------------
    def check_inside(self):
        """Inside addresses: the given ones, then the pool for the rest."""
        if self.design is None or self.design["routing"] != "bgp":
            return
        in_use = [s for s in D.bgp_tunnels(self.scenario) if s[3]]
        given = self.p.get("tunnel_inside_addresses") if self.ok("tunnel_inside_addresses") else None
        given_blocks = []
        if given:
            if len(given) != len(in_use):
                self.err("tunnel_inside_addresses: %d given; scenario %s has %d BGP tunnels in "
                         "use (give one oracle_ip/customer_ip pair per tunnel, in plan order)"
                         % (len(given), self.scenario, len(in_use)))
            pairs = []
            for i, item in enumerate(given):
                label = "tunnel_inside_addresses[%d]" % i
                problems = A.pair_problems(item.get("oracle_ip"), item.get("customer_ip"))
                if problems:
                    self.errors.extend(
                        ("%s.%s" if p.startswith(("oracle_ip:", "customer_ip:")) else "%s: %s")
                        % (label, p) for p in problems)
                    continue
                o_ip, net = A.parse_interface(item["oracle_ip"])
                c_ip = A.parse_interface(item["customer_ip"])[0]
                if not A.in_apipa_range(c_ip):
                    self.err("%s.customer_ip: %s is outside Azure's custom APIPA range %s-%s (it "
                             "becomes the VNG's APIPA BGP address)"
                             % (label, c_ip, C.APIPA_FIRST, C.APIPA_LAST))
                pairs.append((i, label, o_ip, c_ip, net))
            shared = self.design["inside"] == "shared_apipa"
            for n, (i, label, o_ip, c_ip, net) in enumerate(pairs):
                for j, other_label, o2, c2, net2 in pairs[:n]:
                    if o_ip == o2:
                        self.err("%s.oracle_ip: %s is already Oracle's address on %s; each tunnel "
                                 "needs its own Oracle address%s"
                                 % (label, o_ip, other_label,
                                    " (to share the APIPA address, use a /30 for one tunnel and "
                                    "the /31 holding the APIPA address for the other)"
                                    if shared else ""))
                    if shared and c_ip != c2:
                        self.err("%s.customer_ip: %s must equal %s.customer_ip %s: an "
                                 "active-passive VNG has a single APIPA address that both "
                                 "tunnels reach" % (label, c_ip, other_label, c2))
            # overlaps between blocks (and with the VCN/VNet) are reported by _claim
            for i, label, o_ip, c_ip, net in pairs:
                if shared and i > 0 and pairs and A.overlaps(net, pairs[0][4]):
                    # the seed's design: tunnel 2's /31 lies in tunnel 1's /30 on purpose
                    given_blocks.append(net)
                    continue
                self._claim(label, net)
                given_blocks.append(net)
        self.check_apipa_pool(given_blocks, need=D.pool_blocks_needed(self.scenario, bool(given)))

    def check_apipa_pool(self, taken, need):
        text = self.p.get("apipa_pool")
        if not self.ok("apipa_pool") or text is None:
            return
        try:
            pool = A.parse_network(text)
        except A.AddressError as exc:
            self.err("apipa_pool: %s" % exc)
            return
        if not A.in_apipa_range(pool):
            self.err("apipa_pool: %s is not inside Azure's custom APIPA range %s-%s"
                     % (pool, C.APIPA_FIRST, C.APIPA_LAST))
            return
        if need <= 0:
            return
        avoid = list(taken) + [entry[1] for entry in self.ranges]
        blocks = A.carve(pool, 30, need, avoid)
        if len(blocks) < need:
            self.err("apipa_pool: %s has %d free /30 block(s); scenario %s needs %d (use a "
                     "larger pool, e.g. a /28)" % (pool, len(blocks), self.scenario, need))
            return
        for block in blocks:
            self._claim("apipa_pool block %s" % block, block)

    # -- static routes ------------------------------------------------------------------------------
    def check_static(self):
        if self.design is None or self.design["routing"] != "static":
            return
        # the split-prefix design: the backup LNG's full CIDRs contain the primary's halves
        self.warnings.append(
            "vcn_cidrs: the backup local network gateways carry the full VCN CIDRs, which overlap "
            "the primary's halves on the same VPN gateway; Azure supports overlapping "
            "local-network prefixes across connections only with BGP (%s); prefer a BGP scenario "
            "where possible" % R.AZURE_STATIC_OVERLAP_DOC)
        for label, net in self.vcn + self.vnet:
            if net.prefixlen >= 32:
                self.err("%s: %s is a single address and cannot be split into halves for the "
                         "primary connection" % (label, net))
        if self.ok("vnet_cidrs") and self.p.get("vnet_cidrs"):
            count = len(self.p["vnet_cidrs"])
            if 2 * count > C.OCI_MAX_STATIC_ROUTES:
                self.err("vnet_cidrs: %d CIDRs become %d static routes (their halves) on the "
                         "primary IPSec connection; OCI allows at most %d (use at most %d VNet "
                         "CIDRs, or summarise them)" % (count, 2 * count, C.OCI_MAX_STATIC_ROUTES,
                                                        C.OCI_MAX_STATIC_ROUTES // 2))

    # -- FastConnect ----------------------------------------------------------------------------------
    def check_fastconnect(self):
        if self.design is None or self.design["routing"] != "fastconnect":
            return
        for option, what in sorted(self.design.get("required", {}).items()):
            if self.ok(option) and not self.p.get(option):
                self.err("%s: required for %s (%s)" % (option, self.scenario, what))
        self.check_peering_location()
        tier, family = self.p.get("expressroute_sku_tier"), self.p.get("expressroute_sku_family")
        if self.ok("expressroute_sku_tier", "expressroute_sku_family") and tier == "Local" \
                and family != R.ER_LOCAL_REQUIRES_FAMILY:
            self.err("expressroute_sku_family: %s; an ExpressRoute Local circuit requires %s "
                     "(Microsoft Learn, expressroute-faq, ExpressRoute Local): set "
                     "expressroute_sku_family: %s or another tier"
                     % (family, R.ER_LOCAL_REQUIRES_FAMILY, R.ER_LOCAL_REQUIRES_FAMILY))
        subnets = self.p.get("fastconnect_subnets")
        if not self.ok("fastconnect_subnets"):
            return
        if subnets:
            if len(subnets) != 2:
                self.err("fastconnect_subnets: %d given; exactly two /30s are needed (primary "
                         "and secondary link)" % len(subnets))
            for i, text in enumerate(subnets):
                label = "fastconnect_subnets[%d]" % i
                try:
                    net = A.parse_network(text)
                except A.AddressError as exc:
                    self.err("%s: %s" % (label, exc))
                    continue
                if net.prefixlen != 30:
                    self.err("%s: %s is a /%d; each FastConnect/ExpressRoute link needs a /30"
                             % (label, net, net.prefixlen))
                    continue
                self._claim(label, net)
            return
        text = self.p.get("fastconnect_pool")
        if not self.ok("fastconnect_pool") or text is None:
            return
        try:
            pool = A.parse_network(text)
        except A.AddressError as exc:
            self.err("fastconnect_pool: %s" % exc)
            return
        blocks = A.carve(pool, 30, 2, [entry[1] for entry in self.ranges])
        if len(blocks) < 2:
            self.err("fastconnect_pool: %s has %d /30 block(s) free of the VCN and VNet CIDRs; "
                     "two are needed" % (pool, len(blocks)))
            return
        for block in blocks:
            self._claim("fastconnect_pool block %s" % block, block)

    def check_peering_location(self):
        """The ExpressRoute peering location must be one Oracle pairs with the OCI region
        (cloud_rules.ORACLE_AZURE_INTERCONNECT, from Oracle's "Access to Microsoft Azure")."""
        location, region = self.p.get("peering_location"), self.p.get("oci_region")
        if not self.ok("peering_location", "oci_region", "expressroute_peering_locations") or not location:
            return
        if not region:
            self.warnings.append("peering_location: %r not checked against the OCI region (set "
                                 "oci_region to check it against Oracle's pairs)" % location)
            return
        override = self.p.get("expressroute_peering_locations") or {}
        extra = override.get(region)
        if extra is not None and not isinstance(extra, list):
            extra = [extra]
        known = R.ORACLE_AZURE_INTERCONNECT.get(region)
        allowed = list(known["peering_locations"] if known else ()) + list(extra or ())
        if not allowed:
            self.err("oci_region: Oracle lists no Interconnect for Azure for %s (%s); pairs exist "
                     "for %s. If Oracle added it since, set expressroute_peering_locations: "
                     "{%s: [<peering location>]}" % (region, R.ORACLE_AZURE_INTERCONNECT_SOURCE,
                                                     ", ".join(sorted(R.ORACLE_AZURE_INTERCONNECT)), region))
            return
        if location not in allowed:
            self.err("peering_location: %r is not paired with OCI region %s; Oracle pairs it with %s "
                     "(%s). A pair added later goes in expressroute_peering_locations"
                     % (location, region, ", ".join(repr(a) for a in allowed), R.ORACLE_AZURE_INTERCONNECT_SOURCE))

    # -- secrets ----------------------------------------------------------------------------------
    def check_secrets(self):
        policy = self.p.get("shared_secret_policy")
        given = self.p.get("shared_secrets")
        seed = self.p.get("secret_seed")
        if self.design is None or not self.ok("shared_secret_policy", "shared_secrets", "secret_seed"):
            return
        if self.design["routing"] == "fastconnect":
            return
        if policy == "given":
            if not given:
                self.err("shared_secrets: required when shared_secret_policy is given (one per "
                         "tunnel in use, or a single one for all)")
            else:
                need = D.tunnels_in_use(self.scenario)
                if len(given) not in (1, need):
                    self.err("shared_secrets: %d given; scenario %s has %d tunnels in use (give "
                             "one per tunnel, or a single one for all)"
                             % (len(given), self.scenario, need))
                for i, value in enumerate(given):
                    self.errors.extend(psk.secret_problems(value, "shared_secrets[%d]" % i))
            if seed:
                self.err("secret_seed: only used with shared_secret_policy generated")
        elif policy == "generated":
            if not seed:
                self.err("secret_seed: required when shared_secret_policy is generated; keep a "
                         "random seed of at least %d characters in Vault (the keys are derived "
                         "from it, so re-runs keep them)" % C.SECRET_SEED_MIN)
            elif len(seed) < C.SECRET_SEED_MIN:
                self.err("secret_seed: %d characters; at least %d are needed"
                         % (len(seed), C.SECRET_SEED_MIN))
            if given:
                self.err("shared_secrets: only used with shared_secret_policy given")
        elif policy == "from_oci":
            if given:
                self.err("shared_secrets: given, but shared_secret_policy is from_oci (OCI "
                         "generates the keys); set shared_secret_policy: given to use them")
            if seed:
                self.err("secret_seed: only used with shared_secret_policy generated")

    # -- crypto -----------------------------------------------------------------------------------
    def check_crypto(self):
        if self.design is None or self.design["routing"] == "fastconnect":
            return None
        if not self.ok("crypto_profile", "crypto"):
            return None
        section, problems = crypto.resolve(self.p.get("crypto_profile"), self.p.get("crypto"))
        self.errors.extend(problems)
        return section


# Options that mean nothing for a kind of scenario (the design table's OPTION_ROUTINGS): given
# anyway, they draw a warning.
IRRELEVANT = dict(
    (routing, tuple(name for name, routings in D.OPTION_ROUTINGS.items()
                    if routing not in routings and name in S.INTENT_SPEC))
    for routing in set(design["routing"] for design in D.DESIGNS.values()))


def check(params, skip=(), given=None):
    """(errors, warnings) for parameters that went through the argument spec; ``given`` is the
    set of option names the user set (for warnings about options the scenario ignores)."""
    checker = _Checker(params, set(skip))
    if checker.design is None and "scenario" not in checker.skip:
        checker.err("scenario: required, one of %s" % ", ".join(C.SCENARIOS))
    if checker.design is not None:
        for name in IRRELEVANT[checker.design["routing"]]:
            # a caller passing every option (a role) at its default is not worth a warning
            if name in (given or ()) and params.get(name) not in (
                    None, S.INTENT_SPEC[name].get("default")):
                checker.warnings.append("%s: ignored, scenario %s does not use it"
                                        % (name, checker.scenario))
    if params.get("vlan") is not None and "vlan" not in checker.skip:
        checker.err("vlan: not planned; with Microsoft Azure as the FastConnect provider the provider "
                    "assigns the VLAN of both links and configures the Azure private peering (OCI SDK "
                    "CrossConnectMapping.vlan; Microsoft Learn configure-azure-oci-networking): "
                    "remove the setting")
    checker.check_name_prefix()
    checker.check_existing()
    checker.check_cidrs()
    checker.check_asns()
    checker.check_static()
    checker.check_inside()
    checker.check_fastconnect()
    checker.check_secrets()
    section = checker.check_crypto()
    custom_policy = bool(section and not section["azure"]["use_default_policy"])
    checker.check_skus(custom_policy)
    return checker.errors, checker.warnings


def validate_intent(params):
    """(normalised parameters, errors, warnings): every problem of an intent at once."""
    A.require_netaddr()
    normalised, spec_errors, skip = normalise(params)
    errors, warnings = check(normalised, skip, given=set(params or {}))
    return normalised, spec_errors + errors, warnings
