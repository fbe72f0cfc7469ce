"""The development servers behind ``invoke serve`` and ``invoke livereload``.

Both answer a missing page with the site's own ``404.html`` and status 404.
The live-reload server loads its client as a script file from the site's own
address: every page's Content-Security-Policy allows ``script-src 'self'``
and no inline script, which is what livereload injects by default. The
policy itself is the published one, unrelaxed.
"""

from __future__ import annotations

import re
from pathlib import Path

from pelican.server import ComplexHTTPRequestHandler

#: The page served, with status 404, for an address that has no file.
NOT_FOUND_PAGE = "404.html"
#: livereload ignores a change within this many seconds of the last reload or of
#: the first browser connecting (3 by default): the site was rebuilt, the tab
#: not reloaded. Every rebuild reloads the tab.
RELOAD_MIN_SECONDS = 0


#: ``404.html``'s links are relative to the site's top (``RELATIVE_URLS``), and it
#: is served at any depth: from the server's root they are absolute paths.
_RELATIVE_LINK = re.compile(rb'((?:href|src|action)=")\./')


def not_found_body(root: str | Path) -> bytes | None:
    """The site's ``404.html`` as served from its top folder, when it has one."""
    page = Path(root) / NOT_FOUND_PAGE
    return _RELATIVE_LINK.sub(rb"\1/", page.read_bytes()) if page.is_file() else None


class SiteRequestHandler(ComplexHTTPRequestHandler):
    """Pelican's handler, answering a missing file with ``404.html`` (it sent nothing)."""

    def do_GET(self):
        self._serve(head_only=False)

    def do_HEAD(self):
        self._serve(head_only=True)

    def _serve(self, head_only):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        found = self.get_path_that_exists(path)
        if not found:
            self._not_found(head_only)
            return
        self.path = found
        if head_only:
            super(ComplexHTTPRequestHandler, self).do_HEAD()
        else:
            super(ComplexHTTPRequestHandler, self).do_GET()

    def get_path_that_exists(self, original_path):
        # Pelican's method logs a warning for every miss; the 404 line is logged instead.
        trailing = original_path.endswith("/")
        stripped = original_path.rstrip("/")
        for suffix in self.SUFFIXES:
            if suffix == "/" and not trailing:
                continue
            candidate = stripped + suffix
            if Path(self.translate_path(candidate)).exists():
                return candidate
        return None

    def _not_found(self, head_only):
        body = not_found_body(self.base_path)
        if body is None:
            self.send_error(404, "Not found (and the site has no 404.html)")
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)


def live_reload_server(root: str | Path):
    """A ``livereload.Server`` serving ``root``, its client a script file, 404s as the site's."""
    from livereload import Server
    from livereload.handlers import (
        ForceReloadHandler,
        LiveReloadHandler,
        LiveReloadJSHandler,
        StaticFileHandler,
    )
    from livereload.server import LiveScriptInjector
    from tornado import web

    class SiteFileHandler(StaticFileHandler):
        def write_error(self, status_code, **kwargs):
            body = not_found_body(root) if status_code == 404 else None
            if body is None:
                super().write_error(status_code, **kwargs)
                return
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(body)

    class CspServer(Server):
        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.DEFAULT_RELOAD_TIME = RELOAD_MIN_SECONDS
            LiveReloadHandler.live_css = live_css
            # livereload.js reads its port from its own address and connects back to it.
            tag = f'<script src="/livereload.js?port={int(port)}"></script>'.encode()

            class ScriptFile(LiveScriptInjector):
                script = tag

            handlers = [
                (r"/livereload", LiveReloadHandler),
                (r"/forcereload", ForceReloadHandler),
                (r"/livereload.js", LiveReloadJSHandler),
                *self.get_web_handlers(tag),
            ]
            app = web.Application(handlers=handlers, debug=bool(debug), transforms=[ScriptFile])
            app.listen(port, address=host)

    server = CspServer()
    server.SFH = SiteFileHandler
    server.root = str(root)
    return server
