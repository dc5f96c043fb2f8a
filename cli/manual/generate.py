#!/usr/bin/env python3
"""Writes winnow(1) and the bash completion from the built binary's own --help, so neither can drift from it.

usage: generate.py WINNOW_BINARY --man OUT.1 --completion OUT.bash [--date YYYY-MM-DD]
"""
import argparse
import re
import subprocess
import sys


def help_text(binary, path):
    """The --help output of `winnow PATH...`."""
    result = subprocess.run([binary, *path, "--help"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"generate.py: `winnow {' '.join(path)} --help` exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def section(text, name):
    """The lines of the help's section `name` ("Subcommands", "Options"), up to the next blank line."""
    match = re.search(rf"^{name}:\n((?:.+\n?)*)", text, re.M)
    return match.group(1).splitlines() if match else []


def subcommands(text):
    return [m.group(1) for m in (re.match(r"  (\w[\w-]*)\s{2,}", line) for line in section(text, "Subcommands")) if m]


def options(text):
    found = []
    for line in section(text, "Options"):
        match = re.match(r"  (-[^\s]+)", line)
        if match:
            found += [o for o in match.group(1).split(",") if o.startswith("-")]
    return found


def walk(binary, path=()):
    """Every command as (path, help text), depth first: winnow, winnow clean, winnow archive, winnow archive add, ..."""
    text = help_text(binary, list(path))
    commands = [(list(path), text)]
    for name in subcommands(text):
        commands += walk(binary, (*path, name))
    return commands


def roff_escape(line):
    line = line.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + line if line.startswith((".", "'")) else line


def man_page(commands, date):
    top = commands[0][1]
    summary = top.splitlines()[0]
    out = [f'.TH WINNOW 1 "{date}" "winnow" "User Commands"', ".SH NAME", "winnow \\- " + roff_escape(summary.split(": ", 1)[-1]),
           ".SH SYNOPSIS", ".B winnow", "[\\fIOPTIONS\\fR] \\fISUBCOMMAND\\fR ...", ".SH DESCRIPTION",
           "The text below is the output of \\fBwinnow ... \\-\\-help\\fR for each command."]
    for path, text in commands:
        out += [".SH " + ("WINNOW " + " ".join(path)).upper().strip(), ".nf"]
        out += [roff_escape(line) for line in text.rstrip("\n").splitlines()]
        out.append(".fi")
    return "\n".join(out) + "\n"


def completion(commands):
    cases = []
    for path, text in commands:
        words = subcommands(text) + options(text)
        key = " ".join(path)
        cases.append(f'    "{key}") words="{" ".join(words)}" ;;')
    return f"""# bash completion for winnow, generated from its --help by cli/manual/generate.py
_winnow() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} path="" word i words
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${{COMP_WORDS[i]}}
    case "$word" in -*) continue ;; esac
    case " $(_winnow_words "${{path# }}") " in *" $word "*) path="$path $word" ;; esac
  done
  words=$(_winnow_words "${{path# }}")
  if [[ $cur == -* || -n $words ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
  [[ ${{#COMPREPLY[@]}} -eq 0 ]] && COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}}
_winnow_words() {{
  local words=""
  case "$1" in
{chr(10).join(cases)}
  esac
  echo "$words"
}}
complete -F _winnow winnow
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--man", required=True)
    parser.add_argument("--completion", required=True)
    parser.add_argument("--date", default="2026")
    args = parser.parse_args()
    commands = walk(args.binary)
    with open(args.man, "w", encoding="utf-8") as out:
        out.write(man_page(commands, args.date))
    with open(args.completion, "w", encoding="utf-8") as out:
        out.write(completion(commands))


if __name__ == "__main__":
    main()
