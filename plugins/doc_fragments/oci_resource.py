# -*- coding: utf-8 -*-
# Copyright (c) interconnect.oci_azure contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """compartment_id and freeform_tags, worded the same in every OCI module that manages a
    resource found by compartment and display name."""

    DOCUMENTATION = r"""
options:
  compartment_id:
    description:
      - OCID of the compartment. Environment variable E(OCI_COMPARTMENT_ID) when not set.
      - Required unless O(id) is given.
    type: str
  freeform_tags:
    description: Free-form tags to set. Keys not listed are left as they are.
    type: dict
"""
