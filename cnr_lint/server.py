"""`cnr-lint server`: a language server over stdio, for editors.

The workspace folder is the corpus, loaded once through the cache. An open dossier is linted from
its unsaved text, with the rest of the workspace as context, and every other open dossier whose
cross-dossier findings the change may alter is published again. Nothing an editor sends stops the
server: a request it cannot serve is answered empty and logged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path

from cnr_lint import __version__
from cnr_lint.api import Workspace
from cnr_lint.config import CONFIG_NAMES, Config
from cnr_lint.models import Figure, Finding, Fix, Severity, Span
from cnr_lint.read import TEXT_SUFFIXES
from cnr_lint.yamlfile import ConfigError

# A dossier is a few hundred kilobytes; a larger buffer is linted on the command line, not at
# every keystroke (extracting megabytes would keep the editor waiting).
MAX_LIVE_CHARACTERS = 2_000_000
_SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_PACK_SUFFIXES = (".yaml", ".yml")
log = logging.getLogger("cnr-lint.server")


class _Unreadable:
    """A message that could not be read: answered already, nothing more to do with it."""

    jsonrpc = "unreadable"


class AnsweringProtocol(LanguageServerProtocol):
    """pygls logs a request whose parameters it cannot read, but answers nothing, and the editor
    would wait for that answer for ever: answer it with the error."""

    def structure_message(self, data):
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
            return _Unreadable()


class DossierServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "cnr-lint", __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=AnsweringProtocol,
        )
        self.root: Path | None = None
        self.corpus: Workspace | None = None
        self.config_problem: ConfigError | None = None
        self.fixes: dict[str, list[tuple[types.Diagnostic, Fix]]] = {}  # by URI, as last published

    # -- the workspace ---------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)load the corpus; a configuration or pack it cannot use is shown on that file, and
        the built-in rules serve meanwhile."""
        problem = self.config_problem
        self.config_problem = None
        try:
            self.corpus = Workspace()
        except ConfigError as error:
            self.config_problem = error
            self.corpus = Workspace(Config())
        if problem and (not self.config_problem or problem.path != self.config_problem.path):
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=_uri(problem.path), diagnostics=[]))
        if self.config_problem:
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=_uri(self.config_problem.path), diagnostics=[_config_diagnostic(self.config_problem)])
            )
        for document in self.open_dossiers():
            self.corpus.update(document, self.workspace.get_text_document(_uri(document)).source)

    def path_of(self, uri: str) -> str | None:
        """The corpus path of a document (as the command line names it), or None when it is not a
        dossier file of this workspace."""
        parsed = urlparse(uri)
        if parsed.scheme != "file" or self.root is None:
            return None
        path = Path(unquote(parsed.path))
        if not path.name.lower().endswith(TEXT_SUFFIXES):  # a PDF or Word file is no editor buffer
            return None
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return None

    def open_dossiers(self) -> list[str]:
        paths = (self.path_of(uri) for uri in list(self.workspace.text_documents))
        return [path for path in paths if path]

    def publish(self, paths: Sequence[str]) -> None:
        assert self.corpus is not None
        live = [path for path in paths if len(self._text(path)) <= MAX_LIVE_CHARACTERS]
        by_path = self.corpus.findings(live)
        for path in paths:
            fixes = []
            if path in by_path:
                diagnostics = []
                for finding in by_path[path]:
                    diagnostics.append(self.diagnostic(finding))
                    if finding.fix is not None:
                        fixes.append((diagnostics[-1], finding.fix))
            else:
                diagnostics = [_too_large(len(self._text(path)))]
            self.fixes[_uri(path)] = fixes
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=_uri(path), diagnostics=diagnostics))

    def affected(self, path: str) -> list[str]:
        """The open dossiers whose findings a change of `path` may alter: itself and its group's."""
        assert self.corpus is not None
        group = set(self.corpus.group_of(path))
        return [path, *(other for other in self.open_dossiers() if other != path and other in group)]

    def _text(self, path: str) -> str:
        return self.workspace.get_text_document(_uri(path)).source

    # -- positions -------------------------------------------------------------------------------

    def lines(self, path: str) -> Sequence[str]:
        uri = _uri(path)
        if uri in self.workspace.text_documents:
            return self.workspace.get_text_document(uri).lines
        try:
            from cnr_lint.read import read_path

            source = read_path(path)
            return getattr(source, "lines", ())
        except OSError:
            return ()

    def range(self, path: str, span: Span) -> types.Range:
        lines = self.lines(path)
        codec = self.workspace.position_codec
        start = codec.position_to_client_units(lines, types.Position(span.line - 1, span.column - 1))
        end = codec.position_to_client_units(lines, types.Position(span.end_line - 1, span.end_column - 1))
        return types.Range(start, end)

    def diagnostic(self, finding: Finding) -> types.Diagnostic:
        return types.Diagnostic(
            range=self.range(finding.location.path, finding.location.span),
            message=finding.message,
            severity=_SEVERITIES[finding.severity],
            code=finding.code,
            source="cnr-lint",
            related_information=[
                types.DiagnosticRelatedInformation(
                    location=types.Location(uri=_uri(place.path), range=self.range(place.path, place.span)),
                    message=place.message or finding.message,
                )
                for place in finding.related
            ]
            or None,
            data={"name": finding.name},
        )


