"""A warm build (``invoke build`` over the previous site and cache) gives a fresh build's site.

Each test edits a small project, builds it again where it stands, builds a
clean copy of it from nothing, and compares the two sites byte for byte.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from test_bad_input import story

PERSON = "Attorney General Jeff Sessions said on the day that the department would review it."


def dated_story(title: str, date: str) -> str:
    """A seed naming one person, ``date`` in its byline."""
    return story(title, date=date) + f"\n{PERSON}\n"


def project(tmp_path: Path, name: str = "project") -> Path:
    """The project without its seeds, outputs or cache."""
    from test_publish import COPY_IGNORE

    copy = tmp_path / name
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    for seed in (copy / "seeds").iterdir():
        seed.unlink()
    return copy


TOPICS = ["Harbour", "Council", "Rail", "School", "Bridge", "Library", "Market", "Ferry"]


def numbered_project(tmp_path: Path, name: str = "project", seeds: int = 16) -> Path:
    """The project with ``seeds`` more seeds, a year apart, building on two workers."""
    folder = tmp_path / name
    from test_publish import COPY_IGNORE

    shutil.copytree(ROOT, folder, ignore=COPY_IGNORE)
    for number in range(seeds):
        title = f"{TOPICS[number % len(TOPICS)]} report number {number}"
        # A year apart: no two in one story, which would link their pages all together.
        text = story(title, date=f"Mar {1 + number % 27}, {2000 + number}")
        (folder / "seeds" / f"seed-{number:05d}.txt").write_text(
            f"{text}\nShare this article\n\nComments\n", "utf-8"
        )
    with open(folder / "pelicanconf.py", "a", encoding="utf-8") as settings:
        # Pages are queued for the workers on any machine, here.
        settings.write("\nNEWS_DIGEST_WORKERS = 2\nNEWS_DIGEST_PARALLEL_MIN_PAGES = 1\n")
    return folder


def edit(path: Path, change) -> None:
    path.write_text(change(path.read_text("utf-8")), "utf-8")


def invoke_build(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "build"], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def site(output: Path) -> dict[str, bytes]:
    return {
        p.relative_to(output).as_posix(): p.read_bytes() for p in output.rglob("*") if p.is_file()
    }


def fresh_site(folder: Path, scratch: Path) -> dict[str, bytes]:
    """The site a build of ``folder``'s sources, with no output or cache, makes."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(folder, scratch, ignore=shutil.ignore_patterns("output*", "cache"))
    invoke_build(scratch)
    return site(scratch / "output")


