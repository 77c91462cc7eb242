#!/usr/bin/env python3
"""The shape of the tree, checked: core's folders form layers that only include downwards
(docs/architecture.md), core includes nothing of the app, no source file of ours passes 450
lines, and no class is defined over more than two .cpp files (three with its header). Run by
ctest as `structure`; prints each violation and exits 1 on any."""
import os
import re
import sys
from collections import defaultdict

LAYERS = ["util", "io", "data", "synth", "load", "exchange", "model", "eval", "train", "analysis", "experiment", "tune"]
MAX_LINES = 450
MAX_SOURCE_FILES_PER_CLASS = 2
# A member function defined at the start of a line: "void App::run() {", "App::App(…)".
DEFINITION = re.compile(r"^[A-Za-z_][\w:<>,*& ]*?\b([A-Z]\w*)::~?\w+\(")

root = sys.argv[1] if len(sys.argv) > 1 else "."
rank = {name: k for k, name in enumerate(LAYERS)}
problems = []
class_files = defaultdict(set)
for folder in ["core", "app", "tests"]:
    for directory, _, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(directory, name)
            shown = os.path.relpath(path, root)
            with open(path, encoding="utf-8") as source:
                lines = source.readlines()
            if len(lines) > MAX_LINES:
                problems.append(f"{shown}: {len(lines)} lines (at most {MAX_LINES})")
            if name.endswith(".cpp"):
                for line in lines:
                    definition = DEFINITION.match(line)
                    if definition:
                        class_files[definition.group(1)].add(shown)
            if folder != "core":
                continue
            layer = shown.split(os.sep)[1]
            if layer not in rank:
                problems.append(f"{shown}: core/{layer} is not in the layer list of docs/architecture.md")
                continue
            for number, line in enumerate(lines, 1):
                match = re.match(r'#include "(core|app)/([a-z_]+)/', line)
                if not match:
                    continue
                if match.group(1) == "app":
                    problems.append(f"{shown}:{number}: core includes the app ({line.strip()})")
                elif rank.get(match.group(2), -1) > rank[layer]:
                    problems.append(f"{shown}:{number}: core/{layer} includes the higher layer core/{match.group(2)}")
for name, files in sorted(class_files.items()):
    if len(files) > MAX_SOURCE_FILES_PER_CLASS:
        problems.append(f"class {name} is defined over {len(files)} source files: {', '.join(sorted(files))}")
for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
