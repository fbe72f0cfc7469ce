"""Lead-based summary and reading time."""

from __future__ import annotations

#: Words per minute of an adult reading news prose.
READING_WPM = 230
#: The summary is the lead, cut at a sentence end near this many words.
SUMMARY_WORDS = 55


def reading_minutes(words: int) -> int:
    return max(1, round(words / READING_WPM))


def lead_summary(paragraphs: list[str], words: int = SUMMARY_WORDS) -> str:
    """The opening of the article, up to ``words`` words, ending at a sentence if it can."""
    text = " ".join(paragraphs)
    tokens = text.split()
    if len(tokens) <= words:
        return text
    cut = " ".join(tokens[:words])
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "), cut.rfind(".” "))
    if end > len(cut) // 2:
        return cut[: end + 1].rstrip() + ("”" if cut[end : end + 2] == ".”" else "")
    return cut.rstrip(",;:—– ") + " …"
