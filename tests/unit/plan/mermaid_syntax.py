"""A strict reader for the Mermaid flowchart subset diagram.py writes (no network, no mermaid-cli).

It accepts only: a ``flowchart <dir>`` header, ``subgraph id["label"]`` ... ``end``, node
declarations ``id["label"]``, edges ``a --- b`` / ``a ===|"label"| b`` / ``a -.- b``, ``classDef``,
``class`` and ``linkStyle`` lines. It raises MermaidSyntaxError for anything else, and for what
breaks Mermaid's parser or renderer inside a label: an unescaped double quote, a raw ``<``/``>``
other than ``<br/>``, a backtick or a pipe, an entity code Mermaid does not know; node ids that
are reserved words, start with ``o``/``x`` (read as circle/cross edge ends after an arrow) or are
declared twice; edges or classes naming undeclared nodes; linkStyle indexes past the last edge.
"""

import re

DIRECTIONS = ("LR", "RL", "TB", "TD", "BT")
RESERVED = ("end", "subgraph", "graph", "flowchart", "class", "classDef", "style", "linkStyle",
            "click", "direction", "call", "href")
IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
LABEL = r'"[^"]*"'
ENTITY = re.compile(r"#([A-Za-z]+|[0-9]+);")
KNOWN_ENTITIES = ("quot", "lt", "gt", "amp", "35", "96", "124")
NODE = re.compile(r"^(%s)\[(%s)\]$" % (IDENT, LABEL))
SUBGRAPH = re.compile(r"^subgraph (%s)\[(%s)\]$" % (IDENT, LABEL))
EDGE = re.compile(r"^(%s) (---|===|-\.-)(?:\|(%s)\|)? (%s)$" % (IDENT, LABEL, IDENT))
STYLE = r"[a-z-]+:[^,;\s][^,;]*(?:,[a-z-]+:[^,;\s][^,;]*)*"
CLASSDEF = re.compile(r"^classDef (%s) (%s)$" % (IDENT, STYLE))
CLASS = re.compile(r"^class (%s(?:,%s)*) (%s)$" % (IDENT, IDENT, IDENT))
LINKSTYLE = re.compile(r"^linkStyle ([0-9]+) (%s)$" % STYLE)


class MermaidSyntaxError(AssertionError):
    pass


def _label_text(quoted, where):
    text = quoted[1:-1]
    if not text.strip():
        raise MermaidSyntaxError("%s: empty label" % where)
    rest = text.replace("<br/>", "\n")
    for char in "<>`|\"":
        if char in rest:
            raise MermaidSyntaxError("%s: raw %r in label %s" % (where, char, quoted))
    for match in ENTITY.finditer(rest):
        if match.group(1) not in KNOWN_ENTITIES:
            raise MermaidSyntaxError("%s: unknown entity %s" % (where, match.group(0)))
    stray = ENTITY.sub("", rest)
    if "#" in stray:
        raise MermaidSyntaxError("%s: a '#' that starts no entity code in %s" % (where, quoted))
    return ENTITY.sub(lambda m: {"quot": '"', "lt": "<", "gt": ">", "amp": "&", "35": "#",
                                 "96": "`", "124": "|"}[m.group(1)], rest)


def _check_id(node_id, where):
    if node_id in RESERVED or node_id.lower() == "end":
        raise MermaidSyntaxError("%s: reserved word %r as an id" % (where, node_id))
    if node_id[0] in "ox":
        raise MermaidSyntaxError("%s: id %r starts with o/x (an edge end marker)" % (where, node_id))


def parse(text):
    """The diagram as {"direction", "subgraphs": {id: (label, [node ids])}, "nodes": {id: label},
    "edges": [(src, arrow, label or None, dst)], "class_defs": {name: style},
    "classes": {node id: class}, "link_styles": {index: style}}; labels unescaped, lines by "\\n"."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("%%")]
    if not lines or not re.match(r"^flowchart (%s)$" % "|".join(DIRECTIONS), lines[0]):
        raise MermaidSyntaxError("the first line must be 'flowchart <direction>': %r" % (lines[:1],))
    out = {"direction": lines[0].split()[1], "subgraphs": {}, "nodes": {}, "edges": [],
           "class_defs": {}, "classes": {}, "link_styles": {}}
    open_group = None
    ids = set()
    for number, line in enumerate(lines[1:], start=2):
        where = "line %d" % number
        match = SUBGRAPH.match(line)
        if match:
            if open_group:
                raise MermaidSyntaxError("%s: nested subgraph" % where)
            _check_id(match.group(1), where)
            if match.group(1) in ids:
                raise MermaidSyntaxError("%s: id %s declared twice" % (where, match.group(1)))
            ids.add(match.group(1))
            open_group = match.group(1)
            out["subgraphs"][open_group] = (_label_text(match.group(2), where), [])
            continue
        if line == "end":
            if not open_group:
                raise MermaidSyntaxError("%s: 'end' without a subgraph" % where)
            open_group = None
            continue
        match = NODE.match(line)
        if match:
            node_id = match.group(1)
            _check_id(node_id, where)
            if node_id in ids:
                raise MermaidSyntaxError("%s: id %s declared twice" % (where, node_id))
            ids.add(node_id)
            out["nodes"][node_id] = _label_text(match.group(2), where)
            if open_group:
                out["subgraphs"][open_group][1].append(node_id)
            continue
        match = EDGE.match(line)
        if match:
            src, arrow, quoted, dst = match.groups()
            for end in (src, dst):
                if end not in out["nodes"]:
                    raise MermaidSyntaxError("%s: edge to undeclared node %s" % (where, end))
            out["edges"].append((src, arrow, _label_text(quoted, where) if quoted else None, dst))
            continue
        match = CLASSDEF.match(line)
        if match:
            out["class_defs"][match.group(1)] = match.group(2)
            continue
        match = CLASS.match(line)
        if match:
            if match.group(2) not in out["class_defs"]:
                raise MermaidSyntaxError("%s: class %s is not defined" % (where, match.group(2)))
            for node_id in match.group(1).split(","):
                if node_id not in out["nodes"]:
                    raise MermaidSyntaxError("%s: class for undeclared node %s" % (where, node_id))
                if node_id in out["classes"]:
                    raise MermaidSyntaxError("%s: node %s has two classes" % (where, node_id))
                out["classes"][node_id] = match.group(2)
            continue
        match = LINKSTYLE.match(line)
        if match:
            index = int(match.group(1))
            if index >= len(out["edges"]):
                raise MermaidSyntaxError("%s: linkStyle %d past the last edge" % (where, index))
            out["link_styles"][index] = match.group(2)
            continue
        raise MermaidSyntaxError("%s: not a line of the flowchart subset: %r" % (where, line))
    if open_group:
        raise MermaidSyntaxError("subgraph %s is not closed" % open_group)
    return out


def mermaid_block(markdown):
    """The single ```mermaid block of a Markdown page."""
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)
    if len(blocks) != 1:
        raise MermaidSyntaxError("expected one mermaid block, found %d" % len(blocks))
    return blocks[0]
