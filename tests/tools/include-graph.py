#!/usr/bin/env python3
"""Print the include graph of src/lib, and check the rule it must follow.

    usage: include-graph.py [SRC_LIB]     (default: src/lib beside tests/)

src/lib holds one folder per stage; src/lib/README lists them in the
order of the data flow ("1. util/ ..."). A module is a .c file and its
.h (stage/name); module A uses module B when a file of A includes B's
header. The rule:
  - an internal header is included by its stage ("facts/facts.h"), so
    that every include line says which stage it reaches into;
  - a module uses modules of its own stage or of earlier ones, never of
    a later stage;
  - no circle: no module uses itself through others;
  - a header declares what its own .c defines, so that the includes
    are the calls (a function declared in report.h but defined in
    decide.c would hide a use of decide behind report).
Prints every module with the modules it uses, stage by stage, then one
line per broken rule; exits 1 if any rule is broken, 2 on a usage error.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
STAGE_LINE = re.compile(r'^\s*\d+\.\s+(\w+)/')
# A function declared or defined at the start of a line; the name is the
# last identifier before "(" (ignoring attribute macros on other lines).
FUNCTION = re.compile(r'^(?!static\b|typedef\b|#|extern\b)[A-Za-z_][\w\s\*]*?'
                      r'\b(pp_\w+)\s*\(', re.M)
EXTERN = re.compile(r'^extern\s+[^;(]*?\b(pp_\w+)\s*(?:\[[^\]]*\])?\s*;', re.M)
DATA = re.compile(r'^(?!static\b|extern\b|typedef\b|#)[A-Za-z_][\w\s\*]*?'
                  r'\b(pp_\w+)\s*(?:\[[^\]]*\])?\s*=', re.M)


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'),
                  text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def generated(path):
    """A file gen-probe-script.sh wrote (an in-tree build from before the
    stage folders may have left one in src/lib)."""
    with open(path, encoding='utf-8', errors='replace') as f:
        return f.readline().startswith('/* Generated from ')


def read_stages(lib):
    readme = os.path.join(lib, 'README')
    try:
        lines = open(readme, encoding='utf-8').read().split('\n')
    except OSError as e:
        sys.exit('include-graph.py: %s: %s' % (readme, e.strerror))
    stages = [m.group(1) for m in map(STAGE_LINE.match, lines) if m]
    if not stages:
        sys.exit('include-graph.py: %s lists no stages ("1. util/ ...")'
                 % readme)
    return stages


def read_modules(lib, stages):
    """{stage/name: {'files': [name.c, name.h], 'text': {file: text}}},
    with the comments of each text blanked out."""
    modules = {}
    problems = []
    for entry in sorted(os.listdir(lib)):
        path = os.path.join(lib, entry)
        if (os.path.isdir(path) and entry not in stages and
                not entry.startswith('.')):
            problems.append('%s/ is not a stage in src/lib/README' % entry)
        elif entry.endswith(('.c', '.h')) and not generated(path):
            problems.append('%s is in no stage: move it into one' % entry)
    for stage in stages:
        folder = os.path.join(lib, stage)
        if not os.path.isdir(folder):
            problems.append('stage %s/ of src/lib/README does not exist'
                            % stage)
            continue
        for name in sorted(os.listdir(folder)):
            base, ext = os.path.splitext(name)
            if ext not in ('.c', '.h'):
                continue
            text = strip_comments(open(os.path.join(folder, name),
                                       encoding='utf-8').read())
            module = modules.setdefault(stage + '/' + base,
                                        {'files': [], 'text': {}})
            module['files'].append(name)
            module['text'][name] = text
    return modules, problems


# Headers from outside src/lib: the build's and the public ones.
OUTSIDE = ('config.h', 'pyprobe.h', 'pyprobe_version.h')


def uses(modules):
    """The modules each module includes, and misuses of include."""
    headers = {name + '.h': name for name, m in modules.items()
               if any(f.endswith('.h') for f in m['files'])}
    by_base = {os.path.basename(h): h for h in headers}
    problems = []
    graph = {}
    for name, module in modules.items():
        used = set()
        for file, text in module['text'].items():
            where = '%s/%s' % (name.split('/')[0], file)
            for target in INCLUDE.findall(text):
                if target in OUTSIDE:
                    continue
                if target in headers:
                    used.add(headers[target])
                elif target in by_base:
                    problems.append('%s includes "%s": name the stage, as '
                                    'in "%s"' % (where, target,
                                                 by_base[target]))
                else:
                    problems.append('%s includes "%s", which is not in '
                                    'src/lib' % (where, target))
        used.discard(name)
        graph[name] = used
    return graph, problems


def stage_problems(graph, stages):
    rank = {s: i for i, s in enumerate(stages)}
    problems = []
    for name in sorted(graph):
        for used in sorted(graph[name]):
            a, b = name.split('/')[0], used.split('/')[0]
            if rank[b] > rank[a]:
                problems.append('%s uses %s: stage %s/ comes after %s/'
                                % (name, used, b, a))
    return problems


def circles(graph):
    """Every strongly connected component of more than one module."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return ['circle: %s' % ' <-> '.join(c) for c in found]


def ownership_problems(modules):
    """Declarations in a header that its own .c does not define."""
    problems = []
    defined = {}
    for name, module in modules.items():
        for file, text in module['text'].items():
            if file.endswith('.c'):
                for pattern in (FUNCTION, DATA):
                    for m in pattern.finditer(text):
                        rest = text[m.end():]
                        if pattern is DATA or re.match(r'[^;{]*\{', rest):
                            defined.setdefault(m.group(1), name)
    for name, module in sorted(modules.items()):
        headers = [f for f in module['files'] if f.endswith('.h')]
        if not headers:
            continue
        text = module['text'][headers[0]]
        declared = set(FUNCTION.findall(text)) | set(EXTERN.findall(text))
        for symbol in sorted(declared):
            owner = defined.get(symbol)
            if owner and owner != name:
                problems.append('%s.h declares %s, which %s.c defines'
                                % (name, symbol, owner))
    return problems


def main():
    if len(sys.argv) > 2:
        sys.stderr.write('usage: include-graph.py [SRC_LIB]\n')
        return 2
    lib = sys.argv[1] if len(sys.argv) == 2 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'lib')
    stages = read_stages(lib)
    modules, problems = read_modules(lib, stages)
    graph, include_problems = uses(modules)
    problems += include_problems
    problems += stage_problems(graph, stages)
    problems += circles(graph)
    problems += ownership_problems(modules)

    for stage in stages:
        names = sorted(n for n in graph if n.startswith(stage + '/'))
        print('%s/' % stage)
        for name in names:
            used = sorted(graph[name], key=lambda u: (
                stages.index(u.split('/')[0]), u))
            print('  %-22s %s' % (name.split('/')[1],
                                  ' '.join(used) if used else '-'))
    for problem in problems:
        print('include-graph: %s' % problem)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
