"""Project tasks (invoke), in the style of Pelican's quickstart ``tasks.py``."""

import contextlib
import gc
import json
import logging
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from pathlib import Path

import pelican
from invoke import task
from invoke.main import program
from pelican import main as pelican_cli
from pelican.log import console
from pelican.server import RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

OPEN_BROWSER_ON_SERVE = os.environ.get("CI") is None
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS = {}
SETTINGS.update(DEFAULT_CONFIG)
LOCAL_SETTINGS = get_settings_from_file(SETTINGS_FILE_BASE)
SETTINGS.update(LOCAL_SETTINGS)

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": "publishconf.py",
    # Output path. Can be absolute or relative to tasks.py. Default: 'output'
    "deploy_path": SETTINGS["OUTPUT_PATH"],
    # Host and port for `serve`
    "host": "localhost",
    "port": 8000,
    # GitHub Pages: branch and remote ghp-import pushes to
    "github_pages_branch": "gh-pages",
    "github_pages_remote": "origin",
}

# Zip entries get this timestamp, so the same site always gives the same zip.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)


@task
def clean(c):
    """Remove generated files"""
    if os.path.isdir(CONFIG["deploy_path"]):
        shutil.rmtree(CONFIG["deploy_path"])
        os.makedirs(CONFIG["deploy_path"])


@task(help={"strict": "exit non-zero on any warning (for CI and publishing)"})
def build(c, strict=False):
    """Build the digest from seeds/ into output/; a failed build leaves output/ as it was"""
    output = Path(CONFIG["deploy_path"])
    warnings = atomic_build(CONFIG["settings_base"], output)
    # Where the build ran in this process (no fork), it ends next: the collector
    # need not walk the build's objects again (about 0.5 s at 10,000 seeds).
    gc.freeze()
    print_report(output / "report.json", warnings)
    if strict and warnings:
        sys.exit(f"--strict: {warnings} warning(s) in the build (see above and output/report.html)")


@task
def rebuild(c):
    """Build from scratch: delete output/ and read every seed again, ignoring the cache"""
    pelican_run("-d --ignore-cache -s {settings_base}".format(**CONFIG))


