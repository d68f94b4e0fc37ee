"""Rules of file reading and writing (IO-010..IO-079), and the IO-0xx rules every guarded
reader shares (first declared with :mod:`canonical.reading`, which re-exports them)."""

from __future__ import annotations

from canonical.rules import Scope, rule

UNREADABLE = rule(
    "IO-001", "The input file cannot be opened (missing, a directory, no permission).", Scope.INPUT
)
ENCODING = rule("IO-002", "The input is not UTF-8 text.", Scope.INPUT)
DEPTH = rule("IO-005", "The input is nested too deeply.", Scope.INPUT)
TOO_LARGE = rule("IO-006", "The input is larger than the configured limit.", Scope.INPUT)

WRITE_FAILED = rule(
    "IO-010", "A file could not be written; the previous file is left intact.", Scope.INPUT)
NOT_REGULAR = rule(
    "IO-011", "The input is not a regular file (a FIFO, device or socket is never read).",
    Scope.INPUT)
YAML_SYNTAX = rule("IO-020", "The input is not valid YAML.", Scope.INPUT)
YAML_DUPLICATE_KEY = rule(
    "IO-021", "A YAML mapping names the same key twice (which value counts would be a guess).",
    Scope.INPUT)
YAML_ALIASES = rule(
    "IO-022", "YAML aliases expand beyond the node limit, or refer to themselves.", Scope.INPUT)
YAML_DEPTH = rule("IO-023", "The YAML document is nested too deeply.", Scope.INPUT)
YAML_TAG = rule(
    "IO-024", "A YAML tag that builds objects (python/..., custom tags) is never loaded.",
    Scope.INPUT)
GIT_SPEC = rule(
    "IO-030", "A git:REV:path argument is malformed or its revision looks like an option.",
    Scope.INPUT)
GIT_FAILED = rule(
    "IO-031", "git could not read the revision or path (missing, not a repository).", Scope.INPUT)
RELEASE_DAMAGED = rule(
    "IO-040", "A release snapshot or its checksum list is damaged; the rerun refuses to guess.",
    Scope.INPUT)
# s6-stream (issue 20): a file read twice by one command
CHANGED_WHILE_READ = rule(
    "IO-080", "An input file changed while the command read it (a second read would see other "
    "records); validate a finished file.", Scope.INPUT)
