"""What the GitHub Actions runner does with a step's files and run: lines,
as far as pyprobe's tests need it, on Linux.

  python3 github_runner.py parse FILE
      read a $GITHUB_OUTPUT or $GITHUB_ENV file and print what it sets as
      JSON (a list of [name, value] pairs, in order); exit 1, saying why,
      where the runner would fail.
  python3 github_runner.py run WORKFLOW JOB
      run the `run:` steps of JOB in WORKFLOW (YAML, needs PyYAML) with
      sh -e, as the runner would: a fresh $GITHUB_OUTPUT and $GITHUB_ENV
      file per step, read after it; what a step sets in $GITHUB_ENV is in
      the environment of the later steps; ${{ steps.ID.outputs.NAME }} and
      ${{ env.NAME }} are replaced before a step runs. `uses:` steps are
      skipped (the caller sets up PATH instead, as setup-python would).

The file format, from GitHub's documentation of workflow commands
("Setting an output parameter", "Setting an environment variable",
"Multiline strings") and the runner's file command reader: the file is
UTF-8 text (the runner would replace bytes that are not; pyprobe refuses
to write them, so here they are an error); lines end with \\n; empty lines
are skipped; a line is NAME=VALUE when its first "=" comes before any
"<<", and VALUE is the rest of the line; it is NAME<<DELIMITER when "<<"
comes first, and then the value is every following line up to the first
one that is exactly DELIMITER, joined with \\n (without the newline before
the delimiter); a missing delimiter, an empty name or delimiter, or a line
with neither form is an error.
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def parse(text):
    lines = text.split("\n")
    # A final newline ends the last line; it does not start another.
    if lines and lines[-1] == "":
        lines.pop()
    pairs = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line == "":
            continue
        equals, heredoc = line.find("="), line.find("<<")
        if equals >= 0 and (heredoc < 0 or equals < heredoc):
            name, value = line.split("=", 1)
            if not name:
                raise ValueError("empty name: %r" % line)
        elif heredoc >= 0:
            name, delimiter = line.split("<<", 1)
            if not name or not delimiter:
                raise ValueError("empty name or delimiter: %r" % line)
            value_lines = []
            while True:
                if i >= len(lines):
                    raise ValueError("matching delimiter not found: %r"
                                     % delimiter)
                if lines[i] == delimiter:
                    i += 1
                    break
                value_lines.append(lines[i])
                i += 1
            value = "\n".join(value_lines)
        else:
            raise ValueError("invalid format: %r" % line)
        pairs.append([name, value])
    return pairs


def parse_file(path):
    with open(path, "rb") as stream:
        return parse(stream.read().decode("utf-8"))


EXPRESSION = re.compile(r"\$\{\{\s*(steps\.([\w-]+)\.outputs\.(\w+)|"
                        r"env\.(\w+))\s*\}\}")


def run(workflow, job):
    import yaml
    with open(workflow) as stream:
        steps = yaml.safe_load(stream)["jobs"][job]["steps"]
    env = dict(os.environ)
    outputs = {}
    for number, step in enumerate(steps, 1):
        if "run" not in step:
            print("runner: step %d: skipped (uses: %s)"
                  % (number, step.get("uses")), file=sys.stderr)
            continue

        def value(match):
            if match.group(2):
                return outputs.get(match.group(2), {}).get(match.group(3), "")
            return env.get(match.group(4), "")
        script = EXPRESSION.sub(value, step["run"])
        with tempfile.TemporaryDirectory() as files:
            step_env = dict(env, GITHUB_OUTPUT=os.path.join(files, "output"),
                            GITHUB_ENV=os.path.join(files, "env"))
            step_env.update({k: str(v) for k, v in
                             (step.get("env") or {}).items()})
            for name in ("output", "env"):
                open(os.path.join(files, name), "w").close()
            print("runner: step %d: %s" % (number, step.get("name", "run")),
                  file=sys.stderr)
            sys.stdout.flush()
            code = subprocess.call(["sh", "-e", "-c", script], env=step_env)
            if code:
                print("runner: step %d failed with exit status %d"
                      % (number, code), file=sys.stderr)
                return 1
            if "id" in step:
                outputs[step["id"]] = dict(
                    parse_file(os.path.join(files, "output")))
            env.update(parse_file(os.path.join(files, "env")))
    return 0


def main():
    try:
        if sys.argv[1:2] == ["parse"] and len(sys.argv) == 3:
            json.dump(parse_file(sys.argv[2]), sys.stdout)
            print()
            return 0
        if sys.argv[1:2] == ["run"] and len(sys.argv) == 4:
            return run(sys.argv[2], sys.argv[3])
    except (UnicodeDecodeError, ValueError) as error:
        print("runner: %s" % error, file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
