"""A real LSP client (pygls's LanguageClient) driving `cnr-lint server` as a subprocess over stdio."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Callable

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 60


def uri(path: Path) -> str:
    return path.resolve().as_uri()


class Session:
    """One server process, its published diagnostics kept per document as they arrive."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("cnr-lint-tests", "1")
        self.published: dict[str, list[list[types.Diagnostic]]] = {}
        self.logged: list[str] = []
        self._changed = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(list(params.diagnostics))
            self._changed.set()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams) -> None:
            self.logged.append(params.message)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_show(params: types.ShowMessageParams) -> None:
            self.logged.append(params.message)

    async def start(self) -> types.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "cnr_lint", "server", cwd=str(self.root))
        result = await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(),
                    root_uri=uri(self.root),
                    workspace_folders=[types.WorkspaceFolder(uri=uri(self.root), name=self.root.name)],
                )
            ),
            TIMEOUT,
        )
        self.client.initialized(types.InitializedParams())
        return result

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> None:
        self.versions[uri(path)] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(
                    uri=uri(path), language_id=language, version=1,
                    text=path.read_text(encoding="utf-8") if text is None else text,
                )
            )
        )

    def replace_all(self, path: Path, text: str) -> None:
        self.versions[uri(path)] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=self.versions[uri(path)]),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def diagnostics(self, path: Path, until: Callable[[list[types.Diagnostic]], bool]) -> list[types.Diagnostic]:
        """The first diagnostics published for `path`, from now on or already, that satisfy `until`."""
        key = uri(path)

        async def wait() -> list[types.Diagnostic]:
            seen = 0
            while True:
                batches = self.published.get(key, [])
                for batch in batches[seen:]:
                    if until(batch):
                        return batch
                seen = len(batches)
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def stop(self) -> int | None:
        """shutdown, then exit, as an editor closes; the server's exit code."""
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        process = self.client._server
        code = await asyncio.wait_for(process.wait(), TIMEOUT) if process else None
        await self.client.stop()
        return code