def _uri(path: str) -> str:
    return from_fs_path(os.path.abspath(path)) or path


def _config_diagnostic(error: ConfigError) -> types.Diagnostic:
    line = max((error.line or 1) - 1, 0)
    return types.Diagnostic(
        range=types.Range(types.Position(line, 0), types.Position(line + 1, 0)),
        message=f"{error.detail} (the built-in rules are used until this is fixed)",
        severity=types.DiagnosticSeverity.Error,
        source="cnr-lint",
    )


def _too_large(characters: int) -> types.Diagnostic:
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"{characters:,} characters: too large to lint as you type; run `cnr-lint` on this file",
        severity=types.DiagnosticSeverity.Information,
        source="cnr-lint",
    )


def _figure_at(figures: Sequence[Figure], position: types.Position, lines: Sequence[str], codec) -> Figure | None:
    for figure in figures:
        span = figure.span
        start = codec.position_to_client_units(lines, types.Position(span.line - 1, span.column - 1))
        end = codec.position_to_client_units(lines, types.Position(span.end_line - 1, span.end_column - 1))
        if (start.line, start.character) <= (position.line, position.character) <= (end.line, end.character):
            return figure
    return None


def _value(figure: Figure) -> str:
    def number(value: float | None) -> str:
        if value is None:
            return "∞"
        return f"{int(value):,}".replace(",", " ") if float(value).is_integer() else f"{value:,.2f}".replace(",", " ")

    if figure.low == figure.high and figure.bounds == "[]":
        return number(figure.low)
    return f"{figure.bounds[0]}{number(figure.low)}, {number(figure.high)}{figure.bounds[1]}"


def describe(figure: Figure, compared: Sequence[tuple[str, Figure]]) -> str:
    """The hover text: what cnr-lint understood of a figure, and what it is compared with."""
    lines = [f"**{figure.name}** = {_value(figure)} {figure.unit}", "", f"as written: « {figure.text} »"]
    if figure.as_of is not None:
        lines.append(f"as of: {figure.as_of_text or ''} ({figure.as_of.start} … {figure.as_of.end})")
    lines.append(f"scope: {figure.scope}" + (f" ({figure.department})" if figure.department else ""))
    if compared:
        lines += ["", "compared with:"]
        for path, other in compared:
            agree = "agrees" if figure.agrees_with(other) else "differs"
            lines.append(f"- {path}:{other.span.line}: {_value(other)} « {other.text} » ({agree})")
    else:
        lines += ["", "no other dossier of its campaign and region states it"]
    return "\n".join(lines)


