"""Issue 11 item 14: the twin's one table of unconfirmed rules, listed in docs/emulator-model.md."""

import os

from emulator import rules

DOC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "emulator-model.md")


def test_unverified_is_one_table_of_reasons():
    assert isinstance(rules.UNVERIFIED, dict) and rules.UNVERIFIED
    assert all(isinstance(k, str) and isinstance(v, str) and len(v) > 20 for k, v in rules.UNVERIFIED.items())


def test_docs_list_every_unverified_rule():
    with open(DOC, encoding="utf-8") as fh:
        text = fh.read()
    missing = [name for name in rules.UNVERIFIED if "`%s`" % name not in text]
    assert missing == [], "docs/emulator-model.md does not list: %s" % missing


def test_the_names_the_collection_table_is_compared_with_exist():
    """The lead's cross-check imports these names (issue 11 item 14)."""
    for name in ("AZURE_DEFAULT_MAIN_MODE", "AZURE_DEFAULT_QUICK_MODE_INITIATOR", "AZURE_DEFAULT_QUICK_MODE_RESPONDER",
                 "AZURE_DEFAULT_QUICK_MODE_LIFETIME", "AZURE_FASTPATH_SKUS", "AZURE_FASTPATH_MIN_SCALE_UNITS",
                 "AZURE_VPN_SKUS_NO_CREATE", "APIPA_RANGE", "AZURE_RESERVED_ASNS"):
        assert getattr(rules, name), name
    for table in ("AZURE_DEFAULT_MAIN_MODE", "AZURE_DEFAULT_QUICK_MODE_INITIATOR",
                  "AZURE_DEFAULT_QUICK_MODE_RESPONDER"):
        assert all(isinstance(t, tuple) and len(t) == 3 for t in getattr(rules, table))
