#!/usr/bin/env python3
"""layers.py — checks that the code keeps its layers, and draws them.

The layers, lowest first; a file may include headers of its own layer and of lower ones only:
  src/rules    pure rules: jansson and the C library, no I/O
  src/runtime  process services without SQL or HTTP: configuration, secrets, metrics, caches
  db           SQL (the only users of libpq)
  api          HTTP (the only users of ulfius and libmicrohttpd)
  src/app      the binary: main, subcommands, logging, opening the database

Checked: every project include points to the same or a lower layer; the modules (foo.c with
foo.h) include each other without a cycle; src/rules includes no system header but jansson's
and the C library's; libpq only in db/, ulfius and libmicrohttpd only in api/; no SQL statement
text outside db/. Exits 1 naming each violation.

Usage: layers.py [--root DIR] [--dot]
  --dot  prints the include graph between folders (edges weighted by how many includes) in
         Graphviz form instead of checking, e.g. `python3 tests/layers.py --dot | dot -Tsvg`
"""
import os
import re
import sys

LAYERS = ["src/rules", "src/runtime", "db", "api", "src/app"]
C_LIBRARY = {
    "assert.h", "ctype.h", "errno.h", "float.h", "inttypes.h", "limits.h", "math.h", "stdarg.h",
    "stdbool.h", "stddef.h", "stdint.h", "stdio.h", "stdlib.h", "string.h", "time.h",
}
ONLY_IN = {"libpq-fe.h": "db", "ulfius.h": "api", "microhttpd.h": "api"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)
SQL = re.compile(r'"[^"\n]*\b(SELECT\s+\S|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|'
                 r'CREATE\s+(TABLE|DATABASE|FUNCTION)|BEGIN\b|COMMIT\b)')


def layer_of(path):
    folder = os.path.dirname(path)
    return LAYERS.index(folder) if folder in LAYERS else None


def sources(root):
    for layer in LAYERS:
        for name in sorted(os.listdir(os.path.join(root, layer))):
            if name.endswith((".c", ".h")):
                yield f"{layer}/{name}"


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def check(root):
    problems, modules = [], {}
    for path in sources(root):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            text = f.read()
        layer = layer_of(path)
        module = path.rsplit(".", 1)[0]
        for kind, name in INCLUDE.findall(text):
            if kind == '"':
                target = layer_of(name)
                if target is None:
                    problems.append(f"{path}: includes \"{name}\", which is in no layer")
                elif target > layer:
                    problems.append(f"{path}: includes {name}, a higher layer "
                                    f"({LAYERS[layer]} may use only {', '.join(LAYERS[:layer + 1])})")
                dep = name.rsplit(".", 1)[0]
                if dep != module:
                    modules.setdefault(module, set()).add(dep)
            else:
                if LAYERS[layer] == "src/rules" and name not in C_LIBRARY and name != "jansson.h":
                    problems.append(f"{path}: includes <{name}>; src/rules uses only jansson and "
                                    "the C library")
                if name in ONLY_IN and not path.startswith(ONLY_IN[name] + "/"):
                    problems.append(f"{path}: includes <{name}>, which only {ONLY_IN[name]}/ uses")
        if not path.startswith("db/"):
            for m in SQL.finditer(strip_comments(text)):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path}:{line}: SQL outside db/: {m.group(0)[:40]}…")
    problems += cycles(modules)
    return problems


def cycles(graph):
    """Every cycle among modules, found by depth-first search (one report per cycle)."""
    found, state, stack = [], {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                found.append("include cycle: " + " -> ".join(stack[stack.index(dep):] + [dep]))
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def dot(root):
    weights = {}
    for path in sources(root):
        with open(os.path.join(root, path), encoding="utf-8") as f:
            for kind, name in INCLUDE.findall(f.read()):
                if kind == '"' and layer_of(name) is not None:
                    edge = (os.path.dirname(path), os.path.dirname(name))
                    if edge[0] != edge[1]:
                        weights[edge] = weights.get(edge, 0) + 1
    print("digraph layers {\n  rankdir=BT;")
    for layer in LAYERS:
        print(f'  "{layer}";')
    for (a, b), n in sorted(weights.items()):
        print(f'  "{a}" -> "{b}" [label="{n}"];')
    print("}")


def main():
    args = sys.argv[1:]
    root = "."
    if "--root" in args:
        root = args[args.index("--root") + 1]
    if "--dot" in args:
        dot(root)
        return 0
    problems = check(root)
    for p in problems:
        print(p)
    count = sum(1 for _ in sources(root))
    print(f"layers: {count} files, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
