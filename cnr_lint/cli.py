"""The command line: `cnr-lint [PATHS]` checks; `facts`, `rules`, `explain`, `schema` inform.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from cnr_lint import __version__
from cnr_lint.yamlfile import ConfigError

FORMATS = ("text", "json", "sarif", "github", "junit", "html")
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


class _DefaultToCheck(click.Group):
    """`cnr-lint dossiers/` means `cnr-lint check dossiers/`, as with ruff and yamllint."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        # click would print "Aborted!" and exit 1, the code of findings
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("cnr-lint: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cnr-lint")
def main() -> None:
    """Find figures that contradict each other in ARS "CNR santé" press dossiers.

    \b
    cnr-lint dossiers/                 lint a folder (the default command, `check`)
    cnr-lint facts dossiers/var.md     what cnr-lint understood of a dossier
    cnr-lint rules                     the rule catalogue
    cnr-lint explain CNR201            what a rule (code or name) checks, why, and an example
    """


def _fail(error: ConfigError) -> None:
    from cnr_lint.engine import shown_path

    # a file is named as reports name it; "command line" and other places that are no file stay
    path = shown_path(error.path) if os.path.isabs(error.path) else error.path
    where = f"{path}:{error.line}" if error.line else path
    click.echo(f"cnr-lint: error: {where}: {error.detail}", err=True)
    sys.exit(EXIT_USAGE)


def _config(config_path: str | None):
    from cnr_lint.api import configuration
    from cnr_lint.config import shadowed
    from cnr_lint.engine import shown_path

    config = configuration(config_path)
    if config.source and not config_path:
        for other in shadowed(Path(config.source)):
            click.echo(f"cnr-lint: warning: {shown_path(str(other))} is not read: {shown_path(config.source)} "
                       "configures cnr-lint (it comes first)", err=True)
    return config


