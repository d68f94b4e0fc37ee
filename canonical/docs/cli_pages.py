"""The CLI reference, generated from the click command tree itself.

The root command is passed in by the caller (``canonical.cli`` sits above this layer), and
every group is walked recursively, so a new command or option appears in the docs the next
time the site is built.
"""

from __future__ import annotations

import inspect

import click

from canonical.docs.markdown import code, fenced, table


def _walk(command: click.Command, path: tuple[str, ...],
          parent: click.Context | None) -> list[tuple[tuple[str, ...], click.Command, click.Context]]:
    ctx = click.Context(command, info_name=path[-1], parent=parent)
    found = [(path, command, ctx)]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                found.extend(_walk(sub, (*path, name), ctx))
    return found


def commands(root: click.Command, prog: str = "canon") -> list[tuple[str, ...]]:
    """Every command path, e.g. ``("canon", "schema", "diff")`` (the completeness test uses it)."""
    return [path for path, _, _ in _walk(root, (prog,), None)]


def _type(param: click.Parameter) -> str:
    kind = param.type
    if isinstance(kind, click.Choice):
        return " | ".join(str(c) for c in kind.choices)  # cells escape the pipes
    if getattr(param, "is_flag", False):
        return "flag"
    return kind.name.upper() if kind.name else ""


def _default(param: click.Parameter, ctx: click.Context) -> str:
    if getattr(param, "is_flag", False):
        return ""
    value = param.get_default(ctx, call=False)
    unset = type(value).__name__ == "Sentinel"  # click >= 8.3: no default given
    if value is None or value == () or callable(value) or unset:
        return ""
    return code(value)


def _params(command: click.Command, ctx: click.Context) -> str:
    rows = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):  # deprecated spellings (cli-conventions.md)
            continue
        if isinstance(param, click.Option):
            names = ", ".join(code(o) for o in (*param.opts, *param.secondary_opts))
            help_text = param.help or ""
        else:
            names = code(param.human_readable_name)
            help_text = "argument" + (" (one or more)" if param.nargs == -1 else "")
        rows.append((names, _type(param), "yes" if param.required else "no",
                     _default(param, ctx), help_text))
    return table(("Option / argument", "Type", "Required", "Default", "Help"), rows) if rows else ""


def _section(path: tuple[str, ...], command: click.Command, ctx: click.Context) -> str:
    title = " ".join(path)
    anchor = "-".join(path)
    usage = " ".join(command.collect_usage_pieces(ctx))
    help_text = inspect.cleandoc(command.help or "")
    out = [f"{'#' * min(len(path) + 1, 4)} {code(title)} {{ #{anchor} }}\n",
           fenced("console", f"{title} {usage}".rstrip())]
    if help_text:
        out.append(click.unstyle(help_text).replace("\b\n", "") + "\n")
    if isinstance(command, click.Group):
        subs = [(code(f"{title} {name}"), (command.get_command(ctx, name) or command)
                 .get_short_help_str(limit=90)) for name in command.list_commands(ctx)]
        out.append(table(("Command", "What it does"), subs))
    params = _params(command, ctx)
    if params:
        out.append(params)
    return "\n".join(out)


def render_cli(root: click.Command, prog: str = "canon") -> str:
    sections = [_section(path, command, ctx) for path, command, ctx in _walk(root, (prog,), None)]
    intro = ("# Command line reference\n\nGenerated from the `canon` command tree. Exit codes "
             "are the same for every command: `0` success, `1` findings (the input was read but "
             "is not valid or cannot be mapped), `2` usage error or unreadable input. Option "
             "names, `-` for standard input and `-o FILE` are the same on every command: see "
             "[Command line conventions](cli-conventions.md).\n")
    return intro + "\n" + "\n".join(sections)
