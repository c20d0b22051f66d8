# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """wait / wait_timeout for OCI modules that change resources."""

    DOCUMENTATION = r"""
options:
  wait:
    description:
      - Wait until the resource reaches its ready state after a change (and is gone after a
        delete). With V(false) the module returns as soon as the API accepted the request.
      - Also applies when nothing needs changing, so a second run waits for a resource that is
        still provisioning.
      - For C(_info) modules, whether to wait for the conditions in their C(wait_for) option.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait at most; the module fails when the time is up.
    type: int
    default: 1200
  wait_max_interval:
    description:
      - Longest pause in seconds between two status reads while waiting; the pause starts at 1 s
        and doubles up to this value.
      - Defaults to 10. Lower it where provisioning is faster than in the clouds (the benchmark
        sets it in proportion to the twin's time scale).
      - Falls back to the E(OCI_WAIT_MAX_INTERVAL) environment variable.
    type: float
"""
