"""The build engine: what makes the build fast, and nothing the site shows.

Contract:

- The site is the same with or without the engine's speed-ups, and a warm
  build's is byte for byte a fresh build's (``tests/test_warm_build.py``).
  Every page is rendered every build; the engine never guesses what a
  template reads.
- Parallel work goes through ``workers.fork_map`` (a
  ``concurrent.futures.ProcessPoolExecutor`` on the ``fork`` context): reading
  seeds ahead (``prefetch``) and rendering queued pages (``writer``). It is the
  one seam where another executor could be put.
- What survives between builds: Pelican's content cache (what reading a seed
  made; its stamp covers the seed, its annotation, the plugin's code and the
  settings reading uses: ``curation``), whole-collection results keyed by a
  digest of their inputs (``memo.recall``), and the previous site, whose files
  are hard-linked where the new bytes are the same (``reuse``).
- Every private detail of Pelican the engine needs is in ``pelican_adapter``,
  pinned by ``tests/test_pelican_adapter.py``.
- The text pipeline (``cleaner``, ``enrich``, ``annotations``) never imports it.
"""