@task
def regenerate(c):
    """Automatically regenerate site upon file modification"""
    pelican_run("-r -s {settings_base}".format(**CONFIG))


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=None):
    """Serve output/ at http://localhost:8000/ (--port to change); a missing page gets 404.html"""
    _plugin_package()
    from news_digest.devserver import SiteRequestHandler

    port = int(port or CONFIG["port"])

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        CONFIG["deploy_path"],
        (CONFIG["host"], port),
        SiteRequestHandler,
    )

    if OPEN_BROWSER_ON_SERVE:
        import webbrowser

        webbrowser.open(f"http://{CONFIG['host']}:{port}/index.html")

    sys.stderr.write(f"Serving at {CONFIG['host']}:{port} ...\n")
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`"""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the public version of the site (publishconf.py)"""
    warn_without_siteurl()
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=None):
    """Rebuild on every change to seeds, content, theme or settings, and reload the browser tab"""
    _plugin_package()
    from news_digest.devserver import live_reload_server

    port = int(port or CONFIG["port"])

    def cached_build():  # the content cache is on in pelicanconf.py
        pelican_run("-s {settings_base}".format(**CONFIG))

    cached_build()
    server = live_reload_server(CONFIG["deploy_path"])
    theme_path = SETTINGS["THEME"]
    watched_globs = [
        CONFIG["settings_base"],
        f"{theme_path}/templates/**/*.html",
        f"{theme_path}/static/**/*",
        "seeds/**/*",
        "content/**/*",
        "plugins/**/*.py",
    ]
    for glob in watched_globs:
        server.watch(glob, cached_build)

    if OPEN_BROWSER_ON_SERVE:
        import webbrowser

        webbrowser.open(f"http://{CONFIG['host']}:{port}/index.html")

    server.serve(host=CONFIG["host"], port=port, root=CONFIG["deploy_path"])


@task
def extract(c, src, dest):
    """Clean every raw page in SRC (``*.txt`` except ``*.gold.txt``) into DEST: body .txt + .json"""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))
    from news_digest.extract import extract_dir
    from news_digest.reader import site_timezone

    articles = extract_dir(Path(src), Path(dest), timezone=site_timezone(SETTINGS))
    print(f"extracted {len(articles)} pages from {src} into {dest}")


# -- authoring: add a seed, annotate it, check what the cleaner is unsure of ------------

#: Commands that print the clipboard, tried in order where ``--clipboard`` is given
#: or nothing is piped in.
CLIPBOARD_COMMANDS = (
    ("wl-paste", "--no-newline"),
    ("xclip", "-selection", "clipboard", "-o"),
    ("xsel", "--clipboard", "--output"),
    ("pbpaste",),
    ("powershell.exe", "-NoProfile", "-Command", "Get-Clipboard"),
)


def _plugin_package():
    """The plugin's package, importable from the tasks without a build."""
    plugins = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)
    import news_digest

    return news_digest


def _seed_folder():
    return Path(SETTINGS["PATH"]) / SETTINGS["ARTICLE_PATHS"][0]


def _clipboard_text():
    for command in CLIPBOARD_COMMANDS:
        if shutil.which(command[0]):
            done = subprocess.run(command, capture_output=True, check=False)
            if done.returncode == 0 and done.stdout.strip():
                return done.stdout
    return None


def _clean_seed_file(path):
    """The cleaner's record of the seed at ``path``, with its annotation's forced lines."""
    _plugin_package()
    from news_digest.cleaner import clean_bytes
    from news_digest.curation import annotations_dir, clean_seed, load_seed_annotation
    from news_digest.reader import site_timezone

    annotation = load_seed_annotation(path, annotations_dir(SETTINGS))
    return clean_seed(clean_bytes, path.read_bytes(), annotation, site_timezone(SETTINGS))


#: The evaluation corpus, beside the repository.
DEFAULT_EVAL = os.path.join("..", "shared", "eval")


@task(
    help={
        "file": "read the article from this file (default: standard input, else the clipboard)",
        "clipboard": "read the article from the clipboard (wl-paste, xclip, xsel or pbpaste)",
        "name": "the seed's file name without .txt (default: from its headline)",
    }
)
def add(c, file=None, clipboard=False, name=None):
    """Add an article's text as a new seed, named after its headline, and show what was found"""
    _plugin_package()
    from news_digest.authoring import describe, printable, seed_stem
    from news_digest.cleaner import UndecodableError, clean_bytes

    if file:
        data = Path(file).read_bytes()
    elif clipboard or sys.stdin is None or sys.stdin.isatty():
        data = _clipboard_text()
        if data is None:
            sys.exit(
                "add: nothing to read: pipe the text in (invoke add < article.txt), "
                "give --file, or install wl-paste, xclip or xsel for the clipboard"
            )
    else:
        data = sys.stdin.buffer.read()
    if not data.strip():
        sys.exit("add: the text is empty; nothing was added")
    try:
        article = clean_bytes(data)
    except UndecodableError as error:
        sys.exit(f"add: {error}: a seed must be text; nothing was added")
    folder = _seed_folder()
    folder.mkdir(parents=True, exist_ok=True)
    for other in folder.rglob("*.txt"):
        if other.stat().st_size == len(data) and other.read_bytes() == data:
            sys.exit(f"add: the same text is already {other.as_posix()}; nothing was added")
    taken = {p.stem for p in folder.glob("*.txt")}
    if name:
        stem = seed_stem(name, name)
        if stem in taken:
            sys.exit(f"add: {folder / stem}.txt exists; choose another --name")
    else:
        stem = seed_stem(article.title, data.decode("utf-8", "replace"), taken)
    path = folder / f"{stem}.txt"
    with open(path, "xb") as seed:  # never over an existing seed
        seed.write(data)
    print(f"Added {path.as_posix()}")
    for line in describe(article):
        print(f"  {line}")
    print(
        f"Annotate it with: invoke annotate {printable(stem)}   "
        "(then invoke build, and check output/report.html)"
    )


@task(help={"seed": "the seed: its file name, with or without .txt, or its path"})
def annotate(c, seed):
    """Write an annotation stub for SEED: its headline and lines to quote, ready to edit"""
    _plugin_package()
    from news_digest.authoring import annotation_stub
    from news_digest.curation import annotation_path, annotations_dir

    folder = _seed_folder().resolve()
    path = Path(seed).resolve()
    if not path.is_file():
        path = folder / (path.name if path.suffix == ".txt" else f"{path.name}.txt")
    if not path.is_file() or folder not in path.parents:
        sys.exit(f"annotate: no seed {seed!r} in {_seed_folder().as_posix()}/")
    target = annotation_path(path, annotations_dir(SETTINGS))
    if target.exists():
        sys.exit(f"annotate: {target.as_posix()} exists already; edit it")
    seed_name = path.resolve().relative_to(Path(SETTINGS["PATH"]).resolve()).as_posix()
    stub = annotation_stub(seed_name, _clean_seed_file(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(stub, encoding="utf-8")
    print(f"Wrote {target.as_posix()}: add tags, highlights or a note, then invoke build")


@task
def check(c):
    """List the seeds whose title, byline, date or source the cleaner is unsure of (no build)"""
    _plugin_package()
    from news_digest.authoring import printable, unsure
    from news_digest.cleaner import UndecodableError

    seeds = sorted(_seed_folder().rglob("*.txt"))
    flagged = 0
    for path in seeds:
        try:
            notes = unsure(_clean_seed_file(path))
        except UndecodableError as error:
            notes = [str(error)]
        if notes:
            flagged += 1
            print(f"{path.as_posix()}:")
            for note in notes:
                print(f"  {printable(note)}")
    print(f"{flagged} of {len(seeds)} seed(s) to check")


@task(
    help={
        "eval": "the evaluation corpus (default ../shared/eval)",
        "folders": "space-separated folders of it to score (default: all ten)",
        "corpus_lines": "also learn furniture repeated across each folder (the build does not)",
        "cv": "also print the headline ranker's cross-validated figures (slow)",
    }
)
def evaluate(c, eval=DEFAULT_EVAL, folders=None, corpus_lines=False, cv=False):
    """Extract and score every evaluation folder: one table of body, title, authors, dates"""
    command = [sys.executable, "bench/evaluate.py", "--eval", eval]
    if folders:
        command += ["--folders", *folders.split()]
    if corpus_lines:
        command.append("--corpus-lines")
    c.run(shlex.join(command), pty=False)
    if cv:
        command = [sys.executable, "bench/train.py", "--eval", eval, "--no-save"]
        c.run(shlex.join(command), pty=False)


@task(help={"eval": "the evaluation corpus (default ../shared/eval)"})
def train(c, eval=DEFAULT_EVAL):
    """Retrain the headline ranker from the evaluation corpus (needs requirements-dev.txt)"""
    c.run(shlex.join([sys.executable, "bench/train.py", "--eval", eval]), pty=False)


@task(
    help={
        "n": "seeds to generate (default 1000)",
        "sizes": "comma-separated sizes",
        "repeat": "runs of each build; the table shows medians (default 1)",
    }
)
def bench(c, n=1000, sizes=None, repeat=1, corpus="generated"):
    """Benchmark our build of N seeds against plain Pelican (prints a table)

    ``--corpus news-articles`` builds distinct real articles instead of generated seeds.
    """
    extra = f" --sizes {shlex.quote(sizes)}" if sizes else ""
    command = (
        f"bench/bench.py --n {int(n)}{extra} --repeat {int(repeat)} --corpus {shlex.quote(corpus)}"
    )
    c.run(f"{shlex.quote(sys.executable)} {command}", pty=False)


def _long_flag_n(argv):
    """``invoke bench --n N`` as the README writes it: invoke spells a one-letter option ``-n``."""
    return [
        "-n" if arg == "--n" else "-n" + arg[3:] if arg.startswith("--n=") else arg for arg in argv
    ]


# tasks.py is loaded after invoke's own options are parsed and before the tasks' are.
if getattr(program, "core", None) is not None:
    program.core.unparsed[:] = _long_flag_n(program.core.unparsed)


@task
def settings(c):
    """Print the table of every NEWS_DIGEST_* setting and its default (docs/settings.md)"""
    _plugin_package()
    from news_digest.settings import markdown_table

    print(markdown_table(), end="")


@task
def test(c):
    """Run the test suite"""
    c.run(f"{shlex.quote(sys.executable)} -m pytest", pty=False)


@task
def lint(c):
    """Lint the project with ruff"""
    c.run(f"{shlex.quote(sys.executable)} -m ruff check .", pty=False)


@task(
    help={
        "branch": "branch to publish to (default gh-pages)",
        "remote": "git remote to push to (default origin)",
        "cname": "custom domain written to CNAME",
        "push": "push the branch after committing (default yes)",
    }
)
def gh_pages(c, branch=None, remote=None, cname=None, push=True):
    """Build the public site and publish it to the gh-pages branch with ghp-import"""
    from ghp_import import ghp_import

    branch = branch or CONFIG["github_pages_branch"]
    remote = remote or CONFIG["github_pages_remote"]
    message = f"Publish digest built from {source_description(c)}"
    warn_without_siteurl()
    with tempfile.TemporaryDirectory() as tmp:
        # A failed build raises SystemExit here: nothing half-built is published.
        site = Path(tmp) / "site"
        build_into(site, CONFIG["settings_publish"])
        ghp_import(
            str(site),
            mesg=message,
            branch=branch,
            remote=remote,
            push=push,
            nojekyll=True,
            cname=cname,
        )
    sys.stderr.write(f"Published to {remote}/{branch}: {message}\n")


def source_description(c):
    """The commit the site is built from, and whether the tree differs from it."""
    head = c.run("git rev-parse --short HEAD", hide=True, warn=True)
    if not head.ok or not head.stdout.strip():
        return "a tree with no commit"
    changes = c.run("git status --porcelain --untracked-files=all", hide=True, warn=True)
    dirty = " with uncommitted changes" if changes.ok and changes.stdout.strip() else ""
    return f"{head.stdout.strip()}{dirty}"


def warn_without_siteurl():
    """Feeds and the sitemap need absolute links: say so when they will be left out."""
    if not get_settings_from_file(CONFIG["settings_publish"]).get("SITEURL"):
        sys.stderr.write(
            "Warning: SITEURL is not set, so the Atom feeds and sitemap.xml are left out; "
            "set it to the site's address, e.g. SITEURL=https://you.github.io/repo\n"
        )


@task(
    help={
        "dest": "zip file to write (default news-digest.zip)",
        "publish": "build with publishconf.py instead of pelicanconf.py",
    }
)
def package(c, dest="news-digest.zip", publish=False):
    """Build the site and zip it for offline reading: unzip anywhere, open index.html"""
    settings = CONFIG["settings_publish"] if publish else CONFIG["settings_base"]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_into(site, settings)
        write_zip(site, Path(dest), top=Path(dest).stem)
    sys.stderr.write(f"Wrote {dest}\n")


class _WarningCounter(logging.Handler):
    """Counts the build's warnings and errors, and shows each warning on one line.

    The details are in the build report; Pelican's own handler wrapped each
    warning over several lines. Errors keep Pelican's handler (and traceback).
    What is shown is what is counted, so the summary and ``--strict`` agree.
    """

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1
        if record.levelno < logging.ERROR:
            from rich.text import Text

            message = " ".join(record.getMessage().split())
            console.print(Text(f"WARNING {_printable(message)}"), soft_wrap=True)


def _not_a_warning(record):
    return record.levelno != logging.WARNING


def _printable(text):
    _plugin_package()
    from news_digest.authoring import printable

    return printable(text)


class BuildProgress:
    """A progress bar for a build that takes more than :attr:`after` seconds (on a terminal).

    Driven by Pelican's signals in the build's own process: articles made
    while reading, then articles handed to the writer. No refresh thread:
    the plugin's workers fork only from a single-threaded process.
    """

    #: Seconds a build runs before the bar is shown.
    after = 3.0
    #: At most this many redraws a second.
    redraws = 10

    def __init__(self, seeds, output=None):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.seeds = seeds
        self.console = output or console
        # Asked once: rich checks the stream again each time, and a build steps
        # tens of thousands of times.
        self.terminal = self.console.is_terminal
        self.started = time.monotonic()
        self.drawn = 0.0
        self.shown = False
        self.progress = Progress(
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            auto_refresh=False,
        )
        self.reading = self.progress.add_task("Reading seeds", total=seeds)
        self.writing = self.progress.add_task("Writing pages", total=seeds, start=False)

    def connect(self):
        from pelican import signals
        from pelican.contents import Article

        def read(sender, **kwargs):
            if isinstance(sender, Article):
                self.step(self.reading)

        self._receivers = [
            (signals.content_object_init, read),
            (signals.article_generator_finalized, lambda sender: self.done(self.reading)),
            (signals.article_generator_write_article, lambda sender, **kw: self.step(self.writing)),
            (signals.finalized, lambda sender: self.stop()),
        ]
        for signal, receiver in self._receivers:
            signal.connect(receiver)
        return self

    def disconnect(self):
        for signal, receiver in self._receivers:
            signal.disconnect(receiver)
        self.stop()

    def step(self, task):
        self.progress.start_task(task)
        self.progress.advance(task)
        self.redraw()

    def done(self, task):
        self.progress.update(task, completed=self.seeds)
        self.progress.start_task(self.writing)
        self.redraw()

    def redraw(self):
        now = time.monotonic()
        if not self.terminal or now - self.started < self.after:
            return
        if not self.shown:
            self.progress.start()
            self.shown = True
        if now - self.drawn >= 1 / self.redraws:
            self.progress.refresh()
            self.drawn = now

    def stop(self):
        if self.shown:
            self.progress.stop()
            self.shown = False


def _seed_count(settings_file):
    settings = get_settings_from_file(settings_file)
    base = Path(settings.get("PATH", "."))
    return sum(
        1
        for folder in settings.get("ARTICLE_PATHS", ["seeds"])
        for _ in (base / folder).rglob("*.txt")
    )


@contextlib.contextmanager
def build_lock(output):
    """One build of ``output`` at a time: a lock on the folder that holds it.

    Two builds would share ``output.partial/`` and swap each other's
    half-built sites in. A second build says it is waiting, and waits. The
    lock is the system's (``flock`` on the folder itself), so no lock file is
    left behind, and a build that is killed holds none. Where ``fcntl`` is
    missing (Windows) builds are not serialised.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    folder = output.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write(
                f"Another build is writing {output}/ (it holds the lock on {folder}): "
                "waiting for it to finish…\n"
            )
            sys.stderr.flush()
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and with it the lock


def atomic_build(settings, output):
    """Build into a sibling folder and swap it in only when the build succeeded.

    One build at a time (:func:`build_lock`). Returns how many warnings were logged.
    """
    with build_lock(output):
        return _atomic_build(settings, output)


def _atomic_build(settings, output):
    partial = output.with_name(output.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    for left in output.parent.iterdir() if output.parent.is_dir() else []:
        if left.name == f"{output.name}.old" or left.name.startswith(f"{output.name}.old-"):
            remove_later(left)  # an earlier site whose deletion was cut short
    try:
        warnings = build_into(partial, settings, previous=output if output.is_dir() else None)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    if output.exists():
        old = output.with_name(f"{output.name}.old-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        output.rename(old)
        partial.rename(output)
        remove_later(old)
    else:
        partial.rename(output)
    return warnings


def remove_later(folder):
    """Delete ``folder`` in a process of its own, which the build does not wait for.

    The previous site is out of the way once renamed; deleting its tens of
    thousands of files took seconds at the end of every build.
    """
    # At the lowest priority, so a build started meanwhile keeps its cores (no nice on Windows).
    # A folder left read-only (output/ made so by hand) is made writable to be
    # emptied, or it would stay behind as output.old-<pid>.
    script = (
        "import os, shutil, stat, sys; getattr(os, 'nice', lambda n: 0)(19)\n"
        "def writable(function, path, error):\n"
        "    for each in {os.path.dirname(path), path}:\n"
        "        if os.path.isdir(each) and not os.path.islink(each):\n"
        "            os.chmod(each, stat.S_IRWXU)\n"
        "    function(path)\n"
        "try:\n"
        "    shutil.rmtree(sys.argv[1], onerror=writable)\n"
        "except OSError:\n"
        "    shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped by the build's Ctrl-C
    )


def print_report(path, warnings):
    """The build's summary; ``warnings`` is the count ``--strict`` goes by (each shown above)."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    counts = data["summary"]
    sys.stderr.write(
        f"Build report: {len(data['seeds'])} seed(s): {counts['published']} published, "
        f"{counts['duplicate']} duplicate, {counts['rejected']} rejected; "
        f"{warnings} warning(s) — see {path.with_suffix('.html')}\n"
    )


def build_into(output, settings, previous=None):
    """Build the site with ``settings`` into a fresh ``output`` folder; how many warnings it logged.

    The pages and files that come out the same as in the site at ``previous``
    are hard-linked from it rather than written again (the plugin's ``reuse``).
    """
    argv = ["-s", settings, "-o", str(output), "--delete-output-directory"]
    if previous is not None:
        argv += ["-e", f"NEWS_DIGEST_PREVIOUS_SITE={json.dumps(str(Path(previous).resolve()))}"]
    return in_child(_counting_warnings, argv)


def _counting_warnings(argv):
    """Pelican's command line run with ``argv``; how many warnings it logged."""
    counter = _WarningCounter()
    init_logging = pelican.init_logging

    def init_then_count(*args, **kwargs):
        # Pelican's handler first: ``logging.basicConfig`` sets up nothing once
        # the root logger has a handler, and the build's messages went nowhere.
        init_logging(*args, **kwargs)
        for handler in logging.getLogger().handlers:
            handler.addFilter(_not_a_warning)  # warnings: one line each, from the counter
        logging.getLogger().addHandler(counter)

    pelican.init_logging = init_then_count
    progress = BuildProgress(_seed_count(argv[argv.index("-s") + 1])).connect()
    try:
        pelican_main(argv)
    finally:
        progress.disconnect()
        pelican.init_logging = init_logging
        for handler in logging.getLogger().handlers:
            handler.removeFilter(_not_a_warning)
        logging.getLogger().removeHandler(counter)
    return counter.count


def in_child(function, *args):
    """``function(*args)``, a whole number, run in a forked child where this process can fork.

    A build of 10,000 seeds leaves about a gigabyte of objects, and freeing
    them one by one as the process ended took about 0.8 s of every build. The
    child ends with ``os._exit`` once its output is flushed, and the system
    takes its memory back whole; the task goes on here (the swap, the report,
    the next task) without it. A child that fails exits as the build would
    have: ``SystemExit`` with its code here.
    """
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return function(*args)  # a fork copies any lock another thread holds
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        code = 1
        try:
            os.write(write, str(int(function(*args))).encode())
            code = 0
        except SystemExit as stop:
            if isinstance(stop.code, int) or stop.code is None:
                code = stop.code or 0
            else:
                sys.stderr.write(f"{stop.code}\n")
        except BaseException:
            traceback.print_exc()
        finally:
            logging.shutdown()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write)
    try:
        with os.fdopen(read, "rb") as stream:
            result = stream.read()
    finally:
        # Also after Ctrl-C, which the child gets too: it ends before the task does.
        code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if code:
        raise SystemExit(code if code > 0 else 128 - code)
    return int(result) if result else 0


def write_zip(site, dest, top):
    """Zip ``site`` under folder ``top`` with sorted entries and fixed timestamps."""
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
        for name, path in sorted(files.items()):
            info = zipfile.ZipInfo(f"{top}/{name}", ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())


def pelican_main(argv):
    """Pelican's command line, without its "Generating…" spinner.

    The spinner redraws from a second thread, and the plugin spreads a build
    over forked worker processes only from a single-threaded process (a fork
    copies any lock another thread holds). The build report is the summary.
    """
    console.status = lambda *args, **kwargs: contextlib.nullcontext()
    try:
        pelican_cli(argv)
    finally:
        del console.status  # Console.status again


def pelican_run(cmd):
    cmd += " " + program.core.remainder  # allows to pass-through args to pelican
    pelican_main(shlex.split(cmd))
