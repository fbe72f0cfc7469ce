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
import traceback
import zipfile
from pathlib import Path

import pelican
from invoke import task
from invoke.main import program
from pelican import main as pelican_cli
from pelican.log import console
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
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
    print_report(output / "report.json")
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


@task
def serve(c):
    """Serve site at http://$HOST:$PORT/ (default is localhost:8000)"""

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        CONFIG["deploy_path"],
        (CONFIG["host"], CONFIG["port"]),
        ComplexHTTPRequestHandler,
    )

    if OPEN_BROWSER_ON_SERVE:
        import webbrowser

        webbrowser.open("http://{host}:{port}/index.html".format(**CONFIG))

    sys.stderr.write("Serving at {host}:{port} ...\n".format(**CONFIG))
    server.serve_forever()


@task
def reserve(c):
    """`build`, then `serve`"""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the public version of the site (publishconf.py)"""
    pelican_run("-s {settings_publish}".format(**CONFIG))


@task
def livereload(c):
    """Rebuild on every change to seeds, content, theme or settings, and reload the browser tab"""
    from livereload import Server

    def cached_build():  # the content cache is on in pelicanconf.py
        pelican_run("-s {settings_base}".format(**CONFIG))

    cached_build()
    server = Server()
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

        webbrowser.open("http://{host}:{port}/index.html".format(**CONFIG))

    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task
def extract(c, src, dest):
    """Clean every raw page in SRC (``*.txt`` except ``*.gold.txt``) into DEST: body .txt + .json"""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))
    from news_digest.extract import extract_dir

    articles = extract_dir(Path(src), Path(dest))
    print(f"extracted {len(articles)} pages from {src} into {dest}")


#: The evaluation corpus, beside the repository.
DEFAULT_EVAL = os.path.join("..", "shared", "eval")


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
def bench(c, n=1000, sizes=None, repeat=1):
    """Benchmark our build of N generated seeds against plain Pelican (prints a table)"""
    extra = f" --sizes {shlex.quote(sizes)}" if sizes else ""
    command = f"bench/bench.py --n {int(n)}{extra} --repeat {int(repeat)}"
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
    source = c.run("git rev-parse --short HEAD", hide=True, warn=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        # A failed build raises SystemExit here: nothing half-built is published.
        site = Path(tmp) / "site"
        build_into(site, CONFIG["settings_publish"])
        message = f"Publish digest built from {source or 'an uncommitted tree'}"
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
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def atomic_build(settings, output):
    """Build into a sibling folder and swap it in only when the build succeeded.

    Returns how many warnings were logged.
    """
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
    script = (
        "import os, shutil, sys; getattr(os, 'nice', lambda n: 0)(19); "
        "shutil.rmtree(sys.argv[1], ignore_errors=True)"
    )
    return subprocess.Popen(
        [sys.executable, "-c", script, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped by the build's Ctrl-C
    )


def print_report(path):
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    counts = data["summary"]
    sys.stderr.write(
        f"Build report: {len(data['seeds'])} seed(s): {counts['published']} published, "
        f"{counts['duplicate']} duplicate, {counts['rejected']} rejected, "
        f"{counts['warnings']} warning(s) — see {path.with_suffix('.html')}\n"
    )
    for seed in data["seeds"]:
        if seed["status"] != "published":
            detail = seed["reason"]
            sys.stderr.write(f"  {seed['status']}: {seed['file']}: {detail}\n")


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
        logging.getLogger().addHandler(counter)

    pelican.init_logging = init_then_count
    try:
        pelican_main(argv)
    finally:
        pelican.init_logging = init_logging
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
