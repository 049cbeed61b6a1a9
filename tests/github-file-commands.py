"""Read a $GITHUB_OUTPUT or $GITHUB_ENV file as the GitHub Actions runner
does on Linux, and print what it sets as JSON (a list of [name, value]
pairs, in order).  Exit 1, saying why, where the runner would fail.

The rules, from GitHub's documentation of workflow commands ("Setting an
output parameter", "Multiline strings") and the runner's file command
reader: the file is UTF-8 text (the runner would replace bytes that are
not; pyprobe refuses to write them, so here they are an error); lines
end with \\n; empty lines are skipped; a line is NAME=VALUE when its
first "=" comes before any "<<", and VALUE is the rest of the line; it is
NAME<<DELIMITER when "<<" comes first, and then the value is every
following line up to the first one that is exactly DELIMITER, joined
with \\n (without the newline before the delimiter); a missing
delimiter, an empty name or delimiter, or a line with neither form is an
error.

Usage: python3 github-file-commands.py FILE
"""
import json
import sys


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


def main():
    with open(sys.argv[1], "rb") as stream:
        data = stream.read()
    try:
        pairs = parse(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        print("runner: %s" % error, file=sys.stderr)
        return 1
    json.dump(pairs, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