def build() -> DossierServer:
    server = DossierServer()

    @server.feature(types.INITIALIZED)
    def initialized(ls: DossierServer, _params: types.InitializedParams) -> None:
        root = ls.workspace.root_path or os.getcwd()
        ls.root = Path(root).resolve()
        # Paths are named as the command line names them, relative to the workspace folder, and
        # the configuration is found upward from there, as a run of `cnr-lint` there would.
        os.chdir(ls.root)
        ls.load()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: DossierServer, params: types.DidOpenTextDocumentParams) -> None:
        _lint(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: DossierServer, params: types.DidChangeTextDocumentParams) -> None:
        _lint(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: DossierServer, params: types.DidSaveTextDocumentParams) -> None:
        if _is_configuration(ls, params.text_document.uri):
            ls.load()
            ls.publish(ls.open_dossiers())
        else:
            _lint(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: DossierServer, params: types.DidCloseTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if path is None or ls.corpus is None:
            return
        affected = [p for p in ls.affected(path) if p != path]
        ls.corpus.update(path, None)
        ls.fixes.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
        ls.publish(affected)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: DossierServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_configuration(ls, change.uri) for change in params.changes):
            ls.load()
            ls.publish(ls.open_dossiers())
            return
        open_now = set(ls.open_dossiers())
        for change in params.changes:
            path = ls.path_of(change.uri)
            if path and path not in open_now and ls.corpus is not None:
                ls.corpus.update(path, None)
        ls.publish(ls.open_dossiers())

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: DossierServer, params: types.HoverParams) -> types.Hover | None:
        path = ls.path_of(params.text_document.uri)
        if path is None or ls.corpus is None:
            return None
        dossier = ls.corpus.dossier(path)
        if dossier is None:
            return None
        lines = ls.workspace.get_text_document(params.text_document.uri).lines
        figure = _figure_at(dossier.figures, params.position, lines, ls.workspace.position_codec)
        if figure is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=describe(figure, ls.corpus.compared_figures(path, figure))),
            range=ls.range(path, figure.span),
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: DossierServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        path = ls.path_of(params.text_document.uri)
        if path is None:
            return []
        actions = []
        uri = params.text_document.uri
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != "cnr-lint" or not isinstance(diagnostic.code, str):
                continue
            for published, fix in ls.fixes.get(uri, ()):
                if (published.code, published.range, published.message) == (diagnostic.code, diagnostic.range, diagnostic.message):
                    actions.append(
                        types.CodeAction(
                            title=f"Fix: {fix.message}" + ("" if fix.safe else " (unsafe: check it)"),
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[diagnostic],
                            is_preferred=fix.safe,
                            edit=types.WorkspaceEdit(changes={
                                uri: [types.TextEdit(range=ls.range(path, edit.span), new_text=edit.replacement) for edit in fix.edits]
                            }),
                        )
                    )
            line = diagnostic.range.start.line
            comment = f"<!-- cnr-lint: disable-next-line {diagnostic.code} -->"
            newline = _line_end(ls.workspace.get_text_document(params.text_document.uri).lines)
            actions.append(
                types.CodeAction(
                    title=f"Disable {diagnostic.code} for this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(
                        changes={
                            params.text_document.uri: [
                                types.TextEdit(
                                    range=types.Range(types.Position(line, 0), types.Position(line, 0)),
                                    new_text=comment + newline,
                                )
                            ]
                        }
                    ),
                )
            )
        return actions

    return server


def _line_end(lines: Sequence[str]) -> str:
    for line in lines:
        if line.endswith("\r\n"):
            return "\r\n"
        if line.endswith("\r"):
            return "\r"
    return "\n"


def _is_configuration(ls: DossierServer, uri: str) -> bool:
    """A configuration file, the file of the last configuration error, or a file of a configured pack."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return False
    path = Path(unquote(parsed.path)).resolve()
    if path.name in CONFIG_NAMES:
        return True
    if ls.config_problem and Path(ls.config_problem.path).resolve() == path:
        return True
    if ls.corpus is None or path.suffix not in _PACK_SUFFIXES:
        return False
    config = ls.corpus.config
    packs = [(config.root / pack).resolve() for pack in config.rules]
    return any(path == pack or pack in path.parents for pack in packs)


def _lint(ls: DossierServer, uri: str) -> None:
    path = ls.path_of(uri)
    if path is None:
        log.info("not a dossier of the workspace, not linted: %s", uri)
        return
    if ls.corpus is None:
        ls.load()
    assert ls.corpus is not None
    text = ls.workspace.get_text_document(uri).source
    if len(text) > MAX_LIVE_CHARACTERS:
        ls.publish([path])
        return
    ls.corpus.update(path, text)
    ls.publish(ls.affected(path))


def serve() -> None:
    """Serve over stdio until the client says exit (or goes away)."""
    build().start_io()