def _context(config, extra_packs: tuple[str, ...], use_cache: bool = False):
    from cnr_lint.api import context

    found, cache = context(config, extra_packs, use_cache)
    for warning in found.pack.warnings:
        click.echo(f"cnr-lint: warning: {warning}", err=True)
    return found, cache


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (default: all). Repeatable or comma-separated.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes not to run.")
@click.option("--extend-select", multiple=True, help="Rule codes to add to the selection.")
@click.option("--rules", "extra_packs", multiple=True, type=click.Path(), help="An extra rule pack (file or folder). Repeatable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (default: found upward).")
@click.option("--fail-on", type=click.Choice(("error", "warning", "info")), help="Lowest severity that fails the run [default: warning].")
@click.option("--output", "-o", type=click.Path(), help="Write the report to this file.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write .cnr_lint_cache/.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes extracting dossiers [default: the core count].")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), help="Report only findings not recorded in this baseline.")
@click.option("--write-baseline", "write_baseline_path", type=click.Path(), help="Record today's findings in this file and exit 0.")
@click.option("--fix", "fix_files", is_flag=True, help="Apply the safe fixes to the named dossiers, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="Apply (or show) the unsafe fixes too.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
def check(paths, output_format, select, ignore, extend_select, extra_packs, config_path, fail_on, output,
          no_cache, jobs, baseline_path, write_baseline_path, fix_files, unsafe_fixes, show_diff) -> None:
    """Lint dossiers (files or folders; default: the current folder)."""
    import gc

    from cnr_lint import engine
    from cnr_lint.pipeline import load_corpus, usable_cores

    # The files found, the cache's entries and the corpus are tens of thousands of small objects
    # without cycles: the collector would walk them again and again as they pile up. It waits
    # until the corpus is loaded (and left out of its walks: `load_corpus`).
    gc.disable()
    try:
        config = _config(config_path)
        context, cache = _context(config, extra_packs, use_cache=not no_cache)
        selection = engine.select_rules(context, config, _codes(select), _codes(ignore), _codes(extend_select), fail_on)
        if not paths and not config.corpus:
            paths = (".",)
        for given in paths:
            if _missing(given):
                raise click.BadParameter(f"{given}: no such file or folder", param_hint="PATHS")
        found = engine.targets(tuple(paths), config)
        if not any(t.named for t in found):
            _no_dossiers(paths)
        known = None
        if baseline_path:
            from cnr_lint import baseline

            known = baseline.read(Path(baseline_path))
        if output or write_baseline_path:
            from cnr_lint.atomic import refuse_unwritable

            read = [t.path for t in found] + ([baseline_path] if baseline_path else [])
            for path, role in ((output, "report"), (write_baseline_path, "baseline")):
                if path:
                    refuse_unwritable(path, role, read)
    except ConfigError as error:
        _fail(error)
    with _progress(len(found), output_format) as progress:
        corpus = load_corpus(found, context, cache, jobs or usable_cores(), progress,
                             engine.document_checks(context, selection))
    gc.enable()
    # a folder that cannot be listed is shown even in the context: without it the corpus is incomplete
    named = {t.display for t in found if t.named or t.problem}
    findings = engine.check(corpus, named, context, selection, cache)
    if fix_files or show_diff or output_format in ("json", "html", "sarif"):
        from cnr_lint import fix

        findings = fix.propose(findings, corpus, selection)  # while the cache still holds the dossiers
    if output_format == "html":  # the report reads every dossier of its groups, after the cache is saved
        from cnr_lint.pipeline import Loaded

        corpus = [Loaded.of(item.dossier) for item in corpus]
    if cache:
        cache.save({t.display for t in found}, complete=all(t.named for t in found))
        if cache.problem:
            click.echo(f"cnr-lint: warning: the cache: {cache.problem}", err=True)
    if write_baseline_path:
        from cnr_lint import baseline

        try:
            baseline.write(write_baseline_path, findings)
        except ConfigError as error:
            _fail(error)
        from cnr_lint.report.text import counted

        click.echo(f"cnr-lint: recorded {counted(len(findings), 'finding')} in {write_baseline_path}", err=True)
        sys.exit(EXIT_CLEAN)
    shown = baseline.new_findings(findings, known) if known is not None else findings
    if fix_files or show_diff:
        from cnr_lint import write

        planned = write.plan(shown, unsafe_fixes, named)
        for note in planned.notes:
            click.echo(f"cnr-lint: {note}", err=True)
        if show_diff:  # fixes to make by hand are pending too
            click.echo("".join(r.diff() for r in planned.rewrites), nl=False)
            sys.exit(EXIT_FINDINGS if planned.rewrites or planned.by_hand else EXIT_CLEAN)
        written = []
        for rewrite in planned.rewrites:
            if write.apply(rewrite):
                written.append(rewrite)
            else:
                click.echo(f"cnr-lint: {rewrite.path}: changed while it was linted; not fixed", err=True)
        from cnr_lint.report.text import counted

        fixed = sum(len(r.fixed) for r in written)
        done = f"fixed {counted(fixed, 'finding')} in {counted(len(written), 'file')}" if fixed else "no fix applied"
        click.echo(f"cnr-lint: {done}", err=True)
        if written:  # lint again what was written: the report shows what is left
            corpus = load_corpus(found, context, None, jobs or usable_cores(),
                                 document=engine.document_checks(context, selection))
            findings = fix.propose(engine.check(corpus, named, context, selection), corpus, selection)
            shown = baseline.new_findings(findings, known) if known is not None else findings
    outcome = engine.Outcome(tuple(shown), tuple(sorted(named)), selection, baselined=len(findings) - len(shown))
    try:
        text = _render(outcome, output_format, output is None, corpus, context)
    except ConfigError as error:  # a rule's explanation, for SARIF
        _fail(error)
    if output:
        from cnr_lint.atomic import write_output

        try:
            write_output(output, text, "report")
        except ConfigError as error:
            _fail(error)
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_FINDINGS if outcome.failed else EXIT_CLEAN)


def _no_dossiers(paths: tuple[str, ...]) -> None:
    """As ruff: an existing place with nothing to lint is a warning, not a failure (a path that
    does not exist is a usage error)."""
    where = ", ".join(paths) if paths else "the configuration's corpus"
    click.echo(f"cnr-lint: warning: No dossiers found under {where}", err=True)


