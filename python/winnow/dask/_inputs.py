"""Which WARC files a cluster run reads, and the name of each one's output shard."""

import glob
import hashlib
import os
import re
from typing import Dict, Iterable, List

_WARC_NAME = re.compile(r"\.warc(\.gz|\.zst)?$", re.IGNORECASE)


class InputError(ValueError):
    """An input argument that names no readable WARC file; the message says which and why."""


def _is_list_file(path: str) -> bool:
    """A text file listing WARC paths: any existing file not named *.warc[.gz|.zst] whose first bytes are text."""
    if _WARC_NAME.search(path):
        return False
    with open(path, "rb") as f:
        head = f.read(512)
    if head.startswith(b"WARC/") or head[:2] == b"\x1f\x8b" or head[:4] in (b"\x28\xb5\x2f\xfd", b"\x5d\x2a\x4d\x18"):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _listed(list_file: str) -> List[str]:
    base = os.path.dirname(os.path.abspath(list_file))
    paths = []
    with open(list_file, encoding="utf-8") as f:
        for line in f:
            entry = line.strip()
            if entry and not entry.startswith("#"):
                paths.append(os.path.join(base, entry))  # relative entries are relative to the list's folder
    return paths


def expand_inputs(arguments: Iterable[str]) -> List[str]:
    """Absolute paths of the WARC files the arguments name: files, globs ("crawl/*.warc.gz"), or text files
    listing one path (or glob) per line ('#' starts a comment). In argument order, each path once. Raises
    InputError for an argument that matches nothing or a path that is not a readable file."""
    paths: List[str] = []
    seen = set()

    def add(path: str, origin: str) -> None:
        absolute = os.path.abspath(path)
        if not os.path.isfile(absolute):
            raise InputError(f"{origin}: {path}: no such file" if not os.path.exists(absolute)
                             else f"{origin}: {path}: not a file")
        if not os.access(absolute, os.R_OK):
            raise InputError(f"{origin}: {path}: permission denied")
        if absolute not in seen:
            seen.add(absolute)
            paths.append(absolute)

    def expand(argument: str, origin: str) -> None:
        if glob.has_magic(argument):
            matches = sorted(glob.glob(argument))
            if not matches:
                raise InputError(f"{origin}: {argument}: no file matches")
            for match in matches:
                add(match, origin)
        elif os.path.isfile(argument) and _is_list_file(argument):
            for entry in _listed(argument):
                expand(entry, argument)
        else:
            add(argument, origin)

    for argument in arguments:
        expand(os.fspath(argument), "input")
    if not paths:
        raise InputError("no input files")
    return paths


def shard_names(paths: List[str]) -> Dict[str, str]:
    """Each input's shard name: its file name, with a short hash of its full path added when two inputs share
    a file name, so every input has its own shard."""
    by_name: Dict[str, int] = {}
    for path in paths:
        by_name[os.path.basename(path)] = by_name.get(os.path.basename(path), 0) + 1
    names = {}
    for path in paths:
        name = os.path.basename(path)
        if by_name[name] > 1:
            name = f"{name}-{hashlib.sha1(path.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}"
        names[path] = name
    return names