def differing(warm: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    return sorted(p for p in warm.keys() | fresh.keys() if warm.get(p) != fresh.get(p))


def test_a_template_reading_a_neighbours_title_is_right_after_an_older_seed_is_added(tmp_path):
    """The theme reads two levels into a listed article; a new oldest seed changes them."""
    folder = project(tmp_path)
    macros = folder / "theme" / "templates" / "_macros.html"
    text = macros.read_text("utf-8")
    line = '<article class="entry">\n'
    shown = "{% if article.prev_article %}<p>Older: {{ article.prev_article.title }}</p>{% endif %}"
    macros.write_text(text.replace(line, line + shown + "\n", 1), "utf-8")
    seeds = folder / "seeds"
    (seeds / "a.txt").write_text(dated_story("Harbour Board Meets", "Feb 14, 2018"), "utf-8")
    (seeds / "b.txt").write_text(dated_story("Council Backs Ferry", "Feb 20, 2018"), "utf-8")
    invoke_build(folder)
    person = folder / "output" / "people" / "jeff-sessions.html"
    assert person.is_file()
    assert "Older:" in person.read_text("utf-8")  # b's entry names a

    # c does not name the person: the person's page lists a and b, and a's neighbour changes.
    (seeds / "c.txt").write_text(story("Rail Strike Called Off", date="Feb 10, 2018"), "utf-8")
    invoke_build(folder)
    warm = site(folder / "output")
    assert differing(warm, fresh_site(folder, tmp_path / "fresh")) == []
    assert "Older: Rail Strike Called" in warm["people/jeff-sessions.html"].decode()


def test_rebuilds_after_every_kind_of_edit_give_a_fresh_builds_site(tmp_path):
    folder = numbered_project(tmp_path)
    invoke_build(folder)
    seeds = sorted((folder / "seeds").glob("seed-*.txt"))
    notes = folder / "content" / "annotations"
    edits = {
        "page furniture": lambda: edit(seeds[0], lambda t: t + "\nShare this article\n"),
        "a title": lambda: edit(seeds[1], lambda t: "Harbour Cranes Stand Idle\n" + t),
        "a body": lambda: edit(
            seeds[2], lambda t: t + "\nThe council will meet again on Tuesday about it.\n"
        ),
        "an annotation added": lambda: (notes / f"{seeds[3].stem}.md").write_text(
            "---\ntags: [Harbour]\n---\nA note from the curator.\n", "utf-8"
        ),
        "an annotation edited": lambda: edit(
            notes / f"{seeds[3].stem}.md", lambda t: t.replace("[Harbour]", "[Harbour, Cranes]")
        ),
        "a seed removed": lambda: seeds[4].unlink(),
        "a seed added": lambda: (folder / "seeds" / "zz-new.txt").write_text(
            "Rail Strike Called Off\n\n" + seeds[5].read_text("utf-8"), "utf-8"
        ),
        "a setting": lambda: edit(
            folder / "pelicanconf.py", lambda t: t + '\nSITENAME = "The Harbour Digest"\n'
        ),
        "a template": lambda: edit(
            folder / "theme" / "templates" / "_macros.html",
            lambda t: t.replace("min read", "minutes to read"),
        ),
        "a hand-written page": lambda: edit(
            next((folder / "content" / "pages").glob("*.md")), lambda t: t + "\nOne more line.\n"
        ),
    }
    for name, apply in edits.items():
        apply()
        invoke_build(folder)
        assert differing(site(folder / "output"), fresh_site(folder, tmp_path / "fresh")) == [], (
            name
        )


# -- random sequences of edits ------------------------------------------------

#: Lines a random edit adds to the entry macro: reads one, two and three links deep.
TEMPLATE_LINES = [
    "{% if article.prev_article %}<p>Older: {{ article.prev_article.title }}</p>{% endif %}",
    "{% if article.next_article and article.next_article.next_article %}"
    "<p>Two on: {{ article.next_article.next_article.title }}</p>{% endif %}",
    "{% if article.prev_article and article.prev_article.prev_article"
    " and article.prev_article.prev_article.prev_article %}"
    "<p>Three back: {{ article.prev_article.prev_article.prev_article.date }}</p>{% endif %}",
    "<p>{{ article.tags|length }} tags, {{ article.week.url if article.week }}</p>",
]
RULE_TAGS = ["Harbour works", "Transport", "Civic", "Schools"]
RULE_WORDS = ["harbour", "council", "rail|ferry", "school", "bridge"]
NAMES = ["Jeff Sessions", "Jane Porter", "Ann Lee", "Omar Haddad"]


class RandomEdits:
    """Edits of every kind, picked and made by a seeded random generator."""

    def __init__(self, folder: Path, rng: random.Random):
        self.folder, self.rng = folder, rng
        self.seeds = folder / "seeds"
        self.notes = folder / "content" / "annotations"
        self.made = 0

    def _seeds(self) -> list[Path]:
        return sorted(self.seeds.glob("*.txt"))

    def _text(self) -> str:
        rng = self.rng
        self.made += 1
        title = f"{rng.choice(TOPICS)} {rng.choice(['plan', 'vote', 'report', 'row'])} {self.made}"
        day = f"{rng.choice(['Feb', 'Mar'])} {rng.randint(1, 28)}, 2018"
        person = f"\n{rng.choice(NAMES)} said on the day that the work would go ahead.\n"
        return story(title, date=day) + (person if rng.random() < 0.7 else "")

    def add_seed(self):
        (self.seeds / f"r{self.made:03d}.txt").write_text(self._text(), "utf-8")

    def edit_seed(self):
        seed = self.rng.choice(self._seeds())
        line = self.rng.choice(
            ["\nThe council will meet again on Tuesday.\n", "\nShare this article\n", ""]
        )
        if line:
            edit(seed, lambda t: t + line)
        else:  # a new date in the byline
            day = f"Feb {self.rng.randint(1, 28)}, 2018"
            edit(seed, lambda t: t.replace("By Ann Lee", f"By Ann Lee {day} |", 1))

    def delete_seed(self):
        seeds = self._seeds()
        if len(seeds) > 2:
            self.rng.choice(seeds).unlink()

    def rename_seed(self):
        seed = self.rng.choice(self._seeds())
        seed.rename(seed.with_name(f"moved-{self.made}-{seed.name}"))
        self.made += 1

    def annotate(self):
        seed = self.rng.choice(self._seeds())
        note = self.notes / f"{seed.stem}.md"
        if note.exists() and self.rng.random() < 0.3:
            note.unlink()
            return
        tags = self.rng.sample(RULE_TAGS, self.rng.randint(0, 2))
        title = self.rng.choice(["", f"title: A curated title {self.made}\n"])
        note.write_text(
            f"---\ntags: [{', '.join(tags)}]\n{title}---\nA note, take {self.made}.\n", "utf-8"
        )
        self.made += 1

    def edit_rules(self):
        rules = self.folder / "content" / "tagging-rules.yaml"
        tag, word = self.rng.choice(RULE_TAGS), self.rng.choice(RULE_WORDS)
        edit(rules, lambda t: t + f'  - tags: [{tag}]\n    if:\n      body: "{word}"\n')

    def edit_settings(self):
        line = self.rng.choice(
            [
                f'SITENAME = "Digest {self.made}"',
                f"DEFAULT_PAGINATION = {self.rng.randint(2, 5)}",
                f"NEWS_DIGEST_REPORT_PER_PAGE = {self.rng.randint(2, 6)}",
            ]
        )
        self.made += 1
        edit(self.folder / "pelicanconf.py", lambda t: t + f"\n{line}\n")

    def edit_template(self):
        macros = self.folder / "theme" / "templates" / "_macros.html"
        line = self.rng.choice(TEMPLATE_LINES)
        anchor = '<article class="entry">\n'
        edit(macros, lambda t: t.replace(anchor, anchor + line + "\n", 1))

    KINDS = (
        "add_seed",
        "add_seed",
        "edit_seed",
        "delete_seed",
        "rename_seed",
        "annotate",
        "edit_rules",
        "edit_settings",
        "edit_template",
    )

    def any(self) -> str:
        kind = self.rng.choice(self.KINDS)
        getattr(self, kind)()
        return kind


#: Random sequences run, and edits in each (each edit: a warm build and a fresh one).
SEQUENCES, STEPS = 3, 5


def test_random_sequences_of_edits_give_a_fresh_builds_site_after_every_step(tmp_path):
    for sequence in range(SEQUENCES):
        rng = random.Random(sequence)
        folder = project(tmp_path, f"project-{sequence}")
        edits = RandomEdits(folder, rng)
        for _ in range(5):
            edits.add_seed()
        edits.edit_template()  # a theme that reads into linked articles from the start
        invoke_build(folder)
        done = []
        for _ in range(STEPS):
            # Two edits between builds now and then: a build sees more than one change.
            done += [edits.any() for _ in range(rng.choice([1, 1, 2]))]
            invoke_build(folder)
            fresh = fresh_site(folder, tmp_path / "fresh")
            assert differing(site(folder / "output"), fresh) == [], (sequence, done)