def _missing(path: str) -> bool:
    """No such path. One that cannot be looked at (a folder on the way is unreadable, or it is
    too long) is not missing: it is read, and reported unreadable (CNR001)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


_PROGRESS_FROM = 300


class _progress:
    """A progress bar on stderr for long runs on a terminal; nothing in pipes, CI or machine formats."""

    def __init__(self, total: int, output_format: str) -> None:
        self.enabled = (
            total >= _PROGRESS_FROM and output_format == "text" and sys.stderr.isatty() and not os.environ.get("CI")
        )
        self.total, self.done, self.shown = total, 0, -1

    def __enter__(self):
        return self.advance if self.enabled else None

    def advance(self, count: int) -> None:
        self.done += count
        percent = self.done * 100 // max(self.total, 1)
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4)
            sys.stderr.write(f"\rcnr-lint: reading [{bar:<25}] {self.done}/{self.total}")
            sys.stderr.flush()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _render(outcome, output_format: str, to_terminal: bool, corpus, context) -> str:
    findings = list(outcome.findings)
    files = len(outcome.named)
    if output_format == "html":
        from cnr_lint.report import html

        return html.render(findings, corpus, set(outcome.named), outcome.selection)
    if output_format == "json":
        from cnr_lint.report import json_format

        return json_format.render(findings, files, outcome.baselined)
    if output_format in ("sarif", "github", "junit"):
        import importlib

        from cnr_lint.explain import explained

        formatter = importlib.import_module(f"cnr_lint.report.{output_format}")
        rules = tuple(replace(rule, explain=explained(rule, context)) for rule in outcome.selection.rules)
        if output_format == "junit":  # its failures are what fails the run
            return formatter.render(findings, list(outcome.named), rules, outcome.selection.fail_on)
        return formatter.render(findings, list(outcome.named), rules)
    from cnr_lint.report import text

    colour = to_terminal and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return text.render(findings, files, colour, outcome.baselined)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(("table", "json")), default="table", show_default=True)
@click.option("--rules", "extra_packs", multiple=True, type=click.Path(), help="An extra rule pack (file or folder).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("--unmatched", is_flag=True, help="List the sentences with a number next to a figure word that gave no figure.")
def facts(paths, output_format, extra_packs, config_path, unmatched) -> None:
    """Show the figures, lists and dates cnr-lint understood in each dossier."""
    from cnr_lint import engine
    from cnr_lint.pipeline import load_targets, load_unmatched
    from cnr_lint.report import facts as facts_report

    for given in paths:
        if _missing(given):
            raise click.BadParameter(f"{given}: no such file or folder", param_hint="PATHS")
    try:
        config = _config(config_path)
        context, _ = _context(config, extra_packs)
    except ConfigError as error:
        _fail(error)
    named = [t for t in engine.targets(tuple(paths), replace(config, corpus=())) if t.named]
    if not named:
        _no_dossiers(paths)
    if unmatched:
        found = [(t.display, *load_unmatched(t.path, t.display, context)) for t in named]
        render = facts_report.render_unmatched_json if output_format == "json" else facts_report.render_unmatched
        click.echo(render([(path, sentences) for path, _, sentences in found]), nl=False)
        dossiers = [dossier for _, dossier, _ in found]
    else:
        dossiers = load_targets(named, context)
        if output_format == "json":
            click.echo(facts_report.render_json(dossiers), nl=False)
        else:
            table = facts_report.render_table(dossiers)
            if table:  # not when every file was unreadable: that is said on stderr
                click.echo(table)
    unread = [(dossier.path, note.message) for dossier in dossiers for note in dossier.notes if note.code == "unreadable"]
    for path, reason in unread:
        click.echo(f"cnr-lint: error: {path}: {reason}", err=True)
    if unread:  # as `check`, where such a file is CNR001, an error
        sys.exit(EXIT_FINDINGS)


@main.command("rules")
@click.option("--rules", "extra_packs", multiple=True, type=click.Path(), help="An extra rule pack (file or folder).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
def rules_command(extra_packs, config_path) -> None:
    """The rule catalogue: code, name, severity, summary."""
    from tabulate import tabulate

    try:
        context, _ = _context(_config(config_path), extra_packs)
    except ConfigError as error:
        _fail(error)
    rows = [(r.code, r.name, r.severity.value, r.summary) for r in sorted(context.pack.rules, key=lambda r: r.code)]
    click.echo(tabulate(rows, headers=("code", "name", "severity", "summary"), tablefmt="simple"))


@main.command()
@click.argument("code")
@click.option("--rules", "extra_packs", multiple=True, type=click.Path(), help="An extra rule pack (file or folder).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
def explain(code, extra_packs, config_path) -> None:
    """What a rule checks, why, an example, and how to silence it; or a check KIND's params and fields."""
    from cnr_lint import checks
    from cnr_lint.yamlfile import nearest, nearest_code

    if code in checks.KINDS:
        from cnr_lint.pack_schema import kind_manual

        click.echo(kind_manual(code))
        return
    try:
        context, _ = _context(_config(config_path), extra_packs)
    except ConfigError as error:
        _fail(error)
    wanted = code.strip().upper()
    rule = next((r for r in context.pack.rules if wanted in (r.code, r.name.upper())), None)
    if rule is None:
        hint = (nearest_code(wanted, [r.code for r in context.pack.rules])
                or nearest(code.strip().lower(), [r.name for r in context.pack.rules] + list(checks.KINDS)))
        click.echo(f"cnr-lint: error: unknown rule code, rule name or check kind {code!r}{hint}", err=True)
        sys.exit(EXIT_USAGE)
    lines = [f"{rule.code} {rule.name} [{rule.severity.value}]", "", rule.summary[:1].upper() + rule.summary[1:] + ".", ""]
    if rule.explain:
        from cnr_lint.explain import explained

        try:
            lines += [explained(rule, context).rstrip(), ""]
        except ConfigError as error:
            _fail(error)
    if rule.example:
        for title, texts in (("Example that fires", rule.example.bad), ("Example that passes", rule.example.good)):
            for number, text in enumerate(rule.example.files(texts), start=1):
                many = len(rule.example.files(texts)) > 1
                lines.append(f"{title}{f' (dossier {number})' if many else ''}:")
                lines += [f"    {line}".rstrip() for line in text.rstrip().splitlines()] + [""]
    lines += [
        "To silence it:",
        f"    on one line:         <!-- cnr-lint: disable-next-line {rule.code} --> on the line before",
        f"    in one file:         <!-- cnr-lint: disable {rule.code} -->",
        f"    in some files:       per-file-ignores = {{\"archive/*.md\" = [\"{rule.code}\"]}} in [tool.cnr-lint]",
        f"    everywhere:          --ignore {rule.code}, or ignore = [\"{rule.code}\"] in [tool.cnr-lint]",
    ]
    click.echo("\n".join(lines))


