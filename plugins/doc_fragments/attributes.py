# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The attributes block, written once per kind of module.

    Listed before ansible.builtin.action_common_attributes and its ACTIONGROUPS fragment, which give
    each attribute its description (a fragment merged earlier wins a clash, so ours go first);
    these fragments only say how far a module supports it. A
    module lists one of them instead of its own ``attributes:`` block.
    """

    # An action that runs on the controller (plan, preflight, verify, waits): no async, no host
    # loop bypass, nothing to diff. The module's own ``attributes: check_mode:`` says what check
    # mode does for it (a module's entry wins over the fragment's).
    CONTROLLER = r"""
attributes:
  action:
    support: full
  async:
    support: none
  bypass_host_loop:
    support: none
  check_mode:
    support: full
  diff_mode:
    support: none
  platform:
    platforms: all
"""

    # A module that changes OCI resources: check mode predicts, --diff shows before/after.
    OCI = r"""
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    platforms: all
  action_group:
    support: full
    membership: [interconnect.oci_azure.oci]
"""

    # An OCI _info module: reads only, so check mode is the same run and there is nothing to diff.
    OCI_INFO = r"""
attributes:
  check_mode:
    support: full
    details: Reads only.
  diff_mode:
    support: none
  platform:
    platforms: all
  action_group:
    support: full
    membership: [interconnect.oci_azure.oci]
"""

    AZURE = r"""
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
  platform:
    platforms: all
  action_group:
    support: full
    membership: [interconnect.oci_azure.azure]
"""

    AZURE_INFO = r"""
attributes:
  check_mode:
    support: full
    details: Reads only.
  diff_mode:
    support: none
  platform:
    platforms: all
  action_group:
    support: full
    membership: [interconnect.oci_azure.azure]
"""