@main.command()
def schema() -> None:
    """The JSON Schema of a rule pack file, for editors' YAML validation."""
    import json

    from cnr_lint.pack_schema import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@main.command()
def server() -> None:
    """A language server over stdio, for editors: diagnostics as you type, hover, quick fixes."""
    from cnr_lint.server import serve

    serve()


@main.command("test-packs")
@click.argument("pack", type=click.Path(exists=True))
@click.argument("fixtures", required=False, type=click.Path(exists=True, file_okay=False))
@click.option("--own-rules", is_flag=True, help="Run only the pack's own rules on the fixtures (not the built-in ones).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file (its profiles: globs).")
def test_packs(pack, fixtures, own_rules, config_path) -> None:
    """Run the examples of a pack's rules, and its annotated fixture dossiers (`<!-- ruleid: CODE -->`,
    `<!-- ok: CODE -->`).

    Each rule's example must behave as it says: its bad dossiers give the rule, its good ones do
    not. Each folder of FIXTURES holding dossiers is one corpus. Exit 1 when anything fails.
    """
    from cnr_lint import packtest
    from cnr_lint.pack import BUILTIN_PACK_NAME, builtin_pack_dir

    builtin = Path(pack).resolve() == (builtin_pack_dir() / BUILTIN_PACK_NAME).resolve()
    packs = () if builtin else (pack,)
    try:
        config = _config(config_path) if config_path else None
        context = packtest.pack_context(packs, *(config,) if config else ())
        for warning in context.pack.warnings:
            click.echo(f"cnr-lint: warning: {warning}", err=True)
        examples = packtest.run_examples(context, context.pack.rules if builtin else packtest.own_rules(context))
        results = packtest.run_fixtures(packs, Path(fixtures), own_rules, *(config,) if config else ()) if fixtures else []
    except ConfigError as error:
        _fail(error)
    click.echo(packtest.render(results, examples), nl=False)
    if fixtures and not results:
        click.echo(f"cnr-lint: error: no fixture dossiers under {fixtures}", err=True)
        sys.exit(EXIT_USAGE)
    passed = all(r.as_expected for r in results) and all(e.passed for e in examples)
    sys.exit(EXIT_CLEAN if passed else EXIT_FINDINGS)
